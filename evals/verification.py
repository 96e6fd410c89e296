"""The adversarial check set for written-answer verification (issue 18).

From real passages of the corpora in ../shared/corpus (BBC, the presidential press corpus,
PolNeAR; the bundled sample alone when ../shared is absent), it generates, seeded, written
sentences of every kind an LLM can get wrong, and faithful ones, each with four offered
passages (the one it is made from and three from other articles), and runs
`app.verify.Verifier` on them as `LLMAnswerer` does:

- unsupported: number or date changed, entity swapped, predicate invented, negation flipped,
  a quotation altered in each quote style, an ellipsis hiding a negator, the speaker swapped to
  another known speaker or to an unknown person or role, the marker pointing at another
  passage. Target: >= 0.98 of each kind removed.
- faithful: copied, lightly paraphrased (framing, contractions, up to two swaps from a small
  table, a dropped connective), reordered (clauses swapped, attribution moved). Targets:
  copied >= 0.90 kept, light paraphrase >= 0.75 kept. Most swaps of that table are also in the
  verifier's synonym table, so a fourth faithful kind swaps one word for a synonym the
  verifier does not list (`paraphrase_unlisted_words`, no target): what the word check costs.

Passages are quotations with their speakers as ingest extracts them (`ingest.quotes`), and
narration sentences without a speaker; speakers' roles and aliases come from a
`SpeakerIndex` over the same quotes, as in the app. The generated sentences (corpus text) go
to evals/generated/ (git-ignored); the table of shares goes to `--table`.

    python -m evals.verification [--per-kind 1000] [--seed 18] [--table docs/notes/verify-table.md]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

from app import claims
from app.claims import word_set
from app.settings import load_settings, set_process_switches
from app.speaker_index import SpeakerIndex
from app.types import Citation
from app.verify import MAX_UNSUPPORTED, Checked, Verifier
from evals.run import ROOT, SAMPLE_CORPUS
from ingest.loaders import article_from_record
from ingest.quoting.ner import phrase_entities
from ingest.terms import Lexicon
from ingest.text import sentence_spans
from ingest.types import Article

CORPORA = ("bbc", "ua_ru_presidential_press", "polnear")
GENERATED = ROOT / "evals" / "generated" / "verification-items.jsonl"
DEFAULT_TABLE = ROOT / "docs" / "notes" / "verify-table.md"
OFFERED = 4  # passages offered with each sentence, as the answer prompt offers a few
MIN_WORDS, MAX_WORDS = 8, 45
SWEEP = (0.0, 0.1, 0.2)

# Made-up people (no such names in the corpora) and roles for the unknown-speaker kind.
FIRST_NAMES = "Marta Oskar Lenka Tomas Ingrid Pavel Odile Ruben Sanna Dariusz Ilse Konrad"
LAST_NAMES = "Kowalczyk Brandvold Ferreira Lindqvist Haverkamp Szabo Ostrowski Meraz Valtonen"
UNKNOWN_ROLES = (
    "The NATO chief",
    "A White House spokesman",
    "The UN secretary general",
    "An EU diplomat",
    "The Pentagon press secretary",
    "A senior Chinese official",
)
# Verbs an invented predicate swaps in or adds ("were secretly burned").
NEWS_VERBS = sorted(
    word_set(
        "agreed announced approved signed won lost sold bought opened closed raised launched "
        "backed blocked banned criticised praised welcomed visited attacked supported "
        "cancelled delayed rejected doubled halved hired fired sued arrested destroyed burned "
        "leaked"
    )
)
INVENTED = (
    "were secretly burned",
    "was quietly abandoned last night",
    "will be put to a referendum",
    "had been drafted by foreign lawyers",
    "was later sold to a private buyer",
    "prompted mass resignations",
)
# Light paraphrase: common swaps an LLM makes (an independent table, not the verifier's).
PARAPHRASES = (
    ("big", "large"),
    ("start", "begin"),
    ("help", "assist"),
    ("buy", "purchase"),
    ("very ", ""),
    ("really ", ""),
    ("also ", ""),
    ("just ", ""),
    ("but ", "however, "),
    ("because", "since"),
    ("firm", "company"),
    ("rise", "increase"),
    ("talks", "negotiations"),
    ("people", "citizens"),
    ("said", "stated"),
    ("important", "significant"),
    ("quickly", "rapidly"),
)
# Swaps outside the verifier's synonym table, to measure what its word check costs honestly.
UNLISTED_PARAPHRASES = (
    ("big", "huge"),
    ("help", "support"),
    ("problem", "issue"),
    ("show", "demonstrate"),
    ("very", "extremely"),
    ("get", "obtain"),
    ("think", "believe"),
    ("want", "wish"),
    ("important", "crucial"),
    ("country", "land"),
    ("work", "labour"),
    ("new", "fresh"),
    ("said", "remarked"),
    ("now", "currently"),
    ("made", "created"),
    ("good", "fine"),
)
CONTRACTIONS = (
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("did not", "didn't"),
    ("is not", "isn't"),
    ("are not", "aren't"),
    ("was not", "wasn't"),
    ("will not", "won't"),
    ("cannot", "can't"),
    ("would not", "wouldn't"),
    ("have not", "haven't"),
    ("has not", "hasn't"),
)
_CONNECTIVE = re.compile(r"^(?:And|But|So|Also|However|Yet|Now|Well|Indeed),?\s+")
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|has|have|had|must|may|might)\b(?! not)"
)
_NEGATOR = re.compile(r"\b(not|never|no)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?(?![\w.,]*\d)")
_QUOTE_MARKS = "“”\"‘’'«»„"
QUOTE_STYLE_MARKS = {
    "curly_double": ("“", "”"),
    "straight_double": ('"', '"'),
    "curly_single": ("‘", "’"),
    "straight_single": ("'", "'"),
    "guillemets": ("«", "»"),
    "low_high": ("„", "“"),
}
MONTHS = sorted(
    word_set("January February March April June July August September October November December")
)
WEEKDAYS = sorted(word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"))
ELLIPSES = ("…", "...", "(...)")


@dataclass(frozen=True)
class Source:
    """A real passage: a quotation with its speaker, or a narration sentence (speaker None)."""

    text: str
    speaker: str | None
    article_id: str
    title: str
    source: str | None


class Item(NamedTuple):
    kind: str
    sentence: str
    offered: list[Source]  # citation n is position + 1
    target: int  # the passage the sentence was made from (1-based)


class Kind(NamedTuple):
    name: str
    faithful: bool
    make: Callable[[Gen, Source], str | None]


# ----- passages ------------------------------------------------------------------------------


def corpus_articles(corpus_dir: Path, per_corpus: int, rng: random.Random) -> list[Article]:
    """A seeded sample of each corpus's articles; the bundled sample when none is there."""
    articles: list[Article] = []
    for name in CORPORA:
        path = corpus_dir / name / "articles.jsonl"
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i in sorted(rng.sample(range(len(lines)), min(per_corpus, len(lines)))):
            try:
                articles.append(article_from_record(json.loads(lines[i]), f"{path}:{i + 1}"))
            except (ValueError, TypeError) as exc:
                print(f"skipped {path}:{i + 1}: {exc}", file=sys.stderr)
    if not articles:
        for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines():
            articles.append(article_from_record(json.loads(line), str(SAMPLE_CORPUS)))
    return articles


