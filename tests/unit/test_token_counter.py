"""The word-piece counter every app opens with loads its tokenizer only when it first counts:
a process that only answers questions never counts (ingest/embedding.py)."""

from __future__ import annotations

from ingest.embedding import _counting_tokenizer, load_token_counter, resolve_model_path


def test_counter_loads_its_tokenizer_at_the_first_count():
    load_token_counter.cache_clear()
    _counting_tokenizer.cache_clear()
    count = load_token_counter(str(resolve_model_path(None)))
    assert _counting_tokenizer.cache_info().currsize == 0
    assert count(["Hello world", ""]) == [4, 2]  # [CLS] hello world [SEP]; [CLS] [SEP]
    assert _counting_tokenizer.cache_info().currsize == 1
    assert count(["word " * 300]) == [302]  # no truncation: every word piece counted
