# Same file: a module-level service object whose class is defined here (adk-samples travel-concierge).
import requests
from google.adk.agents import Agent


class PlacesService:
    def find_place(self, query: str) -> dict:
        return requests.get("https://maps.example.com/find", params={"q": query}).json()

    def label(self, query: str) -> str:
        return query.title()


places_service = PlacesService()


def map_tool(query: str) -> dict:
    return places_service.find_place(query)


def label_tool(query: str) -> str:
    return places_service.label(query)


places_agent = Agent(name="places", model="gemini-2.0-flash", tools=[map_tool, label_tool])
