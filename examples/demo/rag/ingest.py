"""Indexes support tickets from S3 into Chroma and answers questions over them."""
from langchain_community.document_loaders import S3DirectoryLoader
from langchain_chroma import Chroma
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

docs = S3DirectoryLoader("acme-support-tickets", prefix="customers/").load()
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")
store = Chroma(collection_name="customer-tickets", embedding_function=embeddings)
store.add_documents(docs)

llm = ChatOpenAI(model="gpt-4o-mini")


def ask(question: str) -> str:
    context = store.as_retriever().invoke(question)
    return llm.invoke(f"Answer from these tickets: {context}\n\nQ: {question}").content
