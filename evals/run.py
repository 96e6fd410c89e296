"""`quotedesk eval` / `python -m evals`: run a labelled question set through quotedesk and the
baselines, score it, and write report.md, results.json and plots.

This module imports only the standard library and click at load time (the CLI imports it to
register the command); torch, Chroma and llama-index load inside `run_eval`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("quotedesk", "llamaindex", "bm25")
PROMPT_VERSION = "extractive"
SAMPLE_CORPUS = ROOT / "data" / "samples" / "articles.jsonl"
SHARED = Path(os.environ.get("QUOTEDESK_SHARED", ROOT.parent / "shared"))
BBC_CORPUS = SHARED / "corpus" / "bbc" / "articles.jsonl"
POLNEAR = SHARED / "corpus" / "polnear"


@dataclass
class EvalOptions:
    dataset: Path
    corpus: Path | None = None
    store: Path | None = None
    systems: tuple[str, ...] = SYSTEMS
    out: Path | None = None
    limit: int | None = None
    polnear: Path | None = None
    attribution: bool = False
    chroma_url: str | None = None
    llm: str | None = None  # --llm SPEC: also run quotedesk's written answers ("quotedesk+llm")
    llm_base_url: str | None = None
    progress: bool = True
    command_line: str | None = None


# ----- dataset and corpus ------------------------------------------------------------------------


def load_dataset(path: Path) -> list[dict[str, Any]]:
    rows = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
    return rows


def limit_rows(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """The first `limit` questions taken round-robin across kinds, so every kind stays in."""
    if not limit or limit >= len(rows):
        return rows
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    picked: list[dict[str, Any]] = []
    queues = list(by_kind.values())
    while len(picked) < limit:
        for queue in queues:
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    order = {row["id"]: i for i, row in enumerate(rows)}
    return sorted(picked, key=lambda r: order[r["id"]])


def default_corpus(dataset: Path) -> Path:
    return SAMPLE_CORPUS if dataset.name.startswith("sample") else BBC_CORPUS


def prepare_corpus(corpus: Path, store_dir: Path) -> tuple[Path, list[str]]:
    """The corpus file to ingest: duplicates removed when `duplicates.json` sits beside it.

    Of each duplicate group the first id (sorted) is kept and the others dropped; the datasets
    list whole groups as gold, so either choice keeps every question answerable.
    """
    duplicates = corpus.parent / "duplicates.json"
    if not corpus.is_file() or not duplicates.is_file():
        return corpus, []
    groups = json.loads(duplicates.read_text(encoding="utf-8"))
    drop = {i for group in groups for i in sorted(group)[1:]}
    kept = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line).get("id") not in drop:
            kept.append(line)
    target = store_dir / "eval-corpus" / f"{corpus.stem}.dedup.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    content = "\n".join(kept) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != content:
        target.write_text(content, encoding="utf-8")
    return target, sorted(drop)


# ----- quotedesk adapter --------------------------------------------------------------------------


class QuoteDeskSystem:
    """The full system. Follow-ups: the `context` turns are asked first in one conversation.

    `mode` "written" is the LLM-written answer ("quotedesk+llm"): its citations are the
    passages its kept sentences mark with [n] (all of them when it fell back to the quotes),
    and `extra["generation"]` records how many sentences were written and verified.

    Ranked list for the retrieval metrics: `search(question, k=10)` (for follow-ups the search
    runs on the answer's standalone question when quotedesk gives one). For questions with a
    speaker, quotedesk answers from the speaker's quotes rather than from `search`, so its
    citations come first in the ranked list, followed by the search passages not already cited
    (same chunk), cut at 10. `search_ranked` keeps the search-only list in results.json.
    """

    attributes_speakers = True

    def __init__(self, desk: Any, mode: str = "quotes") -> None:
        self.desk = desk
        self.mode = mode
        self.name = "quotedesk+llm" if mode == "written" else "quotedesk"

    def run(self, row: dict[str, Any]):
        from evals.baselines import RANK_K, SystemOutput
        from evals.metrics import Ref

        history = []
        context_turns = []
        for turn in row.get("context") or []:
            previous = self.desk.ask(turn, history, mode=self.mode)
            history.append(previous)
            context_turns.append(
                {"question": turn, "answer": previous.answer, "speaker": previous.speaker}
            )
        started = time.perf_counter()
        answer = self.desk.ask(row["question"], history, mode=self.mode)
        latency = (time.perf_counter() - started) * 1000.0
        citations = [
            Ref(c.article_id, c.text, c.start, c.end, c.speaker, c.chunk_id) for c in _cited(answer)
        ]
        query = answer.standalone_question or row["question"]
        passages = self.desk.search(query, k=RANK_K)
        searched = [
            Ref(p.chunk.article_id, p.chunk.text, p.chunk.start, p.chunk.end, chunk_id=p.chunk.id)
            for p in passages
        ]
        ranked = searched
        if row.get("speaker"):
            cited_chunks = {c.chunk_id for c in citations}
            ranked = (citations + [r for r in searched if r.chunk_id not in cited_chunks])[:RANK_K]
        extra = {
            "standalone_question": answer.standalone_question,
            "answer_speaker": answer.speaker,
            "search_query": query,
            "search_ranked": searched,
            "context_turns": context_turns,
            "timings_ms": {k: round(v, 1) for k, v in answer.timings_ms.items()},
        }
        if answer.generation is not None:
            g = answer.generation
            extra["generation"] = {"sentences": g.sentences, "verified": g.verified}
            extra["generation"] |= {"fallback": g.fallback, "removed": len(g.removed)}
        return SystemOutput(answer.answer, answer.abstained, citations, ranked, latency, extra)

    def describe(self) -> dict[str, Any]:
        described = {"prompt_version": self.prompt_version, "store": self.desk.store.location}
        if self.mode == "written":
            described["llm"] = self.desk.llm.name
        return described

    @property
    def prompt_version(self) -> str:
        return self.desk.llm.answer_prompt.id if self.mode == "written" else PROMPT_VERSION


def _cited(answer: Any) -> list[Any]:
    """The citations a reader is pointed to: for a written answer, those its sentences mark."""
    if not answer.written:
        return list(answer.citations)
    marked = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    return [c for c in answer.citations if c.n in marked]


# ----- the run --------------------------------------------------------------------------------


def run_eval(options: EvalOptions) -> dict[str, Any]:
    """Ingest if needed, run every question through every system, score, write the outputs."""
    from tqdm import tqdm

    from app.api import QuoteDesk
    from app.settings import load_settings
    from evals import report
    from evals.metrics import aggregate, score_question
    from ingest.embedding import force_offline, load_embedder, resolve_model_path
    from ingest.loaders import discover, load_file

    force_offline()
    dataset = Path(options.dataset)
    rows = limit_rows(load_dataset(dataset), options.limit)
    corpus = Path(options.corpus) if options.corpus else default_corpus(dataset)
    if not corpus.exists():
        raise click.ClickException(f"corpus not found: {corpus} (give --corpus PATH)")
    store_dir = Path(options.store or ROOT / ".quotedesk" / f"eval-{dataset.stem}")
    out = Path(options.out or ROOT / "evals" / "out" / dataset.stem)
    out.mkdir(parents=True, exist_ok=True)
    unknown = set(options.systems) - set(SYSTEMS)
    if unknown:
        raise click.UsageError(f"unknown system(s): {', '.join(sorted(unknown))}")

    settings = load_settings(
        home=store_dir,
        chroma_url=options.chroma_url,
        llm=options.llm,
        llm_base_url=options.llm_base_url,
    )
    started = time.perf_counter()
    desk = QuoteDesk.from_settings(settings)
    to_ingest, dropped = prepare_corpus(corpus, store_dir)
    ingest_report = desk.ingest([to_ingest], progress=options.progress)
    if ingest_report.failed:
        click.echo(f"warning: {ingest_report.failed} corpus record(s) failed to ingest", err=True)
    files, _ = discover([to_ingest])
    articles = [a for f in files for a in load_file(f, 1 << 40).articles]
    doc_texts = {a.id: a.text for a in articles}
    setup = {"ingest": ingest_report.summary(), "ingest_seconds": time.perf_counter() - started}

    systems: list[Any] = []
    for name in options.systems:
        if name == "quotedesk":
            systems.append(QuoteDeskSystem(desk))
            if desk.llm is not None:
                systems.append(QuoteDeskSystem(desk, mode="written"))
        elif name == "llamaindex":
            from evals.baselines import LlamaIndexStarter

            embedder = load_embedder(
                str(resolve_model_path(settings.ingest.embed_model)),
                settings.ingest.embed_batch_size,
            )
            systems.append(LlamaIndexStarter(store_dir, articles, embedder))
        elif name == "bm25":
            from evals.baselines import Bm25Only

            systems.append(Bm25Only(desk.store.all_chunks()))

    records: list[dict[str, Any]] = []
    bar = tqdm(total=len(rows) * len(systems), desc="eval", unit="q", disable=not options.progress)
    for row in rows:
        for system in systems:
            bar.set_postfix_str(f"{system.name} {row['id']}", refresh=False)
            output = system.run(row)
            flags = score_question(
                row,
                output.ranked,
                output.citations,
                output.answer,
                output.abstained,
                doc_texts,
                attributes_speakers=system.attributes_speakers,
            )
            if "search_ranked" in output.extra:
                search_flags = score_question(
                    row, output.extra["search_ranked"], [], "", False, doc_texts
                )
                flags["search_only"] = {
                    k: search_flags[k]
                    for k in (
                        "hit1_strict",
                        "hit5_strict",
                        "rr_strict",
                        "hit1_doc",
                        "hit5_doc",
                        "rr_doc",
                    )
                    if k in search_flags
                }
            if "generation" in output.extra:
                flags["generation"] = output.extra["generation"]
            records.append(_record(row, system.name, output, flags))
            bar.update(1)
    bar.close()

    summary = {s.name: aggregate([r for r in records if r["system"] == s.name]) for s in systems}
    kinds = sorted({r["kind"] for r in rows}, key=_kind_order)
    by_kind = {
        kind: {
            s.name: aggregate([r for r in records if r["system"] == s.name and r["kind"] == kind])
            for s in systems
        }
        for kind in kinds
    }
    search_only = _search_only_summary(records)
    attribution = _attribution(options)
    meta = {
        "dataset": str(dataset),
        "corpus": str(corpus),
        "corpus_ingested": str(to_ingest),
        "duplicates_dropped": len(dropped),
        "articles": len(articles),
        "store": str(store_dir),
        "questions": len(rows),
        "limit": options.limit,
        "systems": [s.name for s in systems],
        "prompt_version": ", ".join(
            sorted({getattr(s, "prompt_version", PROMPT_VERSION) for s in systems})
        ),
        "command": options.command_line or _command_line(),
        "machine": report.machine(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "settings": _jsonable({k: v for k, v in asdict(settings).items() if k != "llm_api_key"}),
        "system_settings": {s.name: s.describe() for s in systems},
        "setup": setup,
    }
    result = {
        "meta": meta,
        "summary": summary,
        "by_kind": by_kind,
        "quotedesk_search_only": search_only,
        "attribution": attribution,
        "questions": records,
    }
    (out / "results.json").write_text(
        json.dumps(_jsonable(result), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    plots = report.plots(summary, by_kind, out)
    (out / "report.md").write_text(report.render(result, plots), encoding="utf-8")
    click.echo(report.summary_table(summary))
    click.echo(f"\nwrote {out / 'report.md'}, {out / 'results.json'} and {len(plots)} plot(s)")
    return result


def _record(row: dict[str, Any], system: str, output: Any, flags: dict[str, Any]) -> dict:
    def ref(r: Any, strict: bool | None = None, doc: bool | None = None) -> dict[str, Any]:
        item = {
            "article_id": r.article_id,
            "chunk_id": r.chunk_id,
            "start": r.start,
            "end": r.end,
            "speaker": r.speaker,
            "strict": strict,
            "doc": doc,
        }
        return item

    citations = [
        ref(c, s, d) | {"text": c.text}
        for c, s, d in zip(
            output.citations, flags["citations_strict"], flags["citations_doc"], strict=True
        )
    ]
    ranked = [
        ref(r, s, d)
        for r, s, d in zip(output.ranked, flags["ranked_strict"], flags["ranked_doc"], strict=True)
    ]
    extra = {k: v for k, v in output.extra.items() if k != "search_ranked"}
    if "search_ranked" in output.extra:
        extra["search_ids"] = [r.chunk_id for r in output.extra["search_ranked"]]
    return {
        "id": row["id"],
        "kind": row["kind"],
        "question": row["question"],
        "context": row.get("context") or [],
        "speaker": row.get("speaker"),
        "gold_docs": row.get("gold_docs") or [],
        "system": system,
        "answer": output.answer,
        "abstained": output.abstained,
        "citations": citations,
        "retrieved": ranked,
        "flags": flags,
        "latency_ms": round(output.latency_ms, 2),
        **({"extra": extra} if extra else {}),
    }


def _search_only_summary(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    from evals.metrics import mean

    rows = [r["flags"]["search_only"] for r in records if "search_only" in r["flags"]]
    rows = [f for f in rows if f]
    if not rows:
        return None
    keys = ("hit1_strict", "hit5_strict", "rr_strict", "hit1_doc", "hit5_doc", "rr_doc")
    return {k: mean(f[k] for f in rows) for k in keys}


def _attribution(options: EvalOptions) -> dict[str, Any] | None:
    corpus_dir = options.polnear
    if corpus_dir is None and options.attribution and POLNEAR.is_dir():
        corpus_dir = POLNEAR
    if corpus_dir is None:
        return None
    try:
        from evals.attribution import format_table, score_attribution
    except Exception as exc:  # being written alongside; the report says why it is missing
        return {"error": f"evals.attribution is not importable yet ({exc})"}
    try:
        scores = score_attribution(corpus_dir)
    except Exception as exc:
        return {"error": f"score_attribution({corpus_dir}) failed: {exc}"}
    try:
        table = format_table(scores)
    except Exception:
        table = None
    return {"corpus_dir": str(corpus_dir), "scores": scores, "table": table}


def _kind_order(kind: str) -> int:
    from evals.metrics import KINDS

    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _command_line() -> str:
    argv = list(sys.argv)
    program = Path(argv[0]).name if argv else ""
    if program == "__main__.py":
        return shlex.join(["python", "-m", "evals", *argv[1:]])
    return shlex.join([program or "quotedesk", *argv[1:]])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float):
        return round(value, 4)
    if hasattr(value, "__dataclass_fields__"):
        return _jsonable(asdict(value))
    return value


# ----- the command (shared by `quotedesk eval` and `python -m evals`) ---------------------------


def _systems(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [s for s in names if s not in SYSTEMS]
    if unknown or not names:
        raise click.BadParameter(f"choose from {','.join(SYSTEMS)}; got {value!r}")
    return names


@click.command("eval")
@click.option(
    "--dataset",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Question set (JSONL, see evals/README.md).",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True),
    help="Articles to ingest (default: the sample for sample*.jsonl, else BBC).",
)
@click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False),
    help="Store folder (default: .quotedesk/eval-<dataset>).",
)
@click.option(
    "--systems",
    default=",".join(SYSTEMS),
    show_default=True,
    callback=_systems,
    help="Comma-separated systems to run.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Output folder (default: evals/out/<dataset-stem>).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only N questions, taken round-robin across kinds."
)
@click.option(
    "--polnear",
    type=click.Path(exists=True, file_okay=False),
    help="PolNeAR corpus folder: add attribution scores to the report.",
)
@click.option(
    "--attribution",
    is_flag=True,
    help="Score attribution on ../shared/corpus/polnear when it exists.",
)
@click.option(
    "--llm",
    metavar="SPEC",
    help="Also score LLM-written answers (system quotedesk+llm): ollama:MODEL, openai:MODEL "
    "or llamacpp:/path/model.gguf, as for `quotedesk --llm`.",
)
@click.option("--llm-base-url", metavar="URL", help="Server for --llm openai:/ollama:.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bars.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    dataset: str,
    corpus: str | None,
    store: str | None,
    systems: tuple[str, ...],
    out: str | None,
    limit: int | None,
    polnear: str | None,
    attribution: bool,
    llm: str | None,
    llm_base_url: str | None,
    no_progress: bool,
) -> None:
    """Score quotedesk against the llama-index starter and BM25 on a labelled question set."""
    parent = getattr(ctx.find_root().obj, "overrides", None) or {}
    options = EvalOptions(
        dataset=Path(dataset),
        corpus=Path(corpus) if corpus else None,
        store=Path(store or parent.get("home")) if (store or parent.get("home")) else None,
        systems=systems,
        out=Path(out) if out else None,
        limit=limit,
        polnear=Path(polnear) if polnear else None,
        attribution=attribution,
        chroma_url=parent.get("chroma_url"),
        llm=llm or parent.get("llm"),
        llm_base_url=llm_base_url or parent.get("llm_base_url"),
        progress=not no_progress,
    )
    run_eval(options)


def main(argv: Sequence[str] | None = None) -> None:
    eval_command.main(args=list(argv) if argv is not None else None, prog_name="python -m evals")
