from smolagents import InferenceClientModel, ToolCallingAgent, WebSearchTool, PythonInterpreterTool

agent = ToolCallingAgent(tools=[WebSearchTool(), PythonInterpreterTool()], model=InferenceClientModel())
