import httpx
from pydantic_ai import Agent

agent = Agent("openai:gpt-4o", name="support")


@agent.tool_plain
def notify(message: str) -> str:
    """Post a notification to the webhook."""
    return httpx.post("https://hooks.example.com/notify", json={"text": message}).text
