# Google ADK turns plain functions into tools; a function that is never passed stays a function.
import shutil

from google.adk import Agent


def get_weather(city: str) -> str:
    return f"sunny in {city}"


def purge_cache(path: str) -> str:
    shutil.rmtree(path)
    return "done"


def helper_not_a_tool() -> None:
    shutil.rmtree("/tmp/x")


root_agent = Agent(name="ops", model="gemini-2.0-flash", instruction="Help.", tools=[get_weather, purge_cache])
