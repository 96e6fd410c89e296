"""`quotedesk eval` / `python -m evals`: run a labelled question set through quotedesk and the
baselines, score it, and write report.md, results.json and plots.

quotedesk is driven only through `app.api.QuoteDesk`, as a user's program would: `open`,
`ingest`, `ask`, `search`, `article` and `describe` (settings, versions, prompt ids). The run
is four steps, each its own function: `prepare` (questions, corpus, desk, systems), `run`
(every question through every system), `summarise` (scores overall and per kind) and `write`
(results.json, report.md, plots). Only the standard library and click load with this module;
`quotedesk eval` imports it when the command runs.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from evals.metrics import KINDS, Ref
from evals.split import FIT

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from evals.baselines import SystemOutput

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("quotedesk", "llamaindex", "bm25")
SAMPLE_CORPUS = ROOT / "data" / "samples" / "articles.jsonl"
SEARCH_KEYS = ("hit1_strict", "hit5_strict", "rr_strict", "hit1_doc", "hit5_doc", "rr_doc")

# `QuoteDesk.open(store_dir, **overrides)`, or a test double with the same signature.
DeskOpener = Callable[..., "QuoteDesk"]


@dataclass
class EvalOptions:
    dataset: Path
    corpus: Path | None = None
    store: Path | None = None
    systems: tuple[str, ...] = SYSTEMS
    out: Path | None = None
    limit: int | None = None
    # --beyond-limit N: only the questions `--limit N` leaves out (the dev questions that
    # sessions tuning on `--limit 500` never saw, which predict test better)
    beyond_limit: int | None = None
    kinds: tuple[str, ...] = ()  # --kind: only questions of these kinds (all when empty)
    polnear: Path | None = None
    attribution: bool = False
    chroma_url: str | None = None
    llm: str | None = None  # --llm SPEC: also run quotedesk's written answers ("quotedesk+llm")
    llm_base_url: str | None = None
    progress: bool = True
    command_line: str | None = None
    ingest: bool = True  # False: score the store as it is (built earlier, maybe by older code)


@dataclass
class Prepared:
    """Everything `run` needs: the questions, the systems, and how to read cited articles."""

    options: EvalOptions
    rows: list[dict[str, Any]]
    desk: QuoteDesk
    systems: list[Any]
    corpus: Path
    ingested: Path
    dropped: list[str]
    store_dir: Path
    out: Path
    setup: dict[str, Any] = field(default_factory=dict)


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


def scored_rows(rows: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    """The rows an eval may score: a set holding a fit row (`split: "fit"`, questions the
    ranker is fitted on, `python -m evals.generate --fit`) is refused whole, since its
    numbers would be in-sample by construction, never a measurement."""
    fit = [row["id"] for row in rows if row.get("split") == FIT]
    if fit:
        raise click.ClickException(
            f"{path}: {len(fit)} fit rows ({fit[0]}, ...): they train the ranker, never scored"
        )
    return rows


def kind_rows(rows: list[dict[str, Any]], kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """The questions of these kinds (every question when none is given): a follow-up or
    who-said change is measured on those questions alone, not diluted in a whole set."""
    return [row for row in rows if row["kind"] in kinds] if kinds else rows


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


def rows_beyond(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """The questions `limit_rows(rows, limit)` leaves out, in their order."""
    if not limit:
        return rows
    taken = {row["id"] for row in limit_rows(rows, limit)}
    return [row for row in rows if row["id"] not in taken]


def default_corpus(dataset: Path, shared: Path) -> Path:
    """The sample for sample*.jsonl, else BBC in the shared corpora folder."""
    if dataset.name.startswith("sample"):
        return SAMPLE_CORPUS
    return shared / "corpus" / "bbc" / "articles.jsonl"


def dedup_corpus(corpus: Path, store_dir: Path) -> tuple[Path, list[str]]:
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


class ArticleTexts(Mapping[str, str]):
    """Stored article texts by id, read through the desk on first use: the scorer looks up
    only the articles that were cited, so the corpus is never read a second time."""

    def __init__(self, desk: QuoteDesk) -> None:
        self._desk = desk
        self._texts: dict[str, str] = {}

    def __getitem__(self, article_id: str) -> str:
        if article_id not in self._texts:
            article = self._desk.article(article_id)
            if article is None:
                raise KeyError(article_id)
            self._texts[article_id] = article.text
        return self._texts[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


# ----- quotedesk adapter --------------------------------------------------------------------------


def answer_first(citations: Sequence[Ref], searched: Sequence[Ref], k: int) -> list[Ref]:
    """quotedesk's ranked list: its citations in answer order, then the search passages from
    chunks none of them comes from, cut at `k`.

    Why citations first for every question: `ask` chooses its units with the learned ranker
    from the candidates of the top passages and the asked speaker's quotations, not in search
    order, so the first source a reader sees is the first citation; hit@1 is whether that one
    holds the evidence. Until 2026-12-05 (fourteenth session) this was done only for questions
    with a `speaker`, and questions without one (the generated `fact` items) were scored on
    the search list's first passage, whatever the answer cited. A declined answer has no
    citations: its list is the search's.
    """
    cited_chunks = {c.chunk_id for c in citations}
    return [*citations, *(r for r in searched if r.chunk_id not in cited_chunks)][:k]


class QuoteDeskSystem:
    """The full system. Follow-ups: the `context` turns are asked first in one conversation.

    `mode` "written" is the LLM-written answer ("quotedesk+llm"): its citations are the
    passages its kept sentences mark with [n] (all of them when it fell back to the quotes),
    and `extra["generation"]` records how many sentences were written and verified.

    Ranked list for the retrieval metrics: the answer's citations, then the passages of
    `search(question, k=10)` not already cited (`answer_first`; for follow-ups the search runs
    on the answer's standalone question when quotedesk gives one). `search_ranked` keeps the
    search-only list in results.json.
    """

    attributes_speakers = True

    def __init__(self, desk: QuoteDesk, mode: str = "quotes") -> None:
        self.desk = desk
        self.mode = mode
        self.name = "quotedesk+llm" if mode == "written" else "quotedesk"
        described = desk.describe()
        self.prompt_version = described["prompts"]["written" if mode == "written" else "quotes"]
        self._described = {"prompt_version": self.prompt_version, "store": described["store"]}
        if mode == "written":
            self._described["llm"] = described["llm"]

    def run(self, row: dict[str, Any]) -> SystemOutput:
        from evals.baselines import RANK_K, SystemOutput

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
        # A reader of a written answer is pointed to the passages its kept sentences mark.
        cited = answer.marked_citations() if answer.written else answer.citations
        citations = [
            Ref(c.article_id, c.text, c.start, c.end, c.speaker, c.chunk_id) for c in cited
        ]
        query = answer.standalone_question or row["question"]
        searched = [
            Ref(p.chunk.article_id, p.chunk.text, p.chunk.start, p.chunk.end, chunk_id=p.chunk.id)
            for p in self.desk.search(query, k=RANK_K)
        ]
        ranked = answer_first(citations, searched, RANK_K)
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
        return dict(self._described)


# ----- 1. prepare --------------------------------------------------------------------------------


def prepare(
    options: EvalOptions, open_desk: DeskOpener | None = None, reuse: Prepared | None = None
) -> Prepared:
    """Read the questions, open the store and ingest the corpus (a no-op when unchanged), and
    build the systems to compare. `open_desk` defaults to `QuoteDesk.open`. `reuse`, the
    previous dataset's preparation in a run over several: when it has the same store and
    corpus, its desk, ingest and systems serve this dataset too (the baselines are built once).
    """
    if open_desk is None:
        from app.api import QuoteDesk

        open_desk = QuoteDesk.open
    dataset = Path(options.dataset)
    rows = kind_rows(scored_rows(load_dataset(dataset), dataset), options.kinds)
    rows = limit_rows(rows_beyond(rows, options.beyond_limit), options.limit)
    unknown = set(options.systems) - set(SYSTEMS)
    if unknown:
        raise click.UsageError(f"unknown system(s): {', '.join(sorted(unknown))}")
    store_dir = Path(options.store or ROOT / ".quotedesk" / f"eval-{dataset.stem}")
    out = Path(options.out or ROOT / "evals" / "out" / dataset.stem)
    same_store = reuse is not None and reuse.store_dir == store_dir
    started = time.perf_counter()
    desk = reuse.desk if reuse is not None and same_store else None
    if desk is None:
        desk = open_desk(
            store_dir,
            chroma_url=options.chroma_url,
            llm=options.llm,
            llm_base_url=options.llm_base_url,
        )
    corpus = Path(options.corpus or default_corpus(dataset, desk.settings.shared_dir))
    if not corpus.exists():
        raise click.ClickException(f"corpus not found: {corpus} (give --corpus PATH)")
    if reuse is not None and same_store and reuse.corpus == corpus:
        return replace(reuse, options=options, rows=rows, out=out)
    ingested, dropped = dedup_corpus(corpus, store_dir)
    setup: dict[str, Any] = {"ingest": "skipped (--no-ingest)"}
    if options.ingest:
        report = desk.ingest([ingested], progress=options.progress)
        if report.failed:
            click.echo(f"warning: {report.failed} corpus record(s) failed to ingest", err=True)
        setup = {"ingest": report.summary(), "ingest_seconds": time.perf_counter() - started}
    systems = build_systems(options.systems, desk, store_dir, ingested)
    return Prepared(options, rows, desk, systems, corpus, ingested, dropped, store_dir, out, setup)


def build_systems(
    names: Sequence[str], desk: QuoteDesk, store_dir: Path, corpus: Path
) -> list[Any]:
    """The systems in the order asked; quotedesk adds its written answers when an LLM is set."""
    systems: list[Any] = []
    for name in names:
        if name == "quotedesk":
            systems.append(QuoteDeskSystem(desk))
            if desk.default_mode == "written":
                systems.append(QuoteDeskSystem(desk, mode="written"))
        elif name == "llamaindex":
            from evals.baselines import LlamaIndexStarter

            model = desk.settings.ingest
            systems.append(
                LlamaIndexStarter.over_corpus(
                    store_dir, corpus, model.embed_model, model.embed_batch_size
                )
            )
        elif name == "bm25":
            from evals.baselines import Bm25Only

            systems.append(Bm25Only.over_store(store_dir, desk.settings.chroma_url))
    return systems


# ----- 2. run ------------------------------------------------------------------------------------


def run(prepared: Prepared) -> list[dict[str, Any]]:
    """Every question through every system, scored: one record per (question, system)."""
    from tqdm import tqdm

    texts = ArticleTexts(prepared.desk)
    total = len(prepared.rows) * len(prepared.systems)
    bar = tqdm(total=total, desc="eval", unit="q", disable=not prepared.options.progress)
    records: list[dict[str, Any]] = []
    for row in prepared.rows:
        for system in prepared.systems:
            bar.set_postfix_str(f"{system.name} {row['id']}", refresh=False)
            output = system.run(row)
            flags = score(row, output, system.attributes_speakers, texts)
            records.append(_record(row, system.name, output, flags))
            bar.update(1)
    bar.close()
    return records


def score(
    row: dict[str, Any], output: SystemOutput, attributes_speakers: bool, texts: Mapping[str, str]
) -> dict[str, Any]:
    """The metric flags of one answer, and of quotedesk's search list on its own."""
    from evals.metrics import score_question

    flags = score_question(
        row,
        output.ranked,
        output.citations,
        output.answer,
        output.abstained,
        texts,
        attributes_speakers=attributes_speakers,
    )
    if "search_ranked" in output.extra:
        searched = score_question(row, output.extra["search_ranked"], [], "", False, texts)
        flags["search_only"] = {k: searched[k] for k in SEARCH_KEYS if k in searched}
    if "generation" in output.extra:
        flags["generation"] = output.extra["generation"]
    return flags


# ----- 3. summarise ------------------------------------------------------------------------------


def summarise(records: Sequence[dict[str, Any]], systems: Sequence[Any]) -> dict[str, Any]:
    """Scores per system, overall and per question kind, and quotedesk's search alone."""
    from evals.metrics import aggregate

    def of(name: str, kind: str | None = None) -> dict[str, Any]:
        return aggregate([r for r in records if r["system"] == name and kind in (None, r["kind"])])

    kinds = sorted({r["kind"] for r in records}, key=_kind_order)
    return {
        "summary": {s.name: of(s.name) for s in systems},
        "by_kind": {kind: {s.name: of(s.name, kind) for s in systems} for kind in kinds},
        "quotedesk_search_only": _search_only_summary(records),
    }


def _search_only_summary(records: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    from evals.metrics import mean

    rows = [r["flags"]["search_only"] for r in records if r["flags"].get("search_only")]
    if not rows:
        return None
    return {k: mean(f[k] for f in rows) for k in SEARCH_KEYS}


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def meta(prepared: Prepared) -> dict[str, Any]:
    """How the run was made: dataset, corpus, command, machine, date, settings and versions."""
    from evals import report

    described = prepared.desk.describe()
    options = prepared.options
    return {
        "dataset": str(options.dataset),
        "corpus": str(prepared.corpus),
        "corpus_ingested": str(prepared.ingested),
        "duplicates_dropped": len(prepared.dropped),
        "articles": prepared.desk.stats()["articles"],
        "store": str(prepared.store_dir),
        "questions": len(prepared.rows),
        "limit": options.limit,
        "beyond_limit": options.beyond_limit,
        "systems": [s.name for s in prepared.systems],
        "prompt_version": ", ".join(
            sorted({getattr(s, "prompt_version", "extractive") for s in prepared.systems})
        ),
        "command": options.command_line or _command_line(),
        "machine": report.machine(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "settings": described["settings"],
        "versions": described["versions"] | {"embed_model": described["embed_model"]},
        "system_settings": {s.name: s.describe() for s in prepared.systems},
        "setup": prepared.setup,
    }


# ----- 4. write ----------------------------------------------------------------------------------


def write(result: dict[str, Any], out: Path) -> list[Path]:
    """results.json, report.md and the plots in `out`; returns the plots written."""
    from evals import report

    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(_jsonable(result), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    plots = report.plots(result["summary"], result["by_kind"], out)
    (out / "report.md").write_text(report.render(result, plots), encoding="utf-8")
    return plots


def evaluate(prepared: Prepared) -> dict[str, Any]:
    """Run and summarise one prepared dataset: the content of its results.json."""
    records = run(prepared)
    return {
        "meta": meta(prepared),
        **summarise(records, prepared.systems),
        "attribution": _attribution(prepared.options, prepared.desk.settings.shared_dir),
        "questions": records,
    }


def run_eval(options: EvalOptions, open_desk: DeskOpener | None = None) -> dict[str, Any]:
    """Prepare, run, summarise, write; prints the summary table and where the outputs are."""
    from evals import report

    prepared = prepare(options, open_desk)
    result = evaluate(prepared)
    plots = write(result, prepared.out)
    click.echo(report.summary_table(result["summary"]))
    out = prepared.out
    click.echo(f"\nwrote {out / 'report.md'}, {out / 'results.json'} and {len(plots)} plot(s)")
    return result


def run_evals(
    options: Sequence[EvalOptions], out: Path, open_desk: DeskOpener | None = None
) -> dict[str, Any]:
    """Several question sets in one run (a dev and a test split): each is scored and written
    as `run_eval` writes it, into `out/<dataset-stem>/`; then `out/report.md` and
    `out/results.json` set them side by side, overall and per kind, with each set's gap to
    the first. Datasets over the same store and corpus share one desk and one build of the
    baselines. PolNeAR attribution (when asked for) is scored once, for the comparison."""
    from evals import report

    stems = [Path(o.dataset).stem for o in options]
    if not stems or len(set(stems)) < len(stems):  # each set's outputs go to out/<stem>/
        raise click.UsageError(f"give datasets with distinct file names, not {stems}")
    results: list[dict[str, Any]] = []
    questions: list[list[dict[str, Any]]] = []
    prepared: Prepared | None = None
    for one, stem in zip(options, stems, strict=True):
        single = replace(one, polnear=None, attribution=False, out=out / stem)
        prepared = prepare(single, open_desk, reuse=prepared)
        result = evaluate(prepared)
        write(result, prepared.out)
        results.append(result)
        questions.append(prepared.rows)
    assert prepared is not None  # at least one set, checked above
    labels = set_labels([Path(o.dataset) for o in options], questions)
    comparison = compare(results, labels, out)
    comparison["attribution"] = _attribution(options[0], prepared.desk.settings.shared_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(_jsonable(comparison), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (out / "report.md").write_text(report.render_comparison(comparison), encoding="utf-8")
    click.echo(report.comparison_table(comparison["summary"]))
    click.echo(f"\nwrote {out / 'report.md'} and {out / 'results.json'}, one folder per dataset")
    return comparison


def compare(results: Sequence[dict[str, Any]], labels: Sequence[str], out: Path) -> dict[str, Any]:
    """The side-by-side view of several runs: summaries and per-kind scores by set label,
    and every system's gap (later set minus the first) on each metric."""
    by_label = dict(zip(labels, results, strict=True))
    kinds = sorted({k for r in results for k in r["by_kind"]}, key=_kind_order)
    first = results[0]
    return {
        "meta": {
            "labels": list(labels),
            "datasets": {label: r["meta"]["dataset"] for label, r in by_label.items()},
            "reports": {
                label: str(Path(r["meta"]["dataset"]).stem + "/report.md")
                for label, r in by_label.items()
            },
            "out": str(out),
            **{
                k: first["meta"][k]
                for k in ("corpus", "articles", "store", "systems", "command", "machine", "date")
            },
            "versions": first["meta"]["versions"],
            "settings": first["meta"]["settings"],
        },
        "summary": {label: r["summary"] for label, r in by_label.items()},
        "by_kind": {
            kind: {label: r["by_kind"].get(kind, {}) for label, r in by_label.items()}
            for kind in kinds
        },
        "gap": {
            label: gaps(first["summary"], r["summary"]) for label, r in list(by_label.items())[1:]
        },
    }


def set_labels(datasets: Sequence[Path], rows: Sequence[Sequence[dict[str, Any]]]) -> list[str]:
    """A column label per question set: its split ("dev", "test") when every question names
    the same one and the labels stay distinct, else the file's stem (distinct: `run_evals`
    writes each set to `out/<stem>/`)."""
    splits = [{r.get("split") for r in questions} for questions in rows]
    labels = [next(iter(s)) if len(s) == 1 and None not in s else "" for s in splits]
    if all(labels) and len(set(labels)) == len(labels):
        return labels
    return [d.stem for d in datasets]


def gaps(
    base: Mapping[str, Mapping[str, Any]], other: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, float | None]]:
    """Per system and metric, `other` minus `base` (None where either is n/a)."""
    from evals.metrics import METRICS

    out: dict[str, dict[str, float | None]] = {}
    for system in base:
        a, b = base[system], other.get(system, {})
        out[system] = {
            key: (b[key] - a[key] if a.get(key) is not None and b.get(key) is not None else None)
            for _, key in METRICS
        }
    return out


def _record(row: dict[str, Any], system: str, output: SystemOutput, flags: dict[str, Any]) -> dict:
    def ref(r: Any, strict: bool | None = None, doc: bool | None = None) -> dict[str, Any]:
        return {
            "article_id": r.article_id,
            "chunk_id": r.chunk_id,
            "start": r.start,
            "end": r.end,
            "speaker": r.speaker,
            "strict": strict,
            "doc": doc,
        }

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


def _attribution(options: EvalOptions, shared: Path) -> dict[str, Any] | None:
    """PolNeAR attribution scores when asked for; a failure is reported, not raised."""
    corpus_dir = options.polnear
    polnear = shared / "corpus" / "polnear"
    if corpus_dir is None and options.attribution and polnear.is_dir():
        corpus_dir = polnear
    if corpus_dir is None:
        return None
    from evals.attribution import format_table, score_attribution

    try:
        scores = score_attribution(corpus_dir)
    except Exception as exc:  # a damaged corpus folder must not lose the rest of the report
        return {"error": f"score_attribution({corpus_dir}) failed: {exc}"}
    return {"corpus_dir": str(corpus_dir), "scores": scores, "table": format_table(scores)}


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


# ----- the command (`python -m evals`, and `quotedesk eval` through a thin wrapper) -------------


def _systems(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [s for s in names if s not in SYSTEMS]
    if unknown or not names:
        raise click.BadParameter(f"choose from {','.join(SYSTEMS)}; got {value!r}")
    return names


@click.command("eval")
@click.option(
    "--dataset",
    "datasets",
    required=True,
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Question set (JSONL, see evals/README.md). Repeat it (a dev and a test split) to "
    "score each and compare them side by side in one report.",
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
    help="Store folder (default: .quotedesk/eval-<first dataset>).",
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
    help="Output folder (default: evals/out/<dataset-stem>, or <stem>+<stem> for several).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Only N questions, taken round-robin across kinds."
)
@click.option(
    "--beyond-limit",
    type=click.IntRange(min=1),
    help="Only the questions --limit N would leave out (dev questions not tuned on).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only questions of this kind (repeatable), e.g. --kind followup.",
)
@click.option(
    "--polnear",
    type=click.Path(exists=True, file_okay=False),
    help="PolNeAR corpus folder: add attribution scores to the report.",
)
@click.option(
    "--attribution",
    is_flag=True,
    help="Score attribution on <shared>/corpus/polnear (QUOTEDESK_SHARED) when it exists.",
)
@click.option("--chroma-url", help="Use a Chroma server (http://host:port) for the store.")
@click.option(
    "--llm",
    metavar="SPEC",
    help="Also score LLM-written answers (system quotedesk+llm): ollama:MODEL, openai:MODEL "
    "or llamacpp:/path/model.gguf, as for `quotedesk --llm`.",
)
@click.option("--llm-base-url", metavar="URL", help="Server for --llm openai:/ollama:.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bars.")
@click.option(
    "--no-ingest",
    is_flag=True,
    help="Score the store as it is, without ingesting the corpus into it first.",
)
def eval_command(
    datasets: tuple[str, ...],
    corpus: str | None,
    store: str | None,
    systems: tuple[str, ...],
    out: str | None,
    limit: int | None,
    beyond_limit: int | None,
    kinds: tuple[str, ...],
    polnear: str | None,
    attribution: bool,
    chroma_url: str | None,
    llm: str | None,
    llm_base_url: str | None,
    no_progress: bool,
    no_ingest: bool,
) -> None:
    """Score quotedesk against the llama-index starter and BM25 on a labelled question set."""
    options = EvalOptions(
        dataset=Path(datasets[0]),
        corpus=Path(corpus) if corpus else None,
        store=Path(store) if store else None,
        systems=systems,
        out=Path(out) if out else None,
        limit=limit,
        beyond_limit=beyond_limit,
        kinds=kinds,
        polnear=Path(polnear) if polnear else None,
        attribution=attribution,
        chroma_url=chroma_url,
        llm=llm,
        llm_base_url=llm_base_url,
        progress=not no_progress,
        ingest=not no_ingest,
    )
    if len(datasets) == 1:
        run_eval(options)
        return
    paths = [Path(d) for d in datasets]
    store_dir = options.store or ROOT / ".quotedesk" / f"eval-{paths[0].stem}"
    combined = options.out or ROOT / "evals" / "out" / "+".join(p.stem for p in paths)
    each = [replace(options, dataset=p, store=store_dir, out=None) for p in paths]
    run_evals(each, combined)


def main(
    argv: Sequence[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
    prog_name: str = "python -m evals",
    standalone: bool = True,
) -> None:
    """Run the command. `defaults` are option defaults from a caller (`quotedesk eval` passes
    its global --store, --chroma-url, --llm, --llm-base-url; explicit flags win); `standalone`
    False leaves errors and exit codes to the calling click command. The caller has set the
    process switches (`app.settings.set_process_switches`) at its start-up."""
    eval_command.main(
        args=list(argv) if argv is not None else None,
        prog_name=prog_name,
        default_map={k: v for k, v in (defaults or {}).items() if v is not None},
        standalone_mode=standalone,
    )
