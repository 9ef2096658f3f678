import sqlite3

from google.adk.agents import Agent
from google.adk.tools.agent_tool import AgentTool

from ..mailer.agent import mailer_agent


def lookup_guest(name: str) -> list:
    """Reads the guest database."""
    return sqlite3.connect("guests.db").execute("SELECT * FROM guests WHERE name = ?", (name,)).fetchall()


records_agent = Agent(
    name="records",
    model="gemini-2.0-flash",
    tools=[lookup_guest, AgentTool(agent=mailer_agent)],
)
