# The retriever variable of another module, piped into the LLM.
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from .store import retriever

prompt = ChatPromptTemplate.from_template("Answer from {context}: {question}")
llm = ChatOpenAI(model="gpt-4o-mini")
chain = {"context": retriever} | prompt | llm
