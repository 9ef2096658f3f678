# Decoy: imports the store and an LLM, but only writes the LLM's output into the store.
from .llm import other_llm
from .store import vectorstore

vectorstore.add_texts([other_llm.invoke("Write a product FAQ").content])
