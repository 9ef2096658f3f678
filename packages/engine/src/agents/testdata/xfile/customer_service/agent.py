from google.adk.agents import Agent

from .tools.tools import send_call_companion_link, update_salesforce_crm
from external_sdk import remote_helper  # decoy: not a module of this project

root_agent = Agent(
    model="gemini-2.0-flash",
    name="customer_service",
    instruction="Help the customer.",
    tools=[send_call_companion_link, update_salesforce_crm, remote_helper],
)

from . import tools as tool_pkg  # noqa: E402  (`from . import pkg` then pkg.module.f)
analyst = Agent(model="gemini-2.0-flash", name="analyst", tools=[tool_pkg.bq.run_query])
