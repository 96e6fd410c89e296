"""report.md, the printed summary table and the PNG plots of one evaluation run."""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.metrics import METRICS, SHARE_KEYS

WHO_SAID_KEYS = ("speaker_accuracy", "speaker_accuracy_distinctive")
# Metrics that apply to each kind (the per-kind tables leave out the n/a rows).
KIND_METRICS = {
    "speaker_topic": [k for _, k in METRICS if k not in {*WHO_SAID_KEYS, "abstention"}],
    "who_said": [k for _, k in METRICS if k not in {"abstention", "false_not_on_topic"}],
    "fact": [
        k for _, k in METRICS if k not in {*WHO_SAID_KEYS, "abstention", "false_not_on_topic"}
    ],
    "followup": [k for _, k in METRICS if k not in {*WHO_SAID_KEYS, "abstention"}],
    "unanswerable": [
        "abstention",
        "citations_per_answer",
        "cited_words_per_answer",
        "latency_p50_ms",
        "latency_p95_ms",
    ],
}
# The metrics of the bar charts: shares only, most telling first.
PLOT_METRICS = (
    "hit5_strict",
    "mrr_strict",
    "cit_precision_strict",
    "cit_recall_strict",
    "cit_recall_doc",
    "cit_speaker_share",
    "speaker_accuracy",
    "abstention",
    "false_abstention",
    "false_not_on_topic",
)
KIND_PLOT_METRICS = ("cit_recall_strict", "cit_precision_strict", "hit5_strict", "mrr_strict")
LABELS = dict((k, label) for label, k in METRICS)
SEARCH_LABELS = {
    "hit1_strict": "hit@1 (strict)",
    "hit5_strict": "hit@5 (strict)",
    "rr_strict": "MRR (strict)",
    "hit1_doc": "hit@1 (doc)",
    "hit5_doc": "hit@5 (doc)",
    "rr_doc": "MRR (doc)",
}


