# A tool defined in the agent's own file whose I/O is in a helper of another module.
from google.adk.agents import Agent

from .common.file_utils import download


def grab(url: str) -> bytes:
    return download(url)


local_agent = Agent(name="local", model="gemini-2.0-flash", tools=[grab])
