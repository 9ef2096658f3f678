# PydanticAI tools that reach I/O through injected dependencies: capabilities inferred from the method.
from dataclasses import dataclass

import httpx
from pydantic_ai import Agent, RunContext


@dataclass
class Deps:
    client: httpx.AsyncClient
    db: object
    weather_api_key: str


agent = Agent("openai:gpt-4o", deps_type=Deps)


@agent.tool
async def get_weather(ctx: RunContext[Deps], city: str) -> str:
    r = await ctx.deps.client.get("https://api.weather.example/v1", params={"q": city})
    return r.text


@agent.tool
async def file_ticket(ctx: RunContext[Deps], text: str) -> str:
    r = await ctx.deps.client.post("https://tickets.example/api", json={"text": text})
    return r.text


@agent.tool
async def forget_customer(ctx: RunContext[Deps], customer_id: int) -> None:
    await ctx.deps.db.execute(ctx.deps.statements[customer_id])


@agent.tool
async def count_rows(ctx: RunContext[Deps]) -> int:
    # Decoy: a literal SELECT is judged by its text, not inferred as a write.
    return await ctx.deps.db.execute("SELECT count(*) FROM orders")


@agent.tool
async def key_length(ctx: RunContext[Deps]) -> int:
    # Decoy: reading a plain dependency value is no I/O.
    return len(ctx.deps.weather_api_key.strip())


@agent.tool
async def balance(ctx: RunContext[Deps], customer_id: int) -> float:
    # A project method on the database handle: a read at least.
    return await ctx.deps.db.customer_balance(id=customer_id)
