import os

from pydantic_ai import Agent

agent = Agent("openai:gpt-5-mini")


@agent.tool_plain(requires_approval=True)
def delete_file(path: str) -> str:
    os.remove(path)
    return "deleted"


@agent.tool_plain
def remove_cache(path: str) -> str:
    os.remove(path)
    return "removed"
