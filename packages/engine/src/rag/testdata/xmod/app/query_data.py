from langchain_community.vectorstores import Chroma
from langchain_community.llms.ollama import Ollama

from get_embedding_function import get_embedding_function
from helpers import make_embeddings  # decoy: no embedding model is built in helpers.py

db = Chroma(persist_directory="chroma", embedding_function=get_embedding_function())
other = Chroma(collection_name="scratch", embedding_function=make_embeddings())


def query_rag(query_text: str):
    results = db.similarity_search_with_score(query_text, k=5)
    context_text = "\n\n---\n\n".join([doc.page_content for doc, _score in results])
    model = Ollama(model="mistral")
    return model.invoke(context_text)