def passages(articles: Sequence[Article]) -> tuple[list[Source], SpeakerIndex]:
    """Quotations (first sentences, trimmed to MAX_WORDS) and narration sentences."""
    from ingest.quotes import extract_quotes_many

    quotes_per_article = extract_quotes_many([a.text for a in articles])
    index = SpeakerIndex(
        (q, a.id) for a, quotes in zip(articles, quotes_per_article, strict=True) for q in quotes
    )
    sources: list[Source] = []
    for article, quotes in zip(articles, quotes_per_article, strict=True):
        quoted = [(q.start, q.end) for q in quotes]
        for q in quotes:
            if q.speaker:
                text = _first_sentences(q.text.strip(_QUOTE_MARKS + " "))
                if text:
                    sources.append(
                        Source(text, q.speaker, article.id, article.title, article.source)
                    )
        for start, end in sentence_spans(article.text):
            if any(s < end and start < e for s, e in quoted):
                continue
            text = article.text[start:end]
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS and not set(text) & set(_QUOTE_MARKS):
                sources.append(Source(text, None, article.id, article.title, article.source))
    return sources, index


def _first_sentences(text: str) -> str | None:
    """The leading sentences of a quotation, within MAX_WORDS; None if too short."""
    out = ""
    for start, end in sentence_spans(text):
        piece = text[start:end]
        if out and len((out + " " + piece).split()) > MAX_WORDS:
            break
        out = f"{out} {piece}".strip()
    words = out.split()
    if len(words) > MAX_WORDS:
        out = " ".join(words[:MAX_WORDS])
    if len(out.split()) < MIN_WORDS or "\n" in out:
        return None
    return out


