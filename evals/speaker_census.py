"""Count what extraction finds in a corpus: quotes by kind, and speakers that are offices or
fragments rather than people (`President`, `President of Russia`, `Federation Sven Ostby`).

Junk speakers (issue 17, "roles are noun phrases, never leftovers") are counted by kind: a
possessive (`Lena Brook's`, `Chelsea's statement`: an owner or the owner's document, not who
spoke), a participle (`Speaking`, `Having`: the opening of an introductory phrase), and a
fragment (`Other` of `Other analysts`, `Radio` of `Radio 1`: a speaker phrase that the text
continues with more of its noun phrase, read at the phrase's last mention before the quote).

Two more kinds are read from the speaker as written: a finding (`research from analysts
Quillstat`: the body's publication named instead of the body) and a cut name (`coach Ben
Friday` written, `Ben` the speaker: one capitalised word of the name lost at the phrase's end).

Three more kinds count the classes of session fifteen (issue 17), each read with a pattern
of its own: a clause (`hosts don't`, `it had complied fully`: a speaker with a finite
auxiliary written in lowercase), a cut name (`Marsh` of `Vell & Marsh`: the speaker as
written stands next to an `&` in the text) and a quoted label (a direct quote whose words
open with `Lena Brook:` or `RAMOS:` and whose speaker is not that name).

Surname-only speakers (issue 17, "the speaker should be the full name") are counted too: a
one-word speaker (`Vell`) that the article also writes after a given name mid-sentence (`the
writer Ana Vell`), before or after the quote.

No gold is needed, so it runs on any JSONL corpus; run it on two versions of the extractor to see
what a change does to a whole corpus (the transcripts notes compare main and this branch).

    python -m evals.speaker_census PATH [--id-prefix kremlin-] [--limit N] [--top 10]
        [--phrase "the President" ...]   # whom each phrase, as written, was resolved to
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.quotes import SPACY_MODEL, extract_quotes_many
from ingest.quoting.lexicon import ORG_HEADS, PRONOUNS, ROLE_WORDS
from ingest.quoting.lexicon_findings import FINDING_NOUNS, FINDING_PREPOSITIONS
from ingest.quoting.lexicon_speakers import FINITE_AUXILIARIES
from ingest.quoting.nounphrases import agent_noun
from ingest.speakers.lexicon import TITLES
from ingest.types import Quote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc


@dataclass(frozen=True)
class Census:
    """Quotes by kind and the office-like speakers, with how often each occurs."""

    articles: int
    kinds: dict[str, int]
    office_speakers: list[tuple[str, int]]
    office_quotes: int
    resolved: list[tuple[str, int]]  # speakers of the quotes whose speaker phrase is asked for
    junk: dict[str, int]  # junk speakers by kind (`finding`, `cut_name`, `possessive`, parsed)
    junk_speakers: list[tuple[str, int]]  # the junk speakers, kind-prefixed, most frequent first
    bare_surname_quotes: int  # quotes named by a surname alone that the article writes in full
    bare_surnames: list[tuple[str, int]]  # those surnames, most frequent first


def office_like(speaker: str) -> bool:
    """A speaker whose first word is an office, organisation or place word (`President`,
    `Federation Sven Ostby`), so it names no person the way the article does."""
    first = speaker.split()[0].lower()
    return first in ROLE_WORDS | ORG_HEADS


_POSSESSIVE = re.compile(r"['’]s?$|['’]s\s+(?P<head>[a-z][\w\-]*)")
# How a phrase's last word ties it to words after it in its noun phrase (spaCy's labels)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "poss"})
_RIGHT_PART_DEPS = frozenset({"nummod", "compound", "prep", "amod"})


def possessive(quote: Quote) -> bool:
    """`Lena Brook's`, `Chelsea's statement`: an owner, or the owner's document, is named
    as the speaker (`the prime minister's official spokesman` is a person and passes)."""
    for phrase in (quote.speaker or "", quote.speaker_as_written or ""):
        owned = _POSSESSIVE.search(phrase)
        if owned and not (owned.group("head") and _person_noun(phrase)):
            return True
    return False


def finding_phrase(speaker: str) -> bool:
    """`research from technology analysts Quillstat`: what a body published, named as the
    speaker instead of the body (a finding noun, then `from` or `by`)."""
    words = speaker.lower().split()
    return any(
        a in FINDING_NOUNS and b in FINDING_PREPOSITIONS
        for a, b in zip(words, words[1:], strict=False)
    )


def cut_name(quote: Quote) -> bool:
    """`England sevens coach Ben Friday` as written, `Ben` as the speaker: a one-word speaker
    that the phrase as written continues with a capitalised word, at its end."""
    speaker, written = quote.speaker or "", (quote.speaker_as_written or "").split()
    if " " in speaker or speaker not in written[:-1]:
        return False
    after = written[written.index(speaker) + 1 :]
    return len(after) == 1 and after[0][:1].isupper()


def clause_speaker(speaker: str) -> bool:
    """`hosts don't`, `The Home Office has already`, `it had complied fully`: a speaker with a
    finite auxiliary in lowercase (`Ana May`, `Will Young` are names)."""
    words = speaker.replace("’", "'").split()
    return len(words) > 1 and any(w in FINITE_AUXILIARIES for w in words[1:])


def ampersand_cut(text: str, quote: Quote) -> bool:
    """`Marsh` as written where that mention reads `Vell & Marsh`: a name cut at its `&`
    (read at the phrase's mention before the quote, `mention`)."""
    span = mention(text, quote)
    if span is None or "&" in (quote.speaker_as_written or ""):
        return False
    before, after = text[max(0, span[0] - 3) : span[0]], text[span[1] : span[1] + 3]
    return "&" in before or "&" in after


_QUOTED_LABEL = re.compile(r"(?:[A-Z][\w'’.-]*[ \xa0]){1,3}[A-Z][\w'’.-]*:|[A-Z]{3,}:")


def quoted_label(quote: Quote) -> bool:
    """A direct quote whose words open with a turn label (`Lena Brook: ...`, `RAMOS: ...`)
    naming someone other than its speaker."""
    if quote.kind != "direct":
        return False
    m = _QUOTED_LABEL.match(quote.text)
    return m is not None and m.group().rstrip(":") != (quote.speaker or "")


def _person_noun(phrase: str) -> bool:
    last = phrase.split()[-1].lower()
    return last in ROLE_WORDS | ORG_HEADS or agent_noun(last)


def bare_surname(text: str, speaker: str) -> bool:
    """A one-word speaker (`Vell`) that the article also writes after a given name in the
    middle of a sentence (`the writer Ana Vell`, `..., Ana J. Vell`): the quote could name
    the person in full. Read from the text with a pattern of its own, not with the linking
    rules it measures; offices and acronyms are left out."""
    if " " in speaker or not speaker[:1].isupper() or speaker.isupper() or office_like(speaker):
        return False
    pattern = _FULL_NAME.format(surname=re.escape(speaker))
    return any(m.group(1).lower() not in TITLES for m in re.finditer(pattern, text))


# A given name (and an initial) after a lowercase word or a comma, then the surname; a title
# (`Lord Vell`, `President Vell`) is no given name.
_FULL_NAME = r"(?<=[a-z,] )([A-Z][a-z]+)(?: [A-Z]\.)? {surname}(?![\w'’-])"


def mention(text: str, quote: Quote) -> tuple[int, int] | None:
    """Where the speaker phrase as written stands: its last occurrence before the quote ends,
    else its first after; None for a pronoun, which is never a fragment."""
    written = quote.speaker_as_written or ""
    if not written or written.lower() in PRONOUNS:
        return None
    found = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", text)]
    before = [s for s in found if s[0] < quote.end]
    return before[-1] if before else (found[0] if found else None)


def parsed_kind(doc: Doc, end: int) -> str | None:
    """`participle` or `fragment` for the phrase ending at character `end` of a parsed window:
    its last word is an -ing verb (`Speaking to the committee he urged`), or it modifies a
    noun after it or has a part of its phrase after it (`Other analysts`, `Radio 1`,
    `Adviser to the Head of ...`); a comma before that part (an apposition) does not count."""
    token = next((t for t in reversed(doc) if t.idx < end), None)
    if token is None:
        return None
    if token.tag_ == "VBG" and " " not in doc.text[:end].strip():
        return "participle"
    if token.dep_ in _MODIFIER_DEPS and token.head.i > token.i:
        return "fragment"
    if any(c.i == token.i + 1 and c.dep_ in _RIGHT_PART_DEPS for c in token.rights):
        return "fragment"
    return None


def written_kind(text: str, quote: Quote) -> str | None:
    """The junk kind read from a quote's speaker as written and the text around it, first
    that applies (`finding`, `cut_name`, `clause`, `ampersand_cut`, `possessive`), or None
    when only a parse of its mention can tell (`parsed_kind`)."""
    speaker = quote.speaker or ""
    if finding_phrase(speaker):
        return "finding"
    if cut_name(quote):
        return "cut_name"
    if clause_speaker(speaker):
        return "clause"
    if ampersand_cut(text, quote):
        return "ampersand_cut"
    return "possessive" if possessive(quote) else None


def census(texts: list[str], top: int, phrases: frozenset[str] = frozenset()) -> Census:
    """Extract every text once and count; `phrases` are speaker phrases as written (compared
    without case) whose resolved speakers are counted too."""
    kinds: Counter[str] = Counter()
    offices: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    junk_speakers: Counter[str] = Counter()  # kind-prefixed speakers
    windows: list[str] = []
    owners: list[tuple[str, int]] = []  # speaker and mention end within its window
    bare: Counter[str] = Counter()
    for text, quotes in zip(texts, extract_quotes_many(texts), strict=True):
        for q in quotes:
            kinds[q.kind] += 1
            if q.speaker and bare_surname(text, q.speaker):
                bare[q.speaker] += 1
            if q.speaker and office_like(q.speaker):
                offices[q.speaker] += 1
            if (q.speaker_as_written or "").lower() in phrases:
                resolved[q.speaker or "(none)"] += 1
            if quoted_label(q):
                junk_speakers[f"quoted_label: {q.speaker}"] += 1
            if not q.speaker:
                continue
            kind = written_kind(text, q)
            span = None if kind else mention(text, q)
            if kind:
                junk_speakers[f"{kind}: {q.speaker}"] += 1
            elif span:
                windows.append(text[span[0] : span[1] + 60])
                owners.append((q.speaker, span[1] - span[0]))
    for doc, (speaker, end) in zip(_parse(windows), owners, strict=True):
        kind = parsed_kind(doc, end)
        if kind:
            junk_speakers[f"{kind}: {speaker}"] += 1
    junk: Counter[str] = Counter()
    for label, n in junk_speakers.items():
        junk[label.split(":", 1)[0]] += n
    return Census(
        len(texts),
        dict(kinds),
        offices.most_common(top),
        sum(offices.values()),
        resolved.most_common(top),
        dict(junk),
        junk_speakers.most_common(top),
        sum(bare.values()),
        bare.most_common(top),
    )


def _parse(windows: list[str]) -> Iterator[Doc]:
    """Each window (a speaker phrase as written and the words after it) parsed by spaCy."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["ner", "lemmatizer"])
    return nlp.pipe(windows, batch_size=256)


def load(path: Path, prefix: str, limit: int | None) -> list[str]:
    """Texts of the records whose id starts with `prefix`, at most `limit` of them."""
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"].startswith(prefix):
                texts.append(record["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def census_parser(description: str) -> argparse.ArgumentParser:
    """The options every census script takes (this one and `evals.lead_census`), so a corpus
    is read the same way by both."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", type=Path)
    parser.add_argument("--id-prefix", default="")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--phrase", action="append", default=[], help="speaker phrase as written")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = census_parser(__doc__.split("\n", 1)[0]).parse_args(argv)
    try:
        texts = load(args.path, args.id_prefix, args.limit)
    except (OSError, ValueError, KeyError) as exc:
        print(f"speaker_census: cannot read {args.path}: {exc}", file=sys.stderr)
        return 1
    result = census(texts, args.top, frozenset(p.lower() for p in args.phrase))
    print(f"{result.articles} articles; quotes by kind: {result.kinds}")
    print(f"office-like speakers: {result.office_quotes} quotes")
    for speaker, n in result.office_speakers:
        print(f"  {n:>5}  {speaker}")
    print(f"junk speakers: {sum(result.junk.values())} quotes {result.junk}")
    for speaker, n in result.junk_speakers:
        print(f"  {n:>5}  {speaker}")
    print(f"surname-only speakers the article names in full: {result.bare_surname_quotes} quotes")
    for speaker, n in result.bare_surnames:
        print(f"  {n:>5}  {speaker}")
    if args.phrase:
        print(f"speakers of {', '.join(args.phrase)}:")
        for speaker, n in result.resolved:
            print(f"  {n:>5}  {speaker}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
