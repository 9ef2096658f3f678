# A factory function of another module, called through the module.
from langchain_anthropic import ChatAnthropic

from app import store

model = ChatAnthropic(model="claude-3-5-sonnet-latest")


def answer(question: str) -> str:
    docs = store.get_retriever().invoke(question)
    return model.invoke(f"{docs}\n\n{question}").content
