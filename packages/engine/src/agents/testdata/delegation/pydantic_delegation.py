# PydanticAI agent delegation: a tool of one agent awaits another agent (pydantic-ai flight_booking).
import httpx
from pydantic_ai import Agent, RunContext

extraction_agent = Agent("openai:gpt-4o", name="extraction")
search_agent = Agent("openai:gpt-4o", name="search")
notes = {"run": lambda q: q}  # decoy: a .run that is no agent


@extraction_agent.tool
async def fetch_page(ctx: RunContext[None], url: str) -> str:
    return httpx.get(url).text


@search_agent.tool
async def extract_flights(ctx: RunContext[None], text: str) -> str:
    result = await extraction_agent.run(text)
    return str(result.output)


@search_agent.tool
async def jot(ctx: RunContext[None], text: str) -> str:
    return notes["run"](text)
