# Google ADK: the coordinator reads web pages itself and delegates to two sub-agents defined in other
# modules (AgentTool, re-exported through the package __init__) and one defined here (sub_agents).
import requests
from google.adk.agents import Agent, SequentialAgent
from google.adk.tools.agent_tool import AgentTool

from .sub_agents.records import records_agent
from .sub_agents.mailer.agent import mailer_agent
from .helpers import make_formatter

formatter = make_formatter()  # decoy: not an agent, so AgentTool(agent=formatter) links nothing


def read_page(url: str) -> str:
    """Fetches any page the model names."""
    return requests.get(url).text


summarizer = Agent(name="summarizer", model="gemini-2.0-flash", instruction="Summarize.")

root_agent = Agent(
    name="concierge",
    model="gemini-2.0-flash",
    instruction="Help the guest.",
    tools=[read_page, AgentTool(agent=records_agent), AgentTool(agent=formatter)],
    sub_agents=[summarizer],
)

pipeline = SequentialAgent(name="pipeline", sub_agents=[root_agent, mailer_agent])
