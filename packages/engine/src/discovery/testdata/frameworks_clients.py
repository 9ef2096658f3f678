from agno.models.openai.chat import OpenAIChat
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack_integrations.components.generators.ollama import OllamaChatGenerator
from haystack_experimental.components.generators.chat.openai import OpenAIChatGenerator as ExperimentalGenerator
from huggingface_hub import snapshot_download

chat = OpenAIChatGenerator(model="gpt-4o-mini")
local = OllamaChatGenerator(model="qwen2.5:7b", url="http://localhost:11434")
experimental = ExperimentalGenerator(model="gpt-4.1")
agno_model = OpenAIChat(id="gpt-4o")

snapshot_download(repo_id="gaia-benchmark/GAIA", repo_type="dataset", local_dir="data/gaia")
snapshot_download(repo_id="Qwen/Qwen2.5-0.5B-Instruct")
