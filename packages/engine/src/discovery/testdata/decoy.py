"""Docs: use `from openai import OpenAI` then client = OpenAI(); client.chat.completions.create(model="gpt-4o").

torch.load(path) and pickle.load(f) are dangerous; trust_remote_code=True too.
"""
# from anthropic import Anthropic
# Anthropic().messages.create(model="claude-3-opus-20240229")
openai_notes = "OpenAI(model='gpt-4o') is how you'd call it"


class OpenAI:  # a look-alike local class, not the SDK
    def __init__(self, model):
        self.model = model


def load(path):
    return path


helper = OpenAI(model="gpt-4o")
openai_like = load("claude-3-opus")
