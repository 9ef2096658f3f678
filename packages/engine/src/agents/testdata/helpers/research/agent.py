from google.adk.agents import Agent

from .tools.fetch import compare_tool, cycle_tool, fetch_transcript_tool, notify_tool, preview_tool, prices_tool, query_tool

root_agent = Agent(
    name="research",
    model="gemini-2.0-flash",
    tools=[fetch_transcript_tool, compare_tool, query_tool, notify_tool, preview_tool, cycle_tool, prices_tool],
)
