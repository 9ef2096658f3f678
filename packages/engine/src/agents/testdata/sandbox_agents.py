# Code-writing agents whose code runs in a sandbox, next to ones that run it on the host.
from autogen_agentchat.agents import CodeExecutorAgent
from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor
from autogen_ext.code_executors.local import LocalCommandLineCodeExecutor
from smolagents import CodeAgent, E2BExecutor, InferenceClientModel, WebSearchTool

model = InferenceClientModel()

remote = CodeAgent(tools=[WebSearchTool()], model=model, executor_type="e2b")
modal = CodeAgent(tools=[], model=model, executor_type="modal")
on_host = CodeAgent(tools=[], model=model, executor_type="local")
default = CodeAgent(tools=[], model=model)
given = CodeAgent(tools=[], model=model, executor=E2BExecutor(additional_imports=[], logger=None))


def build():
    docker_executor = DockerCommandLineCodeExecutor(work_dir="coding")
    boxed = CodeExecutorAgent("boxed", code_executor=docker_executor)
    local = CodeExecutorAgent("local", code_executor=LocalCommandLineCodeExecutor(work_dir="coding"))
    reviewed = CodeExecutorAgent(
        "reviewed", code_executor=LocalCommandLineCodeExecutor(work_dir="coding"), approval_func=ask_reviewer
    )
    unreviewed = CodeExecutorAgent(
        "unreviewed", code_executor=LocalCommandLineCodeExecutor(work_dir="coding"), approval_func=None
    )
    return boxed, local, reviewed, unreviewed


def ask_reviewer(request):
    return input(request.code) == "y"
