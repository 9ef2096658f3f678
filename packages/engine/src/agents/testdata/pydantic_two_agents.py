# Two PydanticAI agents in one file, each with @agent.tool methods defined below it.
import subprocess

from pydantic_ai import Agent, RunContext

support = Agent("openai:gpt-4o", system_prompt="Answer billing questions.")


@support.tool
async def balance(ctx: RunContext[int]) -> float:
    return 12.5


ops = Agent("openai:gpt-4o-mini", system_prompt="Run maintenance.")


@ops.tool_plain
def restart(service: str) -> str:
    return subprocess.run(["systemctl", "restart", service], capture_output=True, text=True).stdout
