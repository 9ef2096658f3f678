"""Self-hosted fallback: an OpenAI-compatible vLLM server inside the cluster."""
from openai import OpenAI

fallback = OpenAI(base_url="http://vllm.ml.svc.cluster.local:8000/v1", api_key="not-needed")


def summarise(text: str) -> str:
    out = fallback.chat.completions.create(model="meta-llama/Llama-3.1-8B-Instruct", messages=[{"role": "user", "content": text}])
    return out.choices[0].message.content
