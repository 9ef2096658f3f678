# Vertex AI RAG Engine retrieval (adk-samples data-science rag_response); a decoy config call reads nothing.
from google.adk.agents import Agent
from vertexai import rag


def rag_response(query: str) -> str:
    return str(rag.retrieval_query(rag_resources=[rag.RagResource(rag_corpus="c")], text=query))


def rag_config(k: int):
    return rag.RagRetrievalConfig(top_k=k)


rag_agent = Agent(name="rag", model="gemini-2.0-flash", tools=[rag_response, rag_config])
