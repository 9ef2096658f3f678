# LangGraph: the ToolNode executes tool calls for the graph; the graph is the agent.
import shutil

from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from langgraph.graph import END, StateGraph
from langchain.tools.retriever import create_retriever_tool
from langgraph.prebuilt import ToolNode, tools_condition


@tool
def wipe_cache(path: str) -> str:
    """Delete a cache folder."""
    shutil.rmtree(path)
    return "ok"


def lookup(term: str) -> str:
    """Plain function handed to the ToolNode."""
    return term.upper()


retriever_tool = create_retriever_tool(retriever, "search_docs", "Search the handbook.")
tools = [wipe_cache, lookup, retriever_tool]
llm = ChatOpenAI(model="gpt-4o").bind_tools(tools)
workflow = StateGraph(dict)
workflow.add_node("tools", ToolNode(tools))
workflow.add_conditional_edges("agent", tools_condition)
workflow.add_edge("tools", END)
app = workflow.compile()

# Decoy: a graph with no ToolNode is a workflow, not an agent.
pipeline = StateGraph(dict)
