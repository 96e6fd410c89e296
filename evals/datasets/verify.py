#!/usr/bin/env python3
"""Check the labelled evaluation datasets in evals/datasets/ (stdlib only).

Usage (from the repo root):
    python evals/datasets/verify.py [--bbc PATH] [--sample PATH] [--press PATH] [--polnear PATH]
                                    [--duplicates PATH] [DATASET.jsonl ...]
    python evals/datasets/verify.py evals/generated/*-dev.jsonl evals/generated/*-test.jsonl

Defaults: --bbc ../shared/corpus/bbc/articles.jsonl, --sample data/samples/articles.jsonl,
--press ../shared/corpus/ua_ru_presidential_press/articles.jsonl and --polnear
../shared/corpus/polnear/articles.jsonl, all relative to the repo root; --duplicates is
duplicates.json next to the BBC corpus. Without dataset arguments every *.jsonl in
evals/datasets/ is checked. The corpus a dataset is checked against follows its file name:
"sample*" the sample corpus, "press*" the presidential press corpus, "polnear*" PolNeAR, any
other the BBC corpus. A generated file `<corpus>-<split>.jsonl` is checked against the article
file written beside it, `<corpus>-articles.jsonl` (the articles its store is built from), and
a duplicates.json beside that, when they exist; a fit pool `<corpus>-fit.jsonl` against
`<corpus>-fit-articles.jsonl`, its `split` "fit" unchecked by the hash. `*-articles.jsonl`
files are never datasets.

Checks, per question:
  - valid JSON; required fields present with the right types; `id` unique across all files;
    `kind` is one of the five kinds; `speaker` is a string or null;
  - answerable kinds have non-empty `gold_docs` and `evidence_any`; `unanswerable` rows have
    both empty; `followup` rows have a non-empty `context` list of strings; `who_said` rows
    have `expect_in_answer`;
  - each evidence string is 4-15 words and occurs verbatim in at least one gold doc;
  - every corpus article containing an evidence string (verbatim, or ignoring case,
    punctuation and whitespace) is listed in `gold_docs`;
  - each gold id exists in the corpus, is listed once, and contains at least one evidence
    string; ids from a duplicate group (duplicates.json) are only allowed when the whole
    group is listed.
Fields of the generated and split sets (evals/README.md, "Generated sets"), when present:
  - `split` is "dev" or "test" and is the split of the article of the first gold span
    (evals/split.py: a hash of the article id, duplicate groups together);
  - `gold_spans` is a list of [article_id, start, end] inside that article's text, non-empty
    for answerable rows, and every evidence string lies inside one of the spans;
  - `corpus`, `template`, `speaker_role` and a crossed item's `source_corpus` and `source_id`
    are non-empty strings; `source_url` is the url of
    a gold article (required for every answerable row of a press set: the corpus is CC BY 4.0).
Exits 1 with the list of problems, 0 when everything passes.
"""

import argparse
import bisect
import json
import re
import sys
from collections import Counter
from pathlib import Path

KINDS = {"speaker_topic", "who_said", "fact", "unanswerable", "followup"}
REQUIRED = ("id", "question", "kind", "speaker", "gold_docs", "evidence_any")
OPTIONAL = (
    "expect_in_answer",
    "context",
    "split",
    "corpus",
    "template",
    "gold_spans",
    "source_url",
    "speaker_role",
    "phrase_articles",
    "source_corpus",
    "source_id",
)
MIN_WORDS, MAX_WORDS = 4, 15

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# Run as a script from anywhere: the split rule lives in evals/split.py (stdlib only).
sys.path.insert(0, str(REPO))
from evals.split import FIT, SPLITS, group_keys, split_of  # noqa: E402


def norm(s):
    """Lower-case, map curly quotes to straight ones, drop punctuation, collapse spaces."""
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = re.sub(r"[^\w£$%]+", " ", s.lower())
    return re.sub(r"\s+", " ", s).strip()


def load_corpus(path, urls=None):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                docs[rec["id"]] = rec.get("text", "")
                if urls is not None and rec.get("url"):
                    urls[rec["id"]] = rec["url"]
    return docs


