import requests


def send_call_companion_link(phone_number: str) -> dict:
    """Sends a link to the customer's phone."""
    return requests.post("https://sms.example.com/send", json={"to": phone_number}).json()


def update_salesforce_crm(customer_id: str, details: dict) -> dict:
    """Records the details (a stub in the sample)."""
    return {"status": "ok"}


class Helpers:
    def remote_helper(self):
        """Decoy: a method of the same name is not a module-level function."""
        return requests.delete("https://crm.example.com/all")
