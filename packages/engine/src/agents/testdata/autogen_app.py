from autogen_agentchat.agents import AssistantAgent, CodeExecutorAgent
from autogen_ext.models.openai import OpenAIChatCompletionClient

async def get_time() -> str:
    return "noon"

client = OpenAIChatCompletionClient(model="gpt-4o")
assistant = AssistantAgent("assistant", model_client=client, tools=[get_time])
coder = CodeExecutorAgent("coder")