def check_split_fields(q, docs, keys, urls, needs_url, bad):
    """The fields of generated and split sets: split, gold_spans, corpus, template, source_url."""
    answerable = q["kind"] != "unanswerable"
    for name in ("corpus", "template", "speaker_role", "source_corpus", "source_id"):
        if name in q and (not isinstance(q[name], str) or not q[name].strip()):
            bad(f"{name} must be a non-empty string")
    spans = q.get("gold_spans")
    texts = []
    if spans is not None:
        if not isinstance(spans, list) or (answerable and not spans):
            bad("gold_spans must be a list of [article_id, start, end], non-empty when answerable")
            spans = []
        for span in spans:
            ok = (
                isinstance(span, list)
                and len(span) == 3
                and isinstance(span[0], str)
                and all(isinstance(x, int) and not isinstance(x, bool) for x in span[1:])
            )
            if not ok or span[0] not in docs or not 0 <= span[1] < span[2] <= len(docs[span[0]]):
                bad(f"gold span {span!r} is not [article_id, start, end] inside a corpus article")
                continue
            texts.append(docs[span[0]][span[1] : span[2]])
        for e in q["evidence_any"]:
            if texts and not any(e in t for t in texts):
                bad(f"evidence {e!r} is not inside any gold span")
    if q.get("split") == FIT:
        pass  # articles outside the eval subset: no hash assigns them (evals/split.py)
    elif "split" in q:
        if q["split"] not in SPLITS:
            bad(f"split {q['split']!r} not one of {[*SPLITS, FIT]}")
        article = None
        if spans and isinstance(spans[0], list) and spans[0] and spans[0][0] in docs:
            article = spans[0][0]
        elif answerable and q["gold_docs"]:
            article = min(q["gold_docs"], key=lambda d: keys.get(d, d))
        if article and split_of(article, keys) != q["split"]:
            bad(f"split {q['split']!r} but article {article} hashes to {split_of(article, keys)!r}")
    if "source_url" in q:
        if not isinstance(q["source_url"], str) or not q["source_url"].startswith("http"):
            bad("source_url must be an http(s) URL")
        elif answerable and q["source_url"] not in {urls.get(d) for d in q["gold_docs"]}:
            bad(f"source_url {q['source_url']} is not the url of a gold article")
    elif needs_url and answerable:
        bad("press rows need source_url (the corpus is CC BY 4.0: keep the source with excerpts)")


class Haystack:
    """All texts joined in one string, so finding every article that contains a string is one
    scan instead of one per article (thousands of generated questions, thousands of articles)."""

    def __init__(self, texts):
        self.ids, self.starts, parts, offset = list(texts), [], [], 0
        for i in self.ids:
            self.starts.append(offset)
            parts.append(texts[i])
            offset += len(texts[i]) + 1
        self.text = "\0".join(parts)

    def containing(self, needle):
        found = set()
        at = self.text.find(needle) if needle else -1
        while at != -1:
            found.add(self.ids[bisect.bisect_right(self.starts, at) - 1])
            at = self.text.find(needle, at + 1)
        return found


def is_str_list(v, allow_empty=True):
    return (
        isinstance(v, list)
        and all(isinstance(x, str) and x.strip() for x in v)
        and (allow_empty or v)
    )


