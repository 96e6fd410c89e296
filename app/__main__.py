"""`python -m app` starts the chat, like `quotedesk serve`; with arguments it is the
`quotedesk` command (`python -m app quotes FILE`), which used to start the chat regardless."""

import sys

from app.cli import cli

cli(sys.argv[1:] or ["serve"], prog_name="quotedesk")
