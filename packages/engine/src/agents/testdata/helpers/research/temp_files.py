# A tool that writes and removes its own temporary file deletes nobody's data; one that removes the
# path the model gives it does (decoy).
import os
import tempfile

from google.adk.agents import Agent


def convert(data: bytes) -> int:
    handle, temp_path = tempfile.mkstemp()
    try:
        os.write(handle, data)
        return os.path.getsize(temp_path)
    finally:
        os.close(handle)
        os.unlink(temp_path)


def purge(path: str) -> None:
    os.unlink(path)


files_agent = Agent(name="files", model="gemini-2.0-flash", tools=[convert, purge])
