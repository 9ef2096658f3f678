from langchain_cohere import ChatCohere
from langchain_mistralai import ChatMistralAI

llm = ChatCohere(model="command-r")
other_llm = ChatMistralAI(model="mistral-large-latest")
