"""The two baselines quotedesk is compared with, on the same corpus and embedding model.

- `llamaindex`: what a user builds from the llama-index starter: one `Document` per article
  (its text, metadata `{"id": article_id}`), `VectorStoreIndex.from_documents` with the default
  transformations (`SentenceSplitter`, 1,024 tokens, 200 overlap) into its own Chroma collection
  (`<store>/baseline-chroma`, a separate `PersistentClient`), `similarity_top_k=2` (its
  default). Citations = the two retrieved nodes, whole; the "answer" is their concatenated
  text; it never abstains and attributes no speaker. The embedding model is passed explicitly
  everywhere (`Settings.llm` / `Settings.embed_model` are never touched).
- `bm25`: bm25s alone (English stop words, Snowball stemmer, its default BM25 parameters) over
  quotedesk's own chunks, read from the store folder the eval ingested (indexed as headline +
  text like quotedesk does); top 2 as citations.

Each baseline reads its input itself (`over_corpus`, `over_store`), as a separate program
would: the eval drives quotedesk only through `QuoteDesk`.

Both rank 10 results for the retrieval metrics; their citations are the first two of those, so
the citations are exactly what `similarity_top_k=2` / a top-2 search returns.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.metrics import Ref
from ingest.types import Article, Chunk

COLLECTION = "llamaindex_starter"
TOP_K = 2  # llama-index's default similarity_top_k
RANK_K = 10  # ranked list for the retrieval metrics


@dataclass
class SystemOutput:
    """What one system returned for one (final) question."""

    answer: str
    abstained: bool
    citations: list[Ref]
    ranked: list[Ref]
    latency_ms: float
    extra: dict[str, Any] = field(default_factory=dict)


def corpus_fingerprint(articles: Sequence[Article]) -> str:
    h = hashlib.sha1()
    for article in sorted(articles, key=lambda a: a.id):
        h.update(article.id.encode())
        h.update(article.content_hash.encode())
    return h.hexdigest()


class LlamaIndexStarter:
    """The llama-index starter over Chroma; built once per store and corpus, then reused."""

    name = "llamaindex"
    attributes_speakers = False

    @classmethod
    def over_corpus(
        cls, store_dir: Path, corpus: Path, embed_model: str | None, batch_size: int
    ) -> LlamaIndexStarter:
        """The starter over the articles of `corpus` (its own read of the file), embedded by
        the same model as quotedesk (`embed_model` None = the packaged one)."""
        from ingest.embedding import load_embedder, resolve_model_path
        from ingest.loaders import discover, load_file

        files, _ = discover([corpus])
        articles = [a for f in files for a in load_file(f, 1 << 40).articles]
        embedder = load_embedder(str(resolve_model_path(embed_model)), batch_size)
        return cls(store_dir, articles, embedder)

    def __init__(self, store_dir: Path, articles: Sequence[Article], embedder: Any) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import Document, StorageContext, VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        path = Path(store_dir) / "baseline-chroma"
        marker = path / "eval-baseline.json"
        fingerprint = corpus_fingerprint(articles)
        cached = _read_marker(marker)
        if cached and cached.get("fingerprint") != fingerprint:
            shutil.rmtree(path, ignore_errors=True)  # another corpus: rebuild from scratch
            cached = None
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        collection = client.get_or_create_collection(COLLECTION, embedding_function=None)
        vector_store = ChromaVectorStore(chroma_collection=collection)
        self.reused = bool(cached) and collection.count() == cached.get("nodes")
        started = time.perf_counter()
        if self.reused:
            index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embedder)
        else:
            if collection.count():
                client.delete_collection(COLLECTION)
                collection = client.get_or_create_collection(COLLECTION, embedding_function=None)
                vector_store = ChromaVectorStore(chroma_collection=collection)
            documents = [Document(text=a.text, metadata={"id": a.id}, id_=a.id) for a in articles]
            index = VectorStoreIndex.from_documents(
                documents,
                storage_context=StorageContext.from_defaults(vector_store=vector_store),
                embed_model=embedder,
                show_progress=True,
            )
            marker.write_text(
                json.dumps({"fingerprint": fingerprint, "nodes": collection.count()}),
                encoding="utf-8",
            )
        self.build_seconds = time.perf_counter() - started
        self.nodes = collection.count()
        self._answerer = index.as_retriever(similarity_top_k=TOP_K, embed_model=embedder)
        self._ranker = index.as_retriever(similarity_top_k=RANK_K, embed_model=embedder)

    def run(self, row: dict[str, Any]) -> SystemOutput:
        started = time.perf_counter()
        hits = self._answerer.retrieve(row["question"])
        latency = (time.perf_counter() - started) * 1000.0
        citations = [_node_ref(h.node) for h in hits]
        ranked = [_node_ref(h.node) for h in self._ranker.retrieve(row["question"])]
        answer = "\n\n".join(c.text for c in citations)
        return SystemOutput(answer, False, citations, ranked, latency)

    def describe(self) -> dict[str, Any]:
        from llama_index.core.node_parser import SentenceSplitter

        splitter = SentenceSplitter()
        return {
            "splitter": "SentenceSplitter (default)",
            "chunk_size": splitter.chunk_size,
            "chunk_overlap": splitter.chunk_overlap,
            "similarity_top_k": TOP_K,
            "nodes": self.nodes,
            "index_reused": self.reused,
            "build_seconds": round(self.build_seconds, 1),
        }


def _node_ref(node: Any) -> Ref:
    return Ref(
        article_id=str(node.metadata.get("id") or node.ref_doc_id or ""),
        text=node.get_content(),
        start=node.start_char_idx,
        end=node.end_char_idx,
        chunk_id=node.node_id,
    )


def _read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Bm25Only:
    """bm25s over quotedesk's chunks, top 2 as citations."""

    name = "bm25"
    attributes_speakers = False

    @classmethod
    def over_store(cls, store_dir: Path, chroma_url: str | None = None) -> Bm25Only:
        """Over the chunks quotedesk stored in `store_dir` (or on its Chroma server)."""
        from ingest.store import Store

        return cls(Store.open(Path(store_dir), chroma_url).all_chunks())

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        import bm25s
        import Stemmer

        from ingest.chunking import embedding_text

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self.chunks = list(chunks)
        self._retriever = bm25s.BM25()
        tokens = bm25s.tokenize(
            [embedding_text(c) for c in self.chunks],
            stopwords="en",
            stemmer=self._stemmer,
            show_progress=False,
        )
        self._retriever.index(tokens, show_progress=False)

    def search(self, query: str, k: int) -> list[Chunk]:
        tokens = self._bm25s.tokenize(
            [query], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        if not tokens or not tokens[0] or not self.chunks:
            return []
        docs, scores = self._retriever.retrieve(
            tokens, k=min(k, len(self.chunks)), show_progress=False
        )
        return [self.chunks[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def run(self, row: dict[str, Any]) -> SystemOutput:
        started = time.perf_counter()
        top = self.search(row["question"], TOP_K)
        latency = (time.perf_counter() - started) * 1000.0
        citations = [_chunk_ref(c) for c in top]
        ranked = [_chunk_ref(c) for c in self.search(row["question"], RANK_K)]
        answer = "\n\n".join(c.text for c in citations)
        return SystemOutput(answer, False, citations, ranked, latency)

    def describe(self) -> dict[str, Any]:
        return {
            "library": "bm25s",
            "tokenizer": "bm25s.tokenize, stopwords=en, PyStemmer english",
            "chunks": len(self.chunks),
            "top_k": TOP_K,
        }


def _chunk_ref(chunk: Chunk) -> Ref:
    return Ref(chunk.article_id, chunk.text, chunk.start, chunk.end, chunk_id=chunk.id)
