# Decoy: another project's agent with the same variable name; the concierge imports its own.
from google.adk.agents import Agent

records_agent = Agent(name="other_records", model="gemini-2.0-flash")
