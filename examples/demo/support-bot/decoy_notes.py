"""Notes on vendors we evaluated.

We compared OpenAI() and Anthropic() clients in a spreadsheet; see the wiki. Nothing here calls them.
"""
# from openai import OpenAI  -- removed in the migration; kept as a reminder
# client = OpenAI(api_key="sk-proj-this-is-a-comment-not-code")


class OpenAIish:
    """A look-alike name: not the OpenAI SDK."""

    def chat(self, text: str) -> str:
        return text.upper()
