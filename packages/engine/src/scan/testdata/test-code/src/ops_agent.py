# Shipped code: the same kind of agent, deployed. Its finding must stay.
import subprocess

from langchain_core.tools import tool
from langgraph.prebuilt import create_react_agent


@tool
def run(cmd: str) -> str:
    """Run a command on the build host."""
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


agent = create_react_agent("openai:gpt-4o", tools=[run])