# ----- generation ------------------------------------------------------------------------------


class Gen:
    """Seeded sentence makers over one pool of passages."""

    def __init__(self, sources: list[Source], index: SpeakerIndex, rng: random.Random) -> None:
        self.sources = sources
        self.index = index
        self.rng = rng
        self.speakers = [
            s.name for s in index.speakers() if len(s.name.split()) >= 2 and s.name[:1].isupper()
        ]
        self.offered: list[Source] = []
        self._entities: dict[str, list[tuple[str, str]]] = {}
        self._by_label: dict[str, list[str]] = defaultdict(list)

    # The offered set of the current item: set by `item`, read by the makers.
    def offer(self, target: Source) -> int:
        others = [s for s in self.rng.sample(self.sources, 12) if s.article_id != target.article_id]
        self.offered = others[: OFFERED - 1]
        at = self.rng.randrange(len(self.offered) + 1)
        self.offered.insert(at, target)
        return at + 1

    def offered_text(self) -> str:
        return " ".join(
            f"{s.text} {s.title} {s.speaker or ''} {s.source or ''}" for s in self.offered
        )

    def absent(self, text: str) -> bool:
        """None of `text`'s words (case-insensitive) is in an offered passage."""
        known = set(claims.name_words(self.offered_text()))
        return not any(claims.same_word(w, known) for w in claims.name_words(text))

    def frame(self, source: Source, body: str, attribution: bool | None = None) -> str:
        """`body` as a written sentence: attributed to the passage's speaker when it has one."""
        body = _CONNECTIVE.sub("", body.strip().rstrip(".,;:!?")).strip()
        if not source.speaker or attribution is False:
            return body[:1].upper() + body[1:]
        name = source.speaker
        info = self.index.info(name)
        style = self.rng.randrange(4)
        if style == 3 and info and info.role and len(info.role.split()) <= 4:
            who = f"The {info.role}"
            return f"{who} said that {_lower_first(body)}"
        if style == 2:
            return f"{body}, {name.split()[-1]} said"
        if style == 1:
            return f"According to {name}, {_lower_first(body)}"
        return f"{name} said that {_lower_first(body)}"

    def cite(self, sentence: str, n: int) -> str:
        return f"{sentence} [{n}]."

    def entities(self, source: Source) -> list[tuple[str, str]]:
        return self._entities.get(source.text, [])

    def learn_entities(self, sources: Sequence[Source]) -> None:
        """NER over the passages once, for the entity-swap kind."""
        found = phrase_entities([s.text for s in sources])
        for s in sources:
            ents = [
                (s.text[a:b], label)
                for label, a, b in found[s.text]
                if label in {"PERSON", "ORG", "GPE", "NORP", "LOC"}
                and re.fullmatch(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*", s.text[a:b])
            ]
            self._entities[s.text] = ents
            for text, label in ents:
                self._by_label[label].append(text)

    def another_entity(self, label: str) -> str | None:
        pool = self._by_label.get(label, [])
        for _ in range(20):
            candidate = self.rng.choice(pool) if pool else None
            if candidate and self.absent(candidate):
                return candidate
        return None


def _lower_first(body: str) -> str:
    first = body.split(" ", 1)[0]
    if first in {"The", "A", "An", "It", "This", "That", "We", "They", "There", "In", "Our"}:
        return first.lower() + body[len(first) :]
    return body


def copied(g: Gen, s: Source) -> str | None:
    n = g.offered.index(s) + 1
    if s.speaker and g.rng.random() < 0.5:
        return f"{s.speaker} said: “{s.text.rstrip()}” [{n}]."
    return g.cite(g.frame(s, s.text, attribution=False), n)


def _whole(phrase: str) -> str:
    """A pattern for `phrase` as whole words ("big" not inside "biggest")."""
    return rf"\b{re.escape(phrase.strip())}\b\s?" if phrase.endswith(" ") else rf"\b{phrase}\b"


def light_paraphrase(g: Gen, s: Source) -> str | None:
    body = s.text
    changes = [(a, b) for a, b in CONTRACTIONS + PARAPHRASES if re.search(_whole(a), body)]
    for a, b in g.rng.sample(changes, min(2, len(changes))):
        body = re.sub(_whole(a), b, body, count=1)
    return g.cite(g.frame(s, body), g.offered.index(s) + 1)


def paraphrase_unlisted_words(g: Gen, s: Source) -> str | None:
    changes = [(a, b) for a, b in UNLISTED_PARAPHRASES if re.search(_whole(a), s.text)]
    if not changes:
        return None
    a, b = g.rng.choice(changes)
    return g.cite(g.frame(s, re.sub(_whole(a), b, s.text, count=1)), g.offered.index(s) + 1)


def reordered(g: Gen, s: Source) -> str | None:
    parts = [p.strip() for p in s.text.rstrip(".!?").split(", ") if p.strip()]
    if len(parts) >= 2 and all(len(p.split()) >= 3 for p in parts[:2]):
        i = g.rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
        body = ", ".join(parts)
    elif s.speaker:
        return g.cite(f"{s.text.rstrip('.!?')}, {s.speaker} said", g.offered.index(s) + 1)
    else:
        return None
    return g.cite(g.frame(s, body), g.offered.index(s) + 1)


def number_date_changed(g: Gen, s: Source) -> str | None:
    text = s.text
    options: list[tuple[int, int, str]] = []
    for m in _NUMBER.finditer(text):
        value = m.group()
        if "." in value:
            new = f"{float(value) + g.rng.randint(1, 9):g}"
        elif len(value) == 4 and value[:2] in {"19", "20"}:
            new = str(int(value) + g.rng.choice([-10, -3, -2, -1, 1, 2, 3, 10]))
        else:
            new = str(int(value) + g.rng.randint(1, 9) * (10 ** max(0, len(value) - 2)))
        options.append((m.start(), m.end(), new))
    for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
        if m.group().lower() in claims.DATE_WORDS and m.group() != "May":
            group = MONTHS if m.group().lower()[-3:] != "day" else WEEKDAYS
            options.append((m.start(), m.end(), g.rng.choice([w for w in group if w != m.group()])))
    g.rng.shuffle(options)
    for start, end, new in options:
        changed = text[:start] + new + text[end:]
        if not (claims.numbers(new) | claims.date_words(new)) <= (
            claims.numbers(g.offered_text()) | claims.date_words(g.offered_text())
        ):
            return g.cite(g.frame(s, changed), g.offered.index(s) + 1)
    return None


def entity_swapped(g: Gen, s: Source) -> str | None:
    for text, label in g.rng.sample(g.entities(s), len(g.entities(s))):
        other = g.another_entity(label)
        if other and other.lower() != text.lower():
            body = s.text.replace(text, other, 1)
            return g.cite(g.frame(s, body), g.offered.index(s) + 1)
    return None


def predicate_invented(g: Gen, s: Source) -> str | None:
    n = g.offered.index(s) + 1
    present = [v for v in NEWS_VERBS if re.search(rf"\b{v}\b", s.text)]
    if present and g.rng.random() < 0.5:
        old = g.rng.choice(present)
        new = g.rng.choice([v for v in NEWS_VERBS if v != old and g.absent(v)] or [None])
        if new:
            return g.cite(g.frame(s, re.sub(rf"\b{old}\b", new, s.text, count=1)), n)
    invented = g.rng.choice([p for p in INVENTED if g.absent(p.split()[-1])] or [None])
    if invented is None:
        return None
    body = f"{s.text.rstrip('.!?')}, and it {invented}"
    return g.cite(g.frame(s, body), n)


def negation_flipped(g: Gen, s: Source) -> str | None:
    text = s.text
    negator = _NEGATOR.search(text)
    if negator and g.rng.random() < 0.7:
        body = text[: negator.start()] + text[negator.end() + 1 :]
    elif m := re.search(r"\b(\w+)n['’]t\b", text):
        base = {"wo": "will", "ca": "can", "sha": "shall"}.get(m.group(1).lower(), m.group(1))
        body = text[: m.start()] + base + text[m.end() :]
    elif antonym := next(
        (w for w in claims.ANTONYMS.values() if re.search(rf"\b{w}\b", text)), None
    ):
        body = re.sub(rf"\b{antonym}\b", "un" + antonym, text, count=1)
    elif aux := _AUXILIARY.search(text):
        body = text[: aux.end()] + " not" + text[aux.end() :]
    else:
        return None
    return g.cite(g.frame(s, body), g.offered.index(s) + 1)


def _span(g: Gen, s: Source, low: int = 5, high: int = 14) -> list[str] | None:
    words = s.text.rstrip(".!?").split()
    if len(words) < low:
        return None
    size = g.rng.randint(low, min(high, len(words)))
    start = g.rng.randrange(len(words) - size + 1)
    return words[start : start + size]


def quote_altered(style: str) -> Callable[[Gen, Source], str | None]:
    opening, closing = QUOTE_STYLE_MARKS[style]

    def make(g: Gen, s: Source) -> str | None:
        words = _span(g, s)
        if not words or not s.speaker:
            return None
        # Interior words only: changing the first or last word could leave a shorter quote
        # that is still verbatim.
        content = [i for i, w in enumerate(words[1:-1], 1) if len(w.strip(".,;:!?")) >= 4]
        if not content:
            return None
        i = g.rng.choice(content)
        how = g.rng.randrange(3)
        if how == 0:
            donor = [w for w in g.rng.choice(g.sources).text.split() if len(w) >= 4 and w.isalpha()]
            replacement = next((w for w in donor if g.absent(w)), None)
            if replacement is None:
                return None
            words[i] = replacement
        elif how == 1:
            del words[i]
        else:
            words.insert(i, g.rng.choice(["never", "secretly", "fully", "not", "always"]))
        quoted = " ".join(words).strip(_QUOTE_MARKS + " ")
        return f"{s.speaker} said {opening}{quoted}{closing} [{g.offered.index(s) + 1}]."

    return make


def ellipsis_hides_word(g: Gen, s: Source) -> str | None:
    if not s.speaker:
        return None
    words = s.text.rstrip(".!?").split()
    at = [i for i, w in enumerate(words) if w.lower() in {"not", "never", "no"}]
    at = [i for i in at if i >= 2 and len(words) - i >= 3]
    if not at:
        return None
    i = g.rng.choice(at)
    start = max(0, i - g.rng.randint(2, 5))
    end = min(len(words), i + g.rng.randint(3, 6))
    piece = [*words[start:i], g.rng.choice(ELLIPSES), *words[i + 1 : end]]
    quoted = " ".join(piece).strip(_QUOTE_MARKS + " ")
    return f"{s.speaker} said “{quoted}” [{g.offered.index(s) + 1}]."


def _swapped(g: Gen, s: Source, who: str) -> str:
    body = _lower_first(s.text.rstrip(".!?"))
    n = g.offered.index(s) + 1
    inside = who[:1].lower() + who[1:] if who.startswith(("The ", "A ", "An ")) else who
    style = g.rng.randrange(3)
    if style == 0:
        return f"{who} said that {body} [{n}]."
    if style == 1:
        return f"According to {inside}, {body} [{n}]."
    return f"{s.text.rstrip('.!?')}, {inside} said [{n}]."


def speaker_swapped_known(g: Gen, s: Source) -> str | None:
    if not s.speaker:
        return None
    cited = g.index.canonical(s.speaker)
    for _ in range(20):
        other = g.rng.choice(g.speakers)
        if other != cited and g.absent(other):
            return _swapped(g, s, other)
    return None


def speaker_swapped_unknown(g: Gen, s: Source) -> str | None:
    if not s.speaker:
        return None
    if g.rng.random() < 0.6:
        who = f"{g.rng.choice(FIRST_NAMES.split())} {g.rng.choice(LAST_NAMES.split())}"
    else:
        info = g.index.info(s.speaker)
        roles = [
            r for r in UNKNOWN_ROLES if not (info and info.role and info.role.lower() in r.lower())
        ]
        who = g.rng.choice(roles)
        if not g.absent(who.split()[-2]):
            return None
    return _swapped(g, s, who)


def marker_wrong(g: Gen, s: Source) -> str | None:
    sentence = copied(g, s) if g.rng.random() < 0.5 else light_paraphrase(g, s)
    if sentence is None:
        return None
    right = g.offered.index(s) + 1
    wrong = g.rng.choice([n for n in range(1, len(g.offered) + 1) if n != right])
    return sentence.replace(f"[{right}]", f"[{wrong}]")


KINDS: tuple[Kind, ...] = (
    Kind("copied", True, copied),
    Kind("light_paraphrase", True, light_paraphrase),
    Kind("reordered", True, reordered),
    Kind("paraphrase_unlisted_words", True, paraphrase_unlisted_words),
    Kind("number_date_changed", False, number_date_changed),
    Kind("entity_swapped", False, entity_swapped),
    Kind("predicate_invented", False, predicate_invented),
    Kind("negation_flipped", False, negation_flipped),
    *(Kind(f"quote_altered_{style}", False, quote_altered(style)) for style in QUOTE_STYLE_MARKS),
    Kind("ellipsis_hides_negation", False, ellipsis_hides_word),
    Kind("speaker_swapped_known", False, speaker_swapped_known),
    Kind("speaker_swapped_unknown", False, speaker_swapped_unknown),
    Kind("marker_wrong", False, marker_wrong),
)


def generate(g: Gen, per_kind: int) -> Iterator[Item]:
    """`per_kind` items of every kind (fewer only if the passages run out of candidates)."""
    for kind in KINDS:
        made, tries = 0, 0
        while made < per_kind and tries < per_kind * 30:
            tries += 1
            target = g.rng.choice(g.sources)
            n = g.offer(target)
            sentence = kind.make(g, target)
            if sentence:
                made += 1
                yield Item(kind.name, sentence, list(g.offered), n)


# ----- scoring -------------------------------------------------------------------------------


def citations(offered: Sequence[Source]) -> list[Citation]:
    return [
        Citation(
            n=i + 1,
            article_id=s.article_id,
            title=s.title,
            source=s.source,
            published=None,
            url=None,
            paragraph=1,
            start=0,
            end=len(s.text),
            text=s.text,
            speaker=s.speaker,
        )
        for i, s in enumerate(offered)
    ]


def score(items: Sequence[Item], verdicts: Sequence[Checked]) -> dict[str, dict]:
    faithful = {k.name for k in KINDS if k.faithful}
    rows: dict[str, dict] = {}
    by_kind: dict[str, list[Checked]] = defaultdict(list)
    for item, verdict in zip(items, verdicts, strict=True):
        by_kind[item.kind].append(verdict)
    for kind in KINDS:
        checked = by_kind.get(kind.name, [])
        kept = sum(c.verified for c in checked)
        share = kept / len(checked) if kind.name in faithful else 1 - kept / len(checked)
        rows[kind.name] = {
            "n": len(checked),
            "measure": "kept" if kind.name in faithful else "removed",
            "share": round(share, 4) if checked else None,
            "by_check": dict(Counter(c.check or "kept" for c in checked).most_common()),
        }
    return rows


TARGETS = {"copied": 0.90, "light_paraphrase": 0.75}
UNSUPPORTED_TARGET = 0.98


def table(rows: dict[str, dict], header: str) -> str:
    lines = [
        header,
        "",
        "| kind | sentences | measure | share | target | met | what decided (count) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        target = TARGETS.get(name, UNSUPPORTED_TARGET if row["measure"] == "removed" else None)
        if target is None:
            met, target = "-", "-"
        else:
            met = "yes" if row["share"] is not None and row["share"] >= target else "NO"
        decided = ", ".join(f"{k} {v}" for k, v in row["by_check"].items())
        lines.append(
            f"| {name} | {row['n']} | {row['measure']} | {row['share']:.3f} | {target} | {met} "
            f"| {decided} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.verification", description=__doc__)
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        help="Corpora folder (default: <shared>/corpus, QUOTEDESK_SHARED)",
    )
    parser.add_argument("--per-kind", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=400, help="sampled per corpus")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE)
    parser.add_argument("--items", type=Path, default=GENERATED)
    parser.add_argument("--sweep", action="store_true", help="also try other word thresholds")
    args = parser.parse_args(argv)
    corpus_dir = args.corpus_dir or load_settings().shared_dir / "corpus"

    started = time.perf_counter()
    rng = random.Random(args.seed)
    articles = corpus_articles(corpus_dir, args.articles, rng)
    sources, index = passages(articles)
    print(f"{len(articles)} articles, {len(sources)} passages", file=sys.stderr)
    g = Gen(sources, index, rng)
    g.learn_entities(sources)
    items = list(generate(g, args.per_kind))
    claims.prefetch(item.sentence for item in items)
    lexicon = Lexicon()
    thresholds = SWEEP if args.sweep else (MAX_UNSUPPORTED,)
    results = {}
    for threshold in thresholds:
        verifier = Verifier(lexicon, max_unsupported=threshold)
        verdicts = [verifier.check_sentence(i.sentence, citations(i.offered), index) for i in items]
        results[threshold] = score(items, verdicts)
        if threshold == MAX_UNSUPPORTED:
            chosen = verdicts
    elapsed = time.perf_counter() - started

    args.items.parent.mkdir(parents=True, exist_ok=True)
    with args.items.open("w", encoding="utf-8") as out:
        for item, verdict in zip(items, chosen, strict=True):
            record = {**item._asdict(), "offered": [asdict(s) for s in item.offered]}
            out.write(json.dumps({**record, "verdict": asdict(verdict)}, ensure_ascii=False) + "\n")
    corpora = sorted({a.id.split("-")[0] for a in articles})
    header = (
        f"Verification check set: `python -m evals.verification --per-kind {args.per_kind} "
        f"--articles {args.articles} --seed {args.seed}` ({len(articles)} articles sampled from "
        f"{', '.join(corpora)}; {len(sources)} passages; {len(items)} sentences; "
        f"MAX_UNSUPPORTED={MAX_UNSUPPORTED}; {elapsed:.0f} s on {time.strftime('%Y-%m-%d')})"
    )
    text = table(results[MAX_UNSUPPORTED], header)
    for threshold in thresholds:
        if threshold != MAX_UNSUPPORTED:
            text += "\n" + table(results[threshold], f"Sweep: MAX_UNSUPPORTED={threshold}")
    args.table.parent.mkdir(parents=True, exist_ok=True)
    args.table.write_text(text, encoding="utf-8")
    print(text)
    print(f"table: {args.table}; sentences: {args.items}", file=sys.stderr)


if __name__ == "__main__":
    set_process_switches()
    main()
