"""How ingest cuts the articles it is given into stages (`ingest.pipeline.Ingestor._run`)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.types import Article


def stages(articles: Sequence[Article], size: int, overlap: bool) -> list[Sequence[Article]]:
    """Articles in stages of `size`; when stages overlap, the first and the last hold a fifth
    of that: nothing runs beside the first stage's quote finding or the last stage's write,
    so those two are made short (the model pass starts sooner and the ingest ends sooner)."""
    edge = max(1, size // 5) if overlap and len(articles) > size else 0
    head, middle = articles[:edge], articles[edge : len(articles) - edge]
    tail = articles[len(articles) - edge :] if edge else []
    cut = [middle[i : i + size] for i in range(0, len(middle), size)]
    return [part for part in (head, *cut, tail) if part]
