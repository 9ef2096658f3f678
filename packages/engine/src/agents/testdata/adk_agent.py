from google.adk.agents import Agent
from google.adk.tools import google_search

root_agent = Agent(name="search_assistant", model="gemini-2.0-flash", instruction="Answer with search.", tools=[google_search])
