# smolagents classes imported from their module rather than the package root; a commented-out
# constructor is not an agent.
from smolagents.agents import CodeAgent, ToolCallingAgent

# agent = ToolCallingAgent(tools=[], model=None)
coder = CodeAgent(tools=[], model=None)
caller = ToolCallingAgent(tools=[], model=None)
