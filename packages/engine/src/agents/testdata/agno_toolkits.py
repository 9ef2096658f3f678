from agno.agent import Agent
from agno.tools.file import FileTools
from agno.tools.postgres import PostgresTools
from agno.tools.python import PythonTools
from agno.tools.slack import SlackTools

# enable_read_file=True does not switch save_file off: Agno enables it by default.
reader = Agent(name="reader", tools=[FileTools(enable_read_file=True, enable_list_files=True)])
no_writes = Agent(
    name="no_writes",
    tools=[FileTools(enable_save_file=False, enable_replace_file_chunk=False)],
)
pg_readonly = Agent(name="pg_readonly", tools=[PostgresTools(include_tools=["show_tables", "describe_table"])])
pg_safe = Agent(name="pg_safe", tools=[PostgresTools(exclude_tools=["run_query"])])
pg_full = Agent(name="pg_full", tools=[PostgresTools(db_name="ai")])
py_no_pip = Agent(name="py_no_pip", tools=[PythonTools(exclude_tools=["pip_install_package"])])
slack_reader = Agent(name="slack_reader", tools=[SlackTools(enable_send_message=False, enable_send_message_thread=False, enable_upload_file=False)])
slack_all = Agent(name="slack_all", tools=[SlackTools(all=True, enable_send_message=False)])

from agno.tools.google.gmail import GmailTools
from agno.tools.mcp import MCPTools

mailer = Agent(name="mailer", tools=[GmailTools(), MCPTools(command="npx -y @modelcontextprotocol/server-fetch")])

from agno.tools.docker import DockerTools

docker_viewer = Agent(name="docker_viewer", tools=[DockerTools(include_tools=["list_containers", "stop_container"])])
docker_safe = Agent(name="docker_safe", tools=[DockerTools(exclude_tools=["remove_container", "remove_image", "remove_volume", "remove_network"])])

gmail_reader = Agent(name="gmail_reader", tools=[GmailTools(include_tools=["search_emails", "get_emails_by_thread"])])
gmail_no_send = Agent(name="gmail_no_send", tools=[GmailTools(exclude_tools=["send_email", "send_email_reply"])])
gmail_flags = Agent(name="gmail_flags", tools=[GmailTools(send_email=False, send_email_reply=False)])
