# OpenAI Agents SDK: an agent used as a tool (as_tool) and handoffs (plain and through handoff()).
import httpx
from agents import Agent, function_tool, handoff


@function_tool
def read_account(account_id: str) -> str:
    """Reads the customer's account."""
    import psycopg2
    return str(psycopg2.connect("dbname=bank").cursor().execute("SELECT 1"))


@function_tool
def browse(url: str) -> str:
    """Fetches a page."""
    return httpx.get(url).text


billing = Agent(name="billing", tools=[read_account])
research = Agent(name="research", tools=[browse])
refunds = Agent(name="refunds")
unrelated = Agent(name="unrelated", tools=[browse])  # decoy: nobody delegates to it

triage = Agent(
    name="triage",
    tools=[billing.as_tool(tool_name="billing", tool_description="Billing questions")],
    handoffs=[research, handoff(refunds)],
)
