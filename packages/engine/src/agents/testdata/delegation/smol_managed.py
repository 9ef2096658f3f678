# smolagents: a manager agent calls managed agents like tools.
from smolagents import CodeAgent, InferenceClientModel, ToolCallingAgent, WebSearchTool

model = InferenceClientModel()
web_agent = ToolCallingAgent(tools=[WebSearchTool()], model=model, name="web", description="Searches the web")
manager = CodeAgent(tools=[], model=model, managed_agents=[web_agent])
