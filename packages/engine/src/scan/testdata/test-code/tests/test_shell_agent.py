# A test fixture: an agent with a shell tool, exercised by the test suite and never deployed.
import subprocess

from langchain_core.tools import tool
from langgraph.prebuilt import create_react_agent


@tool
def run(cmd: str) -> str:
    """Run a command on the build host."""
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


agent = create_react_agent("openai:gpt-4o", tools=[run])


def test_agent_has_shell_tool():
    assert agent is not None
