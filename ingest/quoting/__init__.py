"""The passes behind `ingest.quotes`, one job per module; import the public API from there."""
