from langchain_community.embeddings.bedrock import BedrockEmbeddings


def get_embedding_function():
    return BedrockEmbeddings(credentials_profile_name="default", region_name="us-east-1")
