from langchain.document_loaders.pdf import PyPDFDirectoryLoader
from langchain.vectorstores.chroma import Chroma
from langchain_community.document_loaders import WebBaseLoader
from langchain_community.embeddings.bedrock import BedrockEmbeddings
from langchain_openai import OpenAIEmbeddings

DATA_PATH = "data"
docs = PyPDFDirectoryLoader(DATA_PATH).load()
web = WebBaseLoader(web_paths=("https://lilianweng.github.io/posts/2023-06-23-agent/",)).load()
db = Chroma(persist_directory="chroma", embedding_function=BedrockEmbeddings(model_id="amazon.titan-embed-text-v1"))
summaries = Chroma.from_documents(documents=web, embedding=OpenAIEmbeddings())