def fmt(key: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if key.endswith("_ms"):
        return f"{value:.0f}"
    if key == "citations_per_answer":
        return f"{value:.2f}"
    if key == "cited_words_per_answer":
        return f"{value:.0f}"
    return f"{value:.3f}"


def table(columns: Mapping[str, Mapping[str, Any]], keys: Sequence[str] | None = None) -> str:
    """Markdown table: one row per metric, one column per system."""
    names = list(columns)
    keys = list(keys) if keys is not None else [k for _, k in METRICS]
    counts = " | ".join(str(columns[n].get("n", "")) for n in names)
    lines = [
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
        f"| questions | {counts} |",
    ]
    for key in keys:
        cells = " | ".join(fmt(key, columns[n].get(key)) for n in names)
        lines.append(f"| {LABELS[key]} | {cells} |")
    return "\n".join(lines)


def summary_table(summary: Mapping[str, Mapping[str, Any]]) -> str:
    return table(summary)


def machine() -> dict[str, Any]:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor() or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


# ----- plots -------------------------------------------------------------------------------------


def plots(
    summary: Mapping[str, Mapping[str, Any]],
    by_kind: Mapping[str, Mapping[str, Mapping[str, Any]]],
    out: Path,
) -> list[Path]:
    """metrics.png (every share metric per system) and by_kind.png (key metrics per kind)."""
    import matplotlib

    matplotlib.use("Agg")
    written = [_metrics_plot(summary, out / "metrics.png")]
    kinds = [k for k in by_kind if k != "unanswerable"]  # no retrieval or citation scores
    if kinds:
        written.append(_by_kind_plot(list(summary), by_kind, kinds, out / "by_kind.png"))
    return written


def _offsets(systems: Sequence[str], groups: int) -> tuple[float, list[list[float]]]:
    """Bar width and, per system, the x of its bar in each group (bars side by side)."""
    width = 0.8 / max(1, len(systems))
    shift = (len(systems) - 1) / 2
    return width, [[j + (i - shift) * width for j in range(groups)] for i in range(len(systems))]


def _metrics_plot(summary: Mapping[str, Mapping[str, Any]], path: Path) -> Path:
    import matplotlib.pyplot as plt

    systems = list(summary)
    width, positions = _offsets(systems, len(PLOT_METRICS))
    fig, ax = plt.subplots(figsize=(12, 4.8))
    for system, xs in zip(systems, positions, strict=True):
        values = [summary[system].get(k) for k in PLOT_METRICS]
        ax.bar(xs, [v if v is not None else 0.0 for v in values], width, label=system)
        for x, v in zip(xs, values, strict=True):
            label = "n/a" if v is None else f"{v:.2f}"
            ax.text(x, (v or 0) + 0.01, label, ha="center", va="bottom", fontsize=6)
    ax.set_xticks(range(len(PLOT_METRICS)))
    ax.set_xticklabels([LABELS[k] for k in PLOT_METRICS], rotation=25, ha="right", fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("share")
    ax.set_title("Metrics per system (false abstention: lower is better)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _by_kind_plot(
    systems: list[str],
    by_kind: Mapping[str, Mapping[str, Mapping[str, Any]]],
    kinds: list[str],
    path: Path,
) -> Path:
    import matplotlib.pyplot as plt

    width, positions = _offsets(systems, len(kinds))
    fig, axes = plt.subplots(
        1, len(KIND_PLOT_METRICS), figsize=(4 * len(KIND_PLOT_METRICS), 4), sharey=True
    )
    for ax, key in zip(axes, KIND_PLOT_METRICS, strict=True):
        for system, xs in zip(systems, positions, strict=True):
            values = [by_kind[k].get(system, {}).get(key) for k in kinds]
            ax.bar(xs, [v if v is not None else 0.0 for v in values], width, label=system)
        ax.set_xticks(range(len(kinds)))
        ax.set_xticklabels(kinds, rotation=25, ha="right", fontsize=8)
        ax.set_title(LABELS[key], fontsize=9)
        ax.set_ylim(0, 1.05)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# ----- report.md --------------------------------------------------------------------------------


def worst_questions(
    records: Sequence[Mapping[str, Any]], system: str = "quotedesk", per_kind: int = 5
) -> dict[str, list[Mapping[str, Any]]]:
    """Per kind, the system's lowest-scoring questions (what to look at first)."""

    def badness(r: Mapping[str, Any]) -> tuple:
        f = r["flags"]
        if not f["answerable"]:
            return (not f["declined"], f["n_citations"])
        precision = (
            sum(f["citations_strict"]) / len(f["citations_strict"])
            if f["citations_strict"]
            else 0.0
        )
        speaker = f.get("citations_speaker")
        speaker_share = sum(speaker) / len(speaker) if speaker else 0.0
        return (
            not f["cited_strict"],
            not f["cited_doc"],
            not f.get("speaker_named", True),
            -precision,
            -speaker_share,
            -f["rr_strict"],
        )

    out: dict[str, list[Mapping[str, Any]]] = {}
    for r in records:
        if r["system"] == system:
            out.setdefault(r["kind"], []).append(r)
    return {k: sorted(v, key=badness, reverse=True)[:per_kind] for k, v in out.items()}


def _short(text: str, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_question(r: Mapping[str, Any]) -> str:
    f = r["flags"]
    if f["answerable"]:
        status = (
            f"cited strict={f['cited_strict']} doc={f['cited_doc']}, "
            f"precision strict={sum(f['citations_strict'])}/{f['n_citations']}, "
            f"RR strict={f['rr_strict']:.2f}"
        )
        if "citations_speaker" in f:
            status += f", by speaker={sum(f['citations_speaker'])}/{f['n_citations']}"
        if "speaker_named" in f:
            status += f", speaker named={f['speaker_named']}"
    else:
        status = f"declined={f['declined']}, citations={f['n_citations']}"
    context = f" (after: {' / '.join(r['context'])})" if r.get("context") else ""
    cited = "; ".join(
        f'{c["article_id"]} {c.get("speaker") or "-"}: "{_short(c["text"], 90)}"'
        for c in r["citations"][:3]
    )
    lines = [
        f"- **{r['id']}** {r['question']}{context}",
        f"  - expected speaker: {r.get('speaker') or '-'}; gold: "
        f"{', '.join(r.get('gold_docs') or []) or '-'}; {status}",
        f"  - answered{' (abstained)' if r['abstained'] else ''}: {_short(r['answer'])}",
    ]
    if cited:
        lines.append(f"  - cited: {cited}")
    return "\n".join(lines)


def render(result: Mapping[str, Any], plot_paths: Sequence[Path]) -> str:
    meta = result["meta"]
    summary = result["summary"]
    parts = [
        f"# Evaluation: {Path(meta['dataset']).name}",
        "",
        f"- Date: {meta['date']}",
        f"- Command: `{meta['command']}`",
        f"- Machine: {meta['machine']['nproc']} cores, {meta['machine']['cpu']}, "
        f"Python {meta['machine']['python']}",
        f"- Dataset: `{meta['dataset']}`, {meta['questions']} questions"
        + (f" (--limit {meta['limit']})" if meta.get("limit") else ""),
        f"- Corpus: `{meta['corpus']}`, {meta['articles']} articles"
        + (
            f" ({meta['duplicates_dropped']} duplicates dropped)"
            if meta.get("duplicates_dropped")
            else ""
        ),
        f"- Store: `{meta['store']}`; ingest: {meta['setup']['ingest']}",
        f"- Prompt version: {meta['prompt_version']}",
        f"- Versions: {_versions(meta.get('versions') or {})}",
        "",
        "## Summary",
        "",
        summary_table(summary),
        "",
        'Definitions: evals/README.md, "Metrics". n/a = no question of that kind, or a system '
        'that attributes no speaker. Baselines never abstain; their "answer" is the cited text.',
        "",
    ]
    search_only = result.get("quotedesk_search_only")
    if search_only:
        parts += [
            "quotedesk retrieval over `search(question, k=10)` alone (without its citations "
            "first on speaker questions): "
            + ", ".join(
                f"{SEARCH_LABELS[k]} {v:.3f}" for k, v in search_only.items() if v is not None
            ),
            "",
        ]
    for path in plot_paths:
        parts += [f"![{path.stem}]({path.name})", ""]
    parts += ["## Per question kind", ""]
    for kind, columns in result["by_kind"].items():
        keys = KIND_METRICS.get(kind)
        parts += [f"### {kind}", "", table(columns, keys), ""]
    parts += attribution_section(result.get("attribution"))
    worst = worst_questions(result["questions"])
    if worst:
        parts += ["## Worst quotedesk questions per kind", ""]
        for kind, rows in worst.items():
            parts += [f"### {kind}", ""] + [describe_question(r) for r in rows] + [""]
    parts += ["## Settings", "", "```json", _json(meta["settings"]), "```", ""]
    parts += ["Systems:", "", "```json", _json(meta["system_settings"]), "```", ""]
    return "\n".join(parts)


# ----- several question sets side by side (`--dataset A --dataset B`) ---------------------------

# A gap (a later set minus the first) beyond this on a share metric is flagged in bold: the
# issue's bound on dev-to-test drift, past which a fitted scorer is overfit.
GAP_LIMIT = 0.05
GAP_SYSTEM = "quotedesk"  # the system whose gap gets a column (the baselines are not fitted)


def fmt_gap(key: str, value: float | None) -> str:
    """A signed difference in the metric's own unit; bold past `GAP_LIMIT` on shares."""
    if value is None:
        return "n/a"
    size = fmt(key, abs(value))
    sign = "-" if value < 0 and float(size) != 0 else "+"  # a gap that rounds to 0 is "+0"
    text = f"{sign}{size}"
    return f"**{text}**" if key in SHARE_KEYS and abs(value) > GAP_LIMIT else text


def comparison_table(
    by_label: Mapping[str, Mapping[str, Mapping[str, Any]]],
    keys: Sequence[str] | None = None,
) -> str:
    """Markdown table: one row per metric; per system one column per set (dev, test), and
    after quotedesk's its gap (each later set minus the first)."""
    labels = list(by_label)
    systems = list(dict.fromkeys(s for columns in by_label.values() for s in columns))
    keys = list(keys) if keys is not None else [k for _, k in METRICS]
    header: list[str] = []
    cells: list[Any] = []  # (kind, system, label) of each column
    for system in systems:
        for label in labels:
            header.append(f"{system} {label}")
            cells.append(("value", system, label))
        if system == GAP_SYSTEM:
            for label in labels[1:]:
                title = f"{labels[0]} → {label}" if len(labels) > 2 else "gap"
                header.append(f"{system} {title}")
                cells.append(("gap", system, label))

    def value(kind: str, system: str, label: str, key: str) -> str:
        here = by_label[label].get(system, {}).get(key)
        if kind == "value":
            return fmt(key, here)
        base = by_label[labels[0]].get(system, {}).get(key)
        return fmt_gap(key, here - base if here is not None and base is not None else None)

    def count(kind: str, system: str, label: str) -> str:
        return str(by_label[label].get(system, {}).get("n", "")) if kind == "value" else ""

    lines = [
        "| metric | " + " | ".join(header) + " |",
        "|---|" + "---:|" * len(header),
        "| questions | " + " | ".join(count(*c) for c in cells) + " |",
    ]
    for key in keys:
        row = " | ".join(value(*c, key) for c in cells)
        lines.append(f"| {LABELS[key]} | {row} |")
    return "\n".join(lines)


def render_comparison(comparison: Mapping[str, Any]) -> str:
    """report.md of a run over several question sets: the sets side by side, overall and per
    kind, with quotedesk's gap; each set's own report sits in its folder."""
    meta = comparison["meta"]
    labels = meta["labels"]
    sets = ", ".join(
        f"{label}: `{meta['datasets'][label]}` ([report]({meta['reports'][label]}))"
        for label in labels
    )
    parts = [
        f"# Evaluation: {' vs '.join(labels)}",
        "",
        f"- Date: {meta['date']}",
        f"- Command: `{meta['command']}`",
        f"- Machine: {meta['machine']['nproc']} cores, {meta['machine']['cpu']}, "
        f"Python {meta['machine']['python']}",
        f"- Question sets: {sets}",
        f"- Corpus: `{meta['corpus']}`, {meta['articles']} articles; store `{meta['store']}`",
        f"- Versions: {_versions(meta.get('versions') or {})}",
        "",
        "## Summary",
        "",
        comparison_table(comparison["summary"]),
        "",
        f"Gap: {labels[-1]} minus {labels[0]}, in the metric's unit; **bold** where a share "
        f'moves by more than {GAP_LIMIT}. Definitions: evals/README.md, "Metrics". n/a = no '
        "question of that kind, or a system that attributes no speaker.",
        "",
        "## Per question kind",
        "",
    ]
    for kind, by_label in comparison["by_kind"].items():
        parts += [f"### {kind}", "", comparison_table(by_label, KIND_METRICS.get(kind)), ""]
    parts += attribution_section(comparison.get("attribution"))
    parts += ["## Settings", "", "```json", _json(meta["settings"]), "```", ""]
    return "\n".join(parts)


def attribution_section(attribution: Mapping[str, Any] | None) -> list[str]:
    """The report's PolNeAR attribution lines: scores, the reason they are missing, or how to
    ask for them."""
    parts = ["## Attribution (PolNeAR)", ""]
    if attribution is None:
        return parts + ["Not run (give `--polnear DIR` or `--attribution`).", ""]
    if "error" in attribution:
        return parts + [f"Not available: {attribution['error']}.", ""]
    parts += [f"Corpus: `{attribution['corpus_dir']}`", ""]
    if attribution.get("table"):
        return parts + ["```text", attribution["table"], "```", ""]
    return parts + ["```", str(attribution["scores"]), "```", ""]


def _versions(versions: Mapping[str, Any]) -> str:
    """ "quotedesk 0.1.0, pipeline 7, ..." from `QuoteDesk.describe()["versions"]`."""
    return ", ".join(f"{name} {value}" for name, value in versions.items()) or "not recorded"


def _json(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


__all__ = [
    "SHARE_KEYS",
    "comparison_table",
    "fmt",
    "machine",
    "plots",
    "render",
    "render_comparison",
    "summary_table",
    "table",
]
