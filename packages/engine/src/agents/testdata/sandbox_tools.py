# Shell and code tools that run in a hosted container or a sandbox, next to ones on the host.
from agents import Agent, CodeInterpreterTool, ShellTool
from agno.agent import Agent as AgnoAgent
from agno.tools.e2b import E2BTools
from agno.tools.python import PythonTools
from camel.agents import ChatAgent
from camel.toolkits import CodeExecutionToolkit

hosted = Agent(
    name="hosted",
    tools=[
        CodeInterpreterTool(tool_config={"type": "code_interpreter", "container": {"type": "auto"}}),
        ShellTool(environment={"type": "container_auto"}),
    ],
)
host = Agent(name="host", tools=[ShellTool(executor=run_locally, environment={"type": "local"})])

e2b = AgnoAgent(name="e2b", tools=[E2BTools()])
py = AgnoAgent(name="py", tools=[PythonTools()])

docker_chat = ChatAgent("You run code.", tools=CodeExecutionToolkit(sandbox="docker").get_tools())
host_chat = ChatAgent("You run code.", tools=CodeExecutionToolkit(sandbox="subprocess").get_tools())
