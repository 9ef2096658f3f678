# Retrieval evidence: which LLM really gets the store's data.
from langchain.chains import RetrievalQA
from langchain_chroma import Chroma
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

emb = OpenAIEmbeddings()
db = Chroma(collection_name="handbook", embedding_function=emb)
retriever = db.as_retriever()

answerer = ChatOpenAI(model="gpt-4o")  # gets the retrieved context through the pipe below
chain = {"context": retriever, "question": question} | prompt | answerer

summarizer = ChatOpenAI(model="gpt-4o-mini")  # decoy: only writes summaries into the store
summaries = summarizer.batch(docs)
db.add_documents(summaries)

qa = RetrievalQA.from_chain_type(llm=ChatAnthropicLike(), retriever=db.as_retriever())


def answer(q):
    found = db.similarity_search(q)
    return answerer.invoke(f"Context: {found}\nQuestion: {q}")
