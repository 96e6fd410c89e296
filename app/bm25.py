"""The old import path of the tokeniser, kept until its callers (app/verify.py,
app/llm_answer.py, app/examples.py, evals/verification.py and their tests) import
`ingest.terms` directly; BM25 itself is tantivy's now (ingest/lexical.py)."""

from ingest.terms import STOPWORDS, Lexicon

__all__ = ["STOPWORDS", "Lexicon"]
