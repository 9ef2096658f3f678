"""Agent(name="fake") and @tool appear in this docstring only."""
# agent = Agent(name="commented", tools=[shell])


class Agent:
    """A local class named Agent: not a framework agent."""

    def __init__(self, name: str, tools: list) -> None:
        self.name = name


def tool(fn):
    return fn


@tool
def helper() -> None:
    import subprocess
    subprocess.run(["ls"])


a = Agent(name="local", tools=[helper])
