"""Retrieval pipeline over the help-centre articles."""
import torch
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langchain_community.vectorstores import Chroma
from transformers import AutoModel

llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")
store = Chroma(collection_name="help-centre", embedding_function=embeddings)

# A community re-ranker that ships its own modelling code.
reranker = AutoModel.from_pretrained("acme-labs/rerank-mini", trust_remote_code=True)

# Weights downloaded by the nightly job; loaded without weights_only.
state = torch.load("/var/cache/acme/reranker-head.pt")
