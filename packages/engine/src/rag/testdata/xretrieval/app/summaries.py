# Decoy: imports the store but only writes the LLM's summaries into it.
from langchain_mistralai import ChatMistralAI

from .store import vectorstore

writer = ChatMistralAI(model="mistral-small-latest")
summary = writer.invoke("Summarize the release notes").content
vectorstore.add_texts([summary])