def read_rows(path, problems):
    """(where, row) for each JSON object line; a bad line is one problem, the rest goes on."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{ln}"
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: invalid JSON ({e})")
            continue
        if not isinstance(q, dict):
            problems.append(f"{where}: line is not a JSON object")
            continue
        yield f"{where} [{q.get('id')}]", q


def check_fields(q, path, seen_ids, bad):
    """Field presence and types; False when the row cannot be checked further."""
    missing = [k for k in REQUIRED if k not in q]
    if missing:
        bad(f"missing field(s) {missing}")
        return False
    extra = [k for k in q if k not in REQUIRED + OPTIONAL]
    if extra:
        bad(f"unknown field(s) {extra}")
    qid = q["id"]
    if not isinstance(qid, str) or not qid.strip():
        bad("id must be a non-empty string")
    elif qid in seen_ids:
        bad(f"duplicate id (also in {seen_ids[qid]})")
    else:
        seen_ids[qid] = path.name
    if not isinstance(q["question"], str) or not q["question"].strip():
        bad("question must be a non-empty string")
    if q["kind"] not in KINDS:
        bad(f"kind {q['kind']!r} not one of {sorted(KINDS)}")
    if q["speaker"] is not None and (not isinstance(q["speaker"], str) or not q["speaker"].strip()):
        bad("speaker must be a non-empty string or null")
    if not is_str_list(q["gold_docs"]):
        bad("gold_docs must be a list of non-empty strings")
        return False
    if not is_str_list(q["evidence_any"]):
        bad("evidence_any must be a list of non-empty strings")
        return False
    for name in ("expect_in_answer", "context"):
        if name in q and not is_str_list(q[name], allow_empty=False):
            bad(f"{name} must be a non-empty list of non-empty strings")
    if q["kind"] == "followup" and "context" not in q:
        bad("followup needs a non-empty context (the earlier questions)")
    if q["kind"] == "who_said" and "expect_in_answer" not in q:
        bad("who_said needs expect_in_answer (e.g. the speaker's surname)")
    return True


def check_gold(gold, docs, group_of, bad):
    """Gold ids exist, are listed once, and list a duplicate group whole or not at all."""
    for d, c in Counter(gold).items():
        if c > 1:
            bad(f"gold id {d} listed {c} times")
    gold_set = set(gold)
    for d in sorted(gold_set):
        if d not in docs:
            bad(f"gold id {d} not in corpus")
    for d in sorted(gold_set):
        g = group_of.get(d)
        if g and not set(g) <= gold_set:
            bad(f"gold id {d} is in duplicate group {g}: list the whole group or none of it")


def check_evidence(ev, gold_set, docs, indexes, bad):
    """Evidence strings: 4-15 words, verbatim in a gold doc, in no article outside the gold."""
    exact_index, near_index = indexes
    for e in ev:
        nw = len(e.split())
        if not MIN_WORDS <= nw <= MAX_WORDS:
            bad(f"evidence {e!r} has {nw} words (want {MIN_WORDS}-{MAX_WORDS})")
        if not any(e in docs[d] for d in gold_set if d in docs):
            bad(f"evidence {e!r} does not occur verbatim in any gold doc")
        exact = exact_index.containing(e)
        near = near_index.containing(norm(e))
        for d in sorted(exact - gold_set):
            bad(f"article {d} contains evidence {e!r} verbatim but is not in gold_docs")
        for d in sorted(near - exact - gold_set):
            bad(
                f"article {d} contains a near-copy of evidence {e!r} "
                "(case/punctuation) but is not in gold_docs"
            )
    for d in sorted(gold_set):
        if d in docs and not any(e in docs[d] for e in ev):
            bad(f"gold doc {d} contains none of the evidence strings")


def check_dataset(path, docs, groups, seen_ids, problems, urls=None, needs_url=False):
    """Every check on one dataset file; returns the count of questions per kind."""
    indexes = (Haystack(docs), Haystack({i: norm(t) for i, t in docs.items()}))
    group_of = {i: g for g in groups for i in g}
    keys = group_keys(groups)
    kinds = Counter()
    for where, q in read_rows(path, problems):

        def bad(msg, where=where):
            problems.append(f"{where}: {msg}")

        if not check_fields(q, path, seen_ids, bad):
            continue
        kinds[q["kind"]] += 1
        check_split_fields(q, docs, keys, urls or {}, needs_url, bad)
        gold, ev = q["gold_docs"], q["evidence_any"]
        if q["kind"] == "unanswerable":
            if gold or ev:
                bad("unanswerable must have empty gold_docs and evidence_any")
            continue
        if not gold:
            bad("answerable question has empty gold_docs")
        if not ev:
            bad("answerable question has empty evidence_any")
        check_gold(gold, docs, group_of, bad)
        check_evidence(ev, set(gold), docs, indexes, bad)
    return kinds


def corpus_for(path, args):
    """(corpus file, duplicates file or None) a dataset file is checked against."""
    prefix = path.name.split("-")[0].split(".")[0]
    pool = f"-{FIT}" if path.name == f"{prefix}-{FIT}.jsonl" else ""
    beside = path.parent / f"{prefix}{pool}-articles.jsonl"
    if beside.exists():
        dup = path.parent / "duplicates.json"
        return beside, (dup if prefix == "bbc" and dup.exists() else None)
    if path.name.startswith("sample"):
        return args.sample, None
    if path.name.startswith("press"):
        return args.press, None
    if path.name.startswith("polnear"):
        return args.polnear, None
    return args.bbc, args.duplicates or args.bbc.parent / "duplicates.json"


def parser():
    """The command line: dataset files and the corpus files they are checked against."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "datasets", nargs="*", type=Path, help="dataset files (default: evals/datasets/*.jsonl)"
    )
    ap.add_argument(
        "--bbc",
        type=Path,
        default=REPO / "../shared/corpus/bbc/articles.jsonl",
        help="BBC corpus JSONL (default: ../shared/corpus/bbc/articles.jsonl from the repo root)",
    )
    ap.add_argument(
        "--sample",
        type=Path,
        default=REPO / "data/samples/articles.jsonl",
        help="sample corpus JSONL (default: data/samples/articles.jsonl from the repo root)",
    )
    ap.add_argument(
        "--press",
        type=Path,
        default=REPO / "../shared/corpus/ua_ru_presidential_press/articles.jsonl",
        help="presidential press corpus JSONL (for press*.jsonl)",
    )
    ap.add_argument(
        "--polnear",
        type=Path,
        default=REPO / "../shared/corpus/polnear/articles.jsonl",
        help="PolNeAR corpus JSONL (for polnear*.jsonl)",
    )
    ap.add_argument(
        "--duplicates",
        type=Path,
        default=None,
        help="duplicate id groups for the BBC corpus (default: duplicates.json next to --bbc)",
    )
    return ap


def load_corpora(datasets, args, problems):
    """{dataset path: (docs, duplicate groups, urls, corpus path)}, each corpus read once."""
    corpora, loaded = {}, {}
    for path in datasets:
        cpath, dpath = corpus_for(path, args)
        key = str(cpath)
        if key not in loaded:
            if not cpath.exists():
                problems.append(f"{path.name}: corpus {cpath} not found")
                continue
            urls = {}
            docs = load_corpus(cpath, urls)
            groups = []
            if dpath is not None:
                if dpath.exists():
                    groups = json.loads(dpath.read_text(encoding="utf-8"))
                else:
                    problems.append(f"duplicates file {dpath} not found")
            loaded[key] = (docs, groups, urls, cpath)
        corpora[path] = loaded[key]
    return corpora


def main(argv=None):
    args = parser().parse_args(argv)
    datasets = args.datasets or sorted(HERE.glob("*.jsonl"))
    datasets = [p for p in datasets if not p.name.endswith("-articles.jsonl")]
    if not datasets:
        print(f"no dataset files found in {HERE}")
        return 1
    problems, seen, summary = [], {}, []
    corpora = load_corpora(datasets, args, problems)
    for path in datasets:
        if path not in corpora:
            continue
        docs, groups, urls, cpath = corpora[path]
        needs_url = path.name.startswith("press")
        kinds = check_dataset(path, docs, groups, seen, problems, urls, needs_url)
        summary.append(
            f"{path.name}: {sum(kinds.values())} questions "
            f"({', '.join(f'{k} {kinds[k]}' for k in sorted(kinds))}) "
            f"vs {cpath.name} ({len(docs)} docs)"
        )
    for s in summary:
        print(s)
    if problems:
        print(f"\nFAILED: {len(problems)} problem(s):")
        for p in problems:
            print("  - " + p)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
