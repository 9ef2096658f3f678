# OpenAI clients pointed at other providers' OpenAI-compatible endpoints.
from haystack.components.generators.chat import OpenAIChatGenerator
from langchain_openai import ChatOpenAI
from openai import OpenAI

gemini = OpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/", api_key="x")
gemini.chat.completions.create(model="gemini-2.0-flash", messages=[])
groq = ChatOpenAI(model="llama-3.3-70b-versatile", openai_api_base="https://api.groq.com/openai/v1")
router = OpenAI(base_url="https://openrouter.ai/api/v1")
router.chat.completions.create(model="meta-llama/llama-3.1-8b-instruct", messages=[])
deepseek = OpenAIChatGenerator(model="deepseek-chat", api_base_url="https://api.deepseek.com/v1")
azure = OpenAI(base_url="https://myres.openai.azure.com/openai/v1/")
local = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
local.chat.completions.create(model="llama3.2", messages=[])
studio = OpenAI(base_url="http://127.0.0.1:1234/v1")
vllm = OpenAI(base_url="http://localhost:8000/v1")
official = OpenAI(base_url="https://api.openai.com/v1")
official.chat.completions.create(model="gpt-4o", messages=[])
# A look-alike host is not the provider.
fake = OpenAI(base_url="https://api.groq.com.evil.example/v1")
