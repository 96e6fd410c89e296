"""quotedesk application: retrieval, answers, CLI and UI on top of `ingest`."""
