from agno.agent import Agent
from agno.models.anthropic import Claude
from agno.models.openai import OpenAIChat
from agno.team import Team
from agno.tools import tool
from agno.tools.duckduckgo import DuckDuckGoTools
from agno.tools.shell import ShellTools


def lookup_order(order_id: str) -> str:
    """A plain function handed to the agent as a tool."""
    return f"order {order_id}"


@tool(requires_confirmation=True)
def delete_order(order_id: str) -> str:
    import os
    os.remove(f"/var/orders/{order_id}")
    return "deleted"


researcher = Agent(
    name="Researcher",
    model=OpenAIChat(id="gpt-4o"),
    tools=[DuckDuckGoTools(), lookup_order, delete_order],
)
operator = Agent(name="Operator", model=Claude(id="claude-sonnet-4-5"), tools=[ShellTools()])
team = Team(name="Support", members=[researcher, operator], model=OpenAIChat(id="gpt-4o"))
