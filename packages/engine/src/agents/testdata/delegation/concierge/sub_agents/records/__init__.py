from .agent import records_agent
