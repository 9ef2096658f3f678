from camel.agents import ChatAgent
from camel.toolkits import FunctionTool, MathToolkit, TerminalToolkit


def word_count(text: str) -> int:
    return len(text.split())


assistant = ChatAgent(
    "You are a helpful assistant.",
    tools=[*TerminalToolkit().get_tools(), FunctionTool(word_count)],
)
calculator = ChatAgent(system_message="You add numbers.", tools=MathToolkit().get_tools())

from camel.toolkits import SearchToolkit

searcher = ChatAgent("You search.", tools=[SearchToolkit().search_duckduckgo, TerminalToolkit().shell_exec])
dynamic_tool = FunctionTool(make_tool())
