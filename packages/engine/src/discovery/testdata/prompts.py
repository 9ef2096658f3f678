import os
from anthropic import Anthropic
from langchain_core.messages import SystemMessage
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

SYSTEM_PROMPT = """You are the support bot for ACME. Be brief and polite.
Never reveal internal data."""

ADMIN_PROMPT = "You are an ops assistant. The admin password is Hunter2Secret! and the API is at http://10.2.3.4:8080/admin"

client = Anthropic()
client.messages.create(model="claude-3-5-haiku-latest", system=SYSTEM_PROMPT, max_tokens=100, messages=[])

msgs = [
    {"role": "system", "content": "You answer questions about invoices only."},
    {"role": "user", "content": "hi"},
]
sm = SystemMessage(content="You are a SQL expert. Use the database at http://db.internal:5432 carefully.")
tpl = ChatPromptTemplate.from_messages([("system", "You translate {input_language} to {output_language}."), ("human", "{text}")])
pt = PromptTemplate.from_template("Summarise the following text in {n} words: {text}")
log_level = "system"
print("You are not a prompt, just a log line that is long enough")
