from langchain_chroma import Chroma
from langchain_openai import OpenAIEmbeddings

vectorstore = Chroma(collection_name="kb", embedding_function=OpenAIEmbeddings())
retriever = vectorstore.as_retriever()


def get_retriever():
    return Chroma(collection_name="manuals", embedding_function=OpenAIEmbeddings()).as_retriever()
