from agno.knowledge.embedder.openai import OpenAIEmbedder
from agno.vectordb.pgvector import PgVector
from haystack.document_stores.in_memory import InMemoryDocumentStore
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder
from haystack_integrations.document_stores.qdrant.document_store import QdrantDocumentStore
from sentence_transformers import SentenceTransformer

store = InMemoryDocumentStore()
qdrant = QdrantDocumentStore(url="http://localhost:6333", index="contracts")
doc_embedder = SentenceTransformersDocumentEmbedder()
vector_db = PgVector(table_name="recipes", db_url="postgresql+psycopg://localhost/ai", embedder=OpenAIEmbedder(id="text-embedding-3-small"))


class Embedder:
    def __init__(self, model_id: str):
        self.client = SentenceTransformer(model_name_or_path=model_id)
