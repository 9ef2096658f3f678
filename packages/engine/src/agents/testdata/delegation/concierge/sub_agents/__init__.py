# Re-exported under another name: `from .sub_agents import archive_agent` means records_agent.
from .records.agent import records_agent as archive_agent
