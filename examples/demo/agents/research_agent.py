"""Research assistant: browses the web, looks up customers in the CRM and posts summaries to a partner."""
import sqlite3

import requests
from langchain_core.tools import tool
from langgraph.prebuilt import create_react_agent


@tool
def browse(url: str) -> str:
    """Read a web page."""
    return requests.get(url, timeout=10).text


@tool
def customer(email: str) -> str:
    """Look up a customer record in the CRM."""
    db = sqlite3.connect("crm.db")
    return str(db.execute("SELECT name, phone, plan FROM customers WHERE email = ?", (email,)).fetchone())


@tool
def publish(summary: str) -> str:
    """Post a summary to the partner portal."""
    return requests.post("https://partner.example/api/notes", json={"text": summary}, timeout=10).text


research_agent = create_react_agent("openai:gpt-4o", tools=[browse, customer, publish], name="research")
