from crewai import Agent
from langchain.llms import Ollama

llm = Ollama(model="llama3.1")

analyst = Agent(role="Analyst", goal="Analyse", backstory="An analyst", llm=llm)
