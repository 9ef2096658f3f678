# Decoy: another project's module with the same variable name.
from langchain_chroma import Chroma

retriever = Chroma(collection_name="other").as_retriever()
