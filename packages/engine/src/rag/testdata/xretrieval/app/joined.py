# Both the retriever and the LLM are imported: this module only joins them (task_manager_v2).
from langchain.chains import create_retrieval_chain
from langchain.chains.combine_documents import create_stuff_documents_chain
from langchain_core.prompts import ChatPromptTemplate

from .llm import llm
from .store import retriever

prompt = ChatPromptTemplate.from_template("Answer from {context}: {input}")
combine = create_stuff_documents_chain(llm, prompt)
chain = create_retrieval_chain(retriever, combine)
