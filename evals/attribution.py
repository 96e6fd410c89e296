"""Quote extraction and speaker attribution scored on PolNeAR, as its SOURCE.md prescribes.

Gold: primary-annotator attributions whose content has a quote mark (`quoted`), the strict
subset whose content begins and ends with one (`fully_quoted`), and every attribution with or
without quote marks (`all`: reported speech too, the set CofeNet, COLING 2022, reports on with
exact-match content F1 72.9 and source 83.2; its numbers are printed beside ours for
orientation, not as a like-for-like comparison of splits or matching). Dev comes flattened in
`gold_attributions_dev.jsonl`; other splits (train, for development) are flattened here from
the brat `.ann` files the same way.

Predictions: PolNeAR annotates one attribution per reported statement, so predicted quotes are
grouped the same way before scoring. Pieces of one quotation split by its attribution (same
speaker, same paragraph, consecutive, one reporting verb between them however long the source
phrase: gold content is a set of discontinuous spans around its source and cue) form one unit;
a reported statement (kind "indirect") that contains a quote mark is one unit and absorbs the
direct pieces inside it. For `quoted`, units are direct pieces and the transcript turns and
reported statements that bear a quote mark, as the gold set is content with a quote mark (an
unquoted `A: ...` turn is an attribution PolNeAR leaves out of that set, so it cannot be scored
against it); for `fully_quoted`, those direct and transcript units that do not continue a
sentence (a quote mark right after a word marks a partial quote) and are not inside a reported
statement; for `all`, every direct unit, transcript turn and reported statement.

Matching: character-level Jaccard >= 0.5 after stripping outer quote marks, punctuation and
spaces from every span, greedy one-to-one by Jaccard; exact match = identical stripped spans.
Speaker match (on matched quotes): lowercase, titles dropped; correct if the gold source's last
token is a token of the predicted speaker or the reverse. Gold sources that are pronouns are
either excluded from speaker scoring (their quotes keep quote-only credit) or resolved to the
nearest preceding PERSON entity found by spaCy in the article; gold without a source is excluded
from speaker scoring in both.

    python -m evals.attribution [--corpus-dir DIR] [--split dev] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.quotes import SPACY_MODEL, extract_quotes_many
from ingest.types import Quote


def _words(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear"
QUOTE_CHARS = '"“”'
DOUBLED_MARK = "''"  # archives that type every quotation mark as two apostrophes
STRIP = set("\"“”‘’'.,;:!?—–-()[]… \t\n\xa0")
PRONOUNS = frozenset(
    _words("""he she they it i we you him her them his hers its their our my me us this that""")
)
JACCARD = 0.5
# Reporting verbs that mark a second attribution between two quote pieces. The scorer keeps its
# own list and its own inflection, written apart from the extractor's lexicon, so that a
# lexicon change never moves the yardstick together with the thing it measures. Only past and
# -ing forms count, and the base and -s forms of plain speech verbs: a base or -s form is as
# often a noun (`a question`, `chants`, `press secretary`, `a tweet`).
_REPORTING_LEMMAS = _words(
    """accuse acknowledge add admit agree allege announce answer argue ask assert assure bemoan
    blame blast blog boast brag call caution charge chant chide cite claim comment complain
    concede conclude confess confirm contend continue counter criticize declare decry demand
    denounce deny describe dismiss echo elaborate emphasize estimate exclaim explain hail
    hint imply inform insist interject joke label lament maintain mention mock note observe
    opine pledge portray post praise predict press proclaim promise question quip quote
    recall recount refer reiterate remark remind repeat reply report respond retort reveal
    say scoff scold shout speculate state stress suggest tell testify thank tout tweet urge
    vow warn whisper wonder write yell"""
)
# Plain speech verbs, whose base and -s forms are never nouns in a gap between quote pieces
_PLAIN_SPEECH = _words(
    """say says tell tells ask asks add adds explain explains writes notes argues insists warns
    claims concludes continues responds replies suggests"""
)
# `referring to X`, `mentioning X` after a quote name a topic, `reporting` a trade: no -ing form.
_IRREGULAR = _words(
    """said told wrote swore admitted admitting quipped quipping bragged bragging blogged
    blogging referred"""
)
_NO_ING = frozenset(_words("refer mention report"))


def _inflections(lemma: str) -> set[str]:
    """A lemma's past and -ing forms by the regular suffix rules (`-ing` unless `_NO_ING`)."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = lemma[:-1] + "ied"
    else:
        past = (lemma[:-1] if lemma.endswith("e") else lemma) + "ed"
    ing = (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
    return {past} if lemma in _NO_ING else {past, ing}


REPORTING_VERBS = frozenset(
    {form for lemma in _REPORTING_LEMMAS for form in _inflections(lemma)}
    | set(_PLAIN_SPEECH)
    | set(_IRREGULAR)
)
# Gold sets scored: content with a quote mark, content within quote marks, and every
# attribution with or without quote marks (`all`, where reported statements count too).
VARIANTS = ("quoted", "fully_quoted", "all")
COFENET_REFERENCE = "CofeNet (COLING 2022), exact-match content F1 72.9, source 83.2"


@dataclass(frozen=True)
class Gold:
    doc: str
    spans: tuple[tuple[int, int], ...]
    source: str | None
    source_start: int
    fully_quoted: bool


@dataclass(frozen=True)
class Unit:
    doc: str
    spans: tuple[tuple[int, int], ...]
    speaker: str | None
    kind: str
    rule: str | None = None  # the extraction rule of its first quote (`Quote.rule`)


# --- gold -------------------------------------------------------------------------------------


def load_articles(corpus_dir: Path, split: str) -> dict[str, str]:
    """doc name -> article text for one split."""
    texts = {}
    with open(corpus_dir / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("section") == split:
                texts[rec["id"].removeprefix("polnear-")] = rec["text"]
    return texts


def _has_quote(text: str) -> bool:
    return any(c in text for c in QUOTE_CHARS) or DOUBLED_MARK in text


def _fully_quoted(text: str) -> bool:
    stripped = text.strip()
    marks = (*QUOTE_CHARS, DOUBLED_MARK)
    return stripped.startswith(marks) and stripped.endswith(marks)


def load_gold(corpus_dir: Path, split: str, variant: str) -> list[Gold]:
    """Primary-annotator gold attributions of one variant (see `VARIANTS`). Whether a content
    bears a quote mark is read from its text on every split (the dev file's own flags miss
    the doubled apostrophes some archives type for quotation marks)."""
    if split == "dev":
        with open(corpus_dir / "gold_attributions_dev.jsonl", encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh]
    else:
        records = list(_flatten_ann(corpus_dir / "data" / split / "attributions"))
    gold = []
    for rec in records:
        if not rec["primary"] or "content" not in rec:
            continue
        content = rec["content"]["text"]
        if variant != "all" and not _has_quote(content):
            continue
        if variant == "fully_quoted" and not _fully_quoted(content):
            continue
        source = rec.get("source")
        gold.append(
            Gold(
                doc=rec["doc"],
                spans=tuple(tuple(s) for s in rec["content"]["spans"]),
                source=source["text"] if source else None,
                source_start=source["spans"][0][0] if source else -1,
                fully_quoted=_fully_quoted(content),
            )
        )
    return gold


def _flatten_ann(folder: Path) -> list[dict[str, Any]]:
    """Flatten brat files into the gold_attributions_dev.jsonl record shape."""
    by_doc: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(folder.glob("*.ann")):
        doc, _, _annotator = path.stem.rpartition("_")
        by_doc[doc].append(path)
    out = []
    for doc, paths in by_doc.items():
        for i, path in enumerate(sorted(paths)):
            out.extend(_parse_ann(path, doc, primary=i == 0))
    return out


def _parse_ann(path: Path, doc: str, primary: bool) -> list[dict[str, Any]]:
    spans: dict[str, dict[str, Any]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    last: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and "\t" in line:
            tid, meta, surface = (line.split("\t", 2) + [""])[:3]
            _kind, _, offsets = meta.partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[tid] = {"spans": [list(p) for p in pieces], "text": surface}
            last = tid
        elif line.startswith("E") and "\t" in line:
            eid, args = line.split("\t", 1)
            roles = dict(a.split(":", 1) for a in args.split())
            events.append((eid, roles))
            last = None
        elif last is not None and not line.startswith("#"):
            spans[last]["text"] += "\n" + line
    out = []
    for eid, roles in events:
        rec: dict[str, Any] = {"doc": doc, "primary": primary, "attr_id": eid}
        for role in ("source", "cue", "content"):
            tid = roles.get(role.capitalize())
            if tid in spans:
                rec[role] = spans[tid]
        content = rec.get("content", {}).get("text", "")
        rec["has_quote_mark"] = _has_quote(content)
        rec["fully_quoted"] = _fully_quoted(content)
        out.append(rec)
    return out


# --- predictions ------------------------------------------------------------------------------


def prediction_units(doc: str, text: str, quotes: list[Quote], variant: str) -> list[Unit]:
    """Group predicted quotes into PolNeAR-style attribution units (see module docstring)."""
    every = variant == "all"
    direct = [
        q
        for q in quotes
        if q.kind == "direct" or q.kind == "transcript" and (every or _has_quote(q.text))
    ]
    units: list[Unit] = []
    previous: Quote | None = None
    for q in direct:
        prev = units[-1] if units else None
        if (
            prev
            and previous
            and (_same_statement(text, previous, q) or _continues(text, previous, q))
        ):
            spans = prev.spans + ((q.start, q.end),)
            units[-1] = Unit(doc, spans, prev.speaker, "direct", prev.rule)
        else:
            units.append(Unit(doc, ((q.start, q.end),), q.speaker, "direct", q.rule))
        previous = q
    reported = [
        Unit(doc, ((q.start, q.end),), q.speaker, "indirect", q.rule)
        for q in quotes
        if q.kind == "indirect" and (every or _has_quote(q.text))
    ]
    kept = [u for u in units if not any(_inside(u, r) for r in reported)]
    if variant == "fully_quoted":
        return [u for u in kept if not _partial(text, u)]
    return kept + reported


def _partial(text: str, unit: Unit) -> bool:
    """A quote that continues a sentence (`called the plan "foolish"`) is not fully quoted."""
    before = text[: unit.spans[0][0]].rstrip(QUOTE_CHARS + "‘' ")
    return bool(before) and before[-1].isalnum()


def _same_statement(text: str, prev: Quote, q: Quote) -> bool:
    """Pieces of one quotation split by its attribution: same speaker, same paragraph, and
    between them the attribution with its one reporting verb (`"A," said X, a long
    apposition. "B."`). PolNeAR gives such a quotation one content of discontinuous spans
    around its source and cue, however long the source phrase; a second reporting verb in
    between (`"A," X said. Later he added, "B."`) is a second attribution."""
    gap = text[prev.end : q.start]
    if prev.speaker != q.speaker or "\n" in gap:
        return False
    if not (prev.text.rstrip("’'")[-1:] in ",!?—–…" or gap.lstrip("\"”’' ").startswith(",")):
        return False
    if sum(1 for w in re.findall(r"[a-z]+", gap) if w in REPORTING_VERBS) > 1:
        return False
    cues = [c for c in (prev.cue, q.cue) if c]
    return any(re.search(rf"\b{re.escape(c)}\b", gap) for c in cues)


def _continues(text: str, prev: Quote, q: Quote) -> bool:
    """An unattributed quote paragraph right after a quote by the same speaker.

    PolNeAR annotates such a run of paragraphs as one attribution. The extractor gives the
    continuation its predecessor's speaker and cue; it has its own attribution if that cue
    occurs in its paragraph outside the quote.
    """
    if prev.speaker != q.speaker or not q.speaker:
        return False
    gap = text[prev.end : q.start]
    if gap.count("\n") == 0 or len(re.findall(r"\n\s*\n|\n", gap)) > 2:
        return False
    if len(gap.split("\n")[-1].strip()) > 1:  # q must open its paragraph
        return False
    tail = text[q.end : (text.find("\n", q.end) + 1 or len(text) + 1) - 1]
    return not (q.cue and re.search(rf"\b{re.escape(q.cue)}\b", tail))


def _inside(unit: Unit, outer: Unit) -> bool:
    s, e = outer.spans[0]
    return all(s - 2 <= a and b <= e + 2 for a, b in unit.spans)


# --- scoring ----------------------------------------------------------------------------------


def char_set(text: str, spans: tuple[tuple[int, int], ...]) -> set[int]:
    """Character positions of the spans, outer quote marks/punctuation/space stripped."""
    chars: set[int] = set()
    for start, end in spans:
        while start < end and text[start] in STRIP:
            start += 1
        while end > start and text[end - 1] in STRIP:
            end -= 1
        chars.update(range(start, end))
    return chars


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def align(text: str, preds: list[Unit], golds: list[Gold]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment by Jaccard (>= 0.5), best pairs first."""
    pc = [char_set(text, p.spans) for p in preds]
    gc = [char_set(text, g.spans) for g in golds]
    pairs = []
    for i, a in enumerate(pc):
        for j, b in enumerate(gc):
            score = jaccard(a, b)
            if score >= JACCARD:
                pairs.append((score, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for score, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j, score))
    return out


HONORIFICS = frozenset(
    _words(
        """mr mrs ms miss dr prof sen senator rep gov gen col lt sgt rev sir dame lord lady hon"""
    )
)


def _tokens(name: str) -> list[str]:
    """Lowercase word tokens without honorific titles or possessive endings."""
    words = re.findall(r"[\w'’-]+", name.lower())
    words = [re.sub(r"['’]s?$", "", w) for w in words]
    kept = [w for w in words if w and w not in HONORIFICS]
    return kept if set(kept) - {"the", "a", "an"} else words  # "the senator" keeps its noun


def speaker_ok(pred: str | None, gold: str) -> bool:
    """Gold head in the predicted speaker, or the predicted head in the gold source."""
    if not pred:
        return False
    p, g = _tokens(pred), _tokens(gold)
    if not p or not g:
        return False
    return g[-1] in p or p[-1] in g


def nearest_person(text: str, before: int, people: list[tuple[int, int, str]]) -> str | None:
    """The last PERSON entity ending before `before` (pronoun resolution for gold sources)."""
    best = None
    for _start, end, name in people:
        if end <= before:
            best = name
        else:
            break
    return best


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score_variant(
    texts: dict[str, str],
    predictions: dict[str, list[Quote]],
    gold: list[Gold],
    variant: str,
    people: dict[str, list[tuple[int, int, str]]],
) -> dict[str, Any]:
    """All numbers for one gold variant, with pronoun sources excluded and resolved."""
    gold_by_doc: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    n_pred = matched = exact = 0
    excl = {"tp": 0, "pred": 0, "gold": 0, "matched": 0}
    resolved = {"tp": 0, "pred": 0, "gold": 0, "matched": 0}
    for doc, text in texts.items():
        preds = prediction_units(doc, text, predictions.get(doc, []), variant)
        golds = gold_by_doc.get(doc, [])
        n_pred += len(preds)
        pairs = align(text, preds, golds)
        matched += len(pairs)
        exact += sum(
            1
            for i, j, _ in pairs
            if char_set(text, preds[i].spans) == char_set(text, golds[j].spans)
        )
        _count_speakers(text, preds, golds, pairs, people.get(doc, []), (excl, resolved))
    out: dict[str, Any] = {
        "gold": len(gold),
        "pred": n_pred,
        "quote": _prf(matched, n_pred, len(gold)),
        "quote_exact": _prf(exact, n_pred, len(gold)),
    }
    for label, b in (("pronouns_excluded", excl), ("pronouns_resolved", resolved)):
        out[label] = {
            "pair": _prf(b["tp"], b["pred"], b["gold"]),
            "speaker_accuracy": round(b["tp"] / b["matched"], 4) if b["matched"] else 0.0,
            "gold": b["gold"],
        }
    return out


def _count_speakers(
    text: str,
    preds: list[Unit],
    golds: list[Gold],
    pairs: list[tuple[int, int, float]],
    people: list[tuple[int, int, str]],
    buckets: tuple[dict[str, int], dict[str, int]],
) -> None:
    """Add one document's speaker counts to the two buckets: pronoun sources excluded, and
    pronoun sources resolved to the nearest person before them (a pronoun that resolves to
    no one is left out of both the gold and the predictions it matched)."""
    excl, resolved = buckets
    matched_gold = {j: i for i, j, _ in pairs}
    for j, g in enumerate(golds):
        source = g.source
        is_pronoun = source is not None and source.strip().lower() in PRONOUNS
        i = matched_gold.get(j)
        for bucket, name in (
            (excl, None if is_pronoun else source),
            (resolved, _resolve(text, g, people) if is_pronoun else source),
        ):
            if name is None:
                continue
            bucket["gold"] += 1
            if i is not None:
                bucket["matched"] += 1
                bucket["tp"] += speaker_ok(preds[i].speaker, name)
    unscored = {i for i, j, _ in pairs if golds[j].source is None}
    pron = {
        i for i, j, _ in pairs if golds[j].source and golds[j].source.strip().lower() in PRONOUNS
    }
    excl["pred"] += len(preds) - len(unscored) - len(pron)
    unresolved = sum(
        1 for i, j, _ in pairs if i in pron and _resolve(text, golds[j], people) is None
    )
    resolved["pred"] += len(preds) - len(unscored) - unresolved


def _resolve(text: str, g: Gold, people: list[tuple[int, int, str]]) -> str | None:
    return nearest_person(text, g.source_start, people)


def _people(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """PERSON entities per article (full NER pass; only the evaluation pays for this)."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    out: dict[str, list[tuple[int, int, str]]] = {}
    for doc, parsed in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
        out[doc] = [(e.start_char, e.end_char, e.text) for e in parsed.ents if e.label_ == "PERSON"]
    return out


def score_attribution(
    corpus_dir: str | Path = DEFAULT_CORPUS, split: str = "dev", resolve_pronouns: bool = True
) -> dict:
    """Score extraction + attribution on one PolNeAR split; the dict the evals report embeds.

    Without `resolve_pronouns` the spaCy NER pass over whole articles is skipped (most of the
    run's time, for trying a rule on train): every number is the same except the
    `pronouns_resolved` rows, whose pronoun sources then resolve to no one."""
    corpus_dir = Path(corpus_dir)
    texts = load_articles(corpus_dir, split)
    t0 = time.perf_counter()
    quotes = extract_quotes_many(list(texts.values()))
    seconds = time.perf_counter() - t0
    predictions = dict(zip(texts, quotes, strict=True))
    people = _people(texts) if resolve_pronouns else {}
    result: dict[str, Any] = {
        "split": split,
        "articles": len(texts),
        "extraction_seconds": round(seconds, 2),
        "resolved": resolve_pronouns,
    }
    for variant in VARIANTS:
        gold = load_gold(corpus_dir, split, variant)
        result[variant] = score_variant(texts, predictions, gold, variant, people)
    return result


def format_table(result: dict[str, Any]) -> str:
    """Plain-text table of the headline numbers."""
    head = (
        f"{'gold set':<14}{'|G|':>6}{'|P|':>6}  {'quote P/R/F1':<20}{'exact F1':>9}  "
        f"{'pronouns':<9}{'pair P/R/F1':<20}{'spk acc':>8}"
    )
    lines = [
        f"PolNeAR {result['split']} ({result['articles']} articles, "
        f"extraction_seconds {result['extraction_seconds']})",
        head,
        "-" * len(head),
    ]
    for name in VARIANTS:
        r = result[name]
        q = r["quote"]
        labels = ["pronouns_excluded"] + (
            ["pronouns_resolved"] if result.get("resolved", True) else []
        )
        for label in labels:
            s = r[label]
            pair = s["pair"]
            lines.append(
                f"{name:<14}{r['gold']:>6}{r['pred']:>6}  "
                f"{q['p']:.3f}/{q['r']:.3f}/{q['f1']:.3f}   {r['quote_exact']['f1']:>8.3f}  "
                f"{label.split('_')[1]:<9}{pair['p']:.3f}/{pair['r']:.3f}/{pair['f1']:.3f}   "
                f"{s['speaker_accuracy']:>7.3f}"
            )
    lines.append(f"published reference, all attributions: {COFENET_REFERENCE}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS))
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--out", help="write the full results as JSON here")
    parser.add_argument(
        "--no-pronoun-resolution",
        action="store_true",
        help="skip the NER pass over whole articles and the pronouns-resolved rows (fast)",
    )
    args = parser.parse_args(argv)
    result = score_attribution(args.corpus_dir, args.split, not args.no_pronoun_resolution)
    print(format_table(result))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
