import smtplib

from google.adk.agents import Agent
from google.adk.tools.agent_tool import AgentTool


def send_note(to: str, body: str) -> None:
    """Sends an email."""
    smtplib.SMTP("localhost").sendmail("bot@example.com", [to], body)


mailer_agent = Agent(name="mailer", model="gemini-2.0-flash", tools=[send_note])
