import subprocess

from haystack.components.agents import Agent
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.tools import Tool, tool


@tool
def shell_tool(command: str) -> str:
    """Run a shell command."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


def weather(city: str) -> str:
    return f"sunny in {city}"


weather_tool = Tool(name="weather", description="Weather", parameters={}, function=weather)

agent = Agent(
    chat_generator=OpenAIChatGenerator(model="gpt-4o-mini"),
    tools=[shell_tool, weather_tool],
    system_prompt="You are a helpful assistant.",
)

local_agent = Agent(
    chat_generator=OpenAIChatGenerator(model="Qwen/Qwen3-0.6B", api_base_url="http://localhost:8000/v1"),
    tools=[weather_tool],
)
