from crewai import Agent, Task, Crew
from crewai_tools import ScrapeWebsiteTool, FileWriterTool

scraper = ScrapeWebsiteTool()
writer_tool = FileWriterTool()

researcher = Agent(role="Researcher", goal="collect facts", backstory="...", tools=[scraper], llm="gpt-4o")
writer = Agent(role="Writer", goal="write", backstory="...", tools=[writer_tool], human_input=True)

from crewai_tools import FileReadTool, WebsiteSearchTool

reader = Agent(role="Reader", goal="Read", backstory="b", tools=[FileReadTool(), WebsiteSearchTool()])
