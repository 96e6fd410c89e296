"""Files -> articles -> chunks and quotes -> embeddings -> Chroma. Never imports `app`."""
