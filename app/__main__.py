"""`python -m app` starts the chat, like `quotedesk serve`."""

from app.cli import cli

cli(["serve"], prog_name="quotedesk")
