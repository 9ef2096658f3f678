# OpenAI Agents SDK: sandbox and realtime agents, and a generic Agent[Ctx](...) call.
from agents import Agent, tool
from agents.realtime import RealtimeAgent
from agents.sandbox import SandboxAgent


@tool
def lookup(order_id: str) -> str:
    return order_id


sandboxed = SandboxAgent(name="Builder", instructions="Build it.")
voice = RealtimeAgent(name="Voice", tools=[lookup])
typed = Agent[dict](name="Typed", tools=[lookup])
