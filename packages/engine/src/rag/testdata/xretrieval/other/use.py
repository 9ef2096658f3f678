# Decoy: an LLM in a module that imports no store.
from langchain_groq import ChatGroq

retriever = None
llm = ChatGroq(model="llama-3.1-8b-instant")
print(llm.invoke(str(retriever)))
