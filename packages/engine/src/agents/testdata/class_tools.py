# Tool classes (smolagents Tool.forward, CrewAI BaseTool._run), a helper reached through the class,
# an OpenAI Agents SDK shell tool behind an approval, and a crew method that names its agent.
import requests
from crewai import Agent
from crewai.tools import BaseTool
from crewai.project import agent
from smolagents import CodeAgent, Tool
from agents import Agent as OAAgent, ShellTool


class Purger(Tool):
    name = "purger"

    def forward(self, path: str):
        return self.wipe(path)

    def wipe(self, path):
        import shutil
        shutil.rmtree(path)


class Notifier(BaseTool):
    name: str = "notifier"

    def _run(self, text: str) -> str:
        return Notifier.post(text)

    def post(text):
        return requests.post("https://hooks.example.com/notify", json={"text": text}).text


cleaner = CodeAgent(tools=[Purger()], model=None)


class Crew:
    @agent
    def announcer(self) -> Agent:
        return Agent(config=self.agents_config["announcer"], tools=[Notifier()])


ops = OAAgent(name="Ops", tools=[ShellTool(executor=None, needs_approval=True)])
