def make_embeddings():
    return None
