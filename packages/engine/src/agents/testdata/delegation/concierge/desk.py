from google.adk.agents import Agent
from google.adk.tools.agent_tool import AgentTool

from .sub_agents import archive_agent
from .sub_agents.mailer.agent import mailer_agent


async def call_mailer(note: str, tool_context):
    """A tool that runs an agent itself (adk-samples data-science call_db_agent)."""
    return await AgentTool(agent=mailer_agent).run_async(args={"request": note}, tool_context=tool_context)


desk = Agent(name="desk", model="gemini-2.0-flash", sub_agents=[archive_agent], tools=[call_mailer])
