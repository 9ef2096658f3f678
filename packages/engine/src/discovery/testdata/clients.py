import os
import boto3
import litellm
from openai import OpenAI as O, AzureOpenAI
from anthropic import Anthropic
from langchain_openai import ChatOpenAI
from transformers import AutoModelForCausalLM, pipeline
from huggingface_hub import InferenceClient
from google import genai

MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")

client = O()
resp = client.chat.completions.create(model=MODEL, messages=[])
local = O(base_url="http://localhost:8000/v1", api_key="none")
local.chat.completions.create(model="meta-llama/Llama-3.1-8B-Instruct", messages=[])
az = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", azure_deployment="prod-gpt4")
claude = Anthropic()
claude.messages.create(model="claude-3-5-sonnet-latest", max_tokens=10, messages=[])
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
bedrock.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[])
s3 = boto3.client("s3")
s3.list_buckets()
litellm.completion(model="anthropic/claude-3-haiku-20240307", messages=[])
llm = ChatOpenAI(model="gpt-4o", temperature=0)
m = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-v0.1")
p = pipeline("text-generation", model="gpt2")
hf = InferenceClient("HuggingFaceH4/zephyr-7b-beta")
g = genai.Client()
g.models.generate_content(model="gemini-2.0-flash", contents="hi")
from crewai import LLM
crew_llm = LLM(model="ollama/llama3.1")
official = O(base_url="https://api.openai.com/v1")
bedrock.converse(modelId="YOUR_PROVISIONED_MODEL_ARN", messages=[])
stub = O().chat.completions.create(model="fake-model", messages=[])
import replicate
from llama_cpp import Llama
out = replicate.run("meta/meta-llama-3-70b-instruct", input={"prompt": "hi"})
llm_local = Llama.from_pretrained(repo_id="Qwen/Qwen2-0.5B-Instruct-GGUF", filename="*q8_0.gguf")
