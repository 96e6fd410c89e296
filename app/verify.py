"""Deterministic, local verification of a written answer against the passages it cites.

An LLM's sentence is kept only when the passages its [n] markers point to back it:
- it cites at least one passage, and only numbers that were offered;
- every quotation in it (“...”, "...", ‘...’) appears verbatim in a cited passage (quote marks,
  dashes, whitespace and case normalised; "..." may elide words between verbatim pieces);
- at least `MIN_SUPPORT` of its content words (stemmed by the retrieval `Lexicon`, without
  reporting verbs and the cited speakers' names and roles) occur in the cited passages;
- every speaker it names is the speaker of a cited passage or is mentioned in one, so "Peskov
  said [1]" fails when [1] is Lavrov's words.
No model is involved, so the same text and passages always give the same verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.bm25 import Lexicon
from app.speaker_index import SpeakerIndex
from app.types import Citation
from ingest.text import sentence_spans

MIN_SUPPORT = 0.6
# Words that frame a claim rather than make it ("Lavrov said that ...", "according to [2]").
REPORTING_WORDS = (
    "say said says saying tell told add added state stated stress stressed note noted explain "
    "explained according claim claimed warn warned argue argued describe described insist "
    "insisted also further quote quoted remark remarked comment commented mention mentioned "
    "article articles passage passages report reported"
)
_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])+[.,;:]?")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^‘’]+(?:’\w[^‘’]*)*)’(?!\w)")
_ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")
_QUOTE_CHARS = str.maketrans({c: '"' for c in "“”„‟″"} | {c: "'" for c in "‘’‚‛′`"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@dataclass(frozen=True)
class Checked:
    """One sentence of the written answer and its verdict (`reason` is None when verified)."""

    sentence: str  # markers normalised to [1][2]
    cited: tuple[int, ...]
    reason: str | None

    @property
    def verified(self) -> bool:
        return self.reason is None


class Verifier:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._reporting = set(lexicon.terms(REPORTING_WORDS))

    def check(
        self, text: str, citations: Sequence[Citation], index: SpeakerIndex | None = None
    ) -> list[Checked]:
        """Every sentence of `text` with its verdict; `citations` are the offered passages.

        `index` resolves names, aliases and roles ("the Kremlin spokesman"); without it only
        the offered passages' speakers are recognised.
        """
        offered = {c.n: c for c in citations}
        checked = []
        for sentence in split_sentences(text):
            numbers = cited_numbers(sentence)
            canonical = _MARKER.sub(lambda m: "".join(f"[{n}]" for n in _numbers(m)), sentence)
            reason = self._reason(sentence, numbers, offered, index)
            checked.append(Checked(canonical, tuple(numbers), reason))
        return checked

    def _reason(
        self,
        sentence: str,
        numbers: list[int],
        offered: dict[int, Citation],
        index: SpeakerIndex | None,
    ) -> str | None:
        if not numbers:
            return "cites no passage"
        unknown = [n for n in numbers if n not in offered]
        if unknown:
            return f"cites [{unknown[0]}], which was not offered"
        cited = [offered[n] for n in dict.fromkeys(numbers)]
        claim = " ".join(_MARKER.sub(" ", sentence).split())
        for quoted in quotations(claim):
            if not any(_verbatim(quoted, c.text) for c in cited):
                return f"quoted words not in the cited passage: “{quoted}”"
        canonical = index.canonical if index is not None else _same
        speakers = {canonical(c.speaker) for c in cited if c.speaker}
        naming = _naming_phrases(speakers, index)
        cited_text = " ".join(c.text for c in cited)
        for name in self._others_named(claim, naming, offered.values(), index, canonical):
            if name not in speakers and not _mentions(cited_text, name):
                who = ", ".join(sorted(speakers)) or "nobody named"
                return f"names {name}, but the cited passage quotes {who}"
        support = self._support(claim, cited, naming)
        if support < MIN_SUPPORT:
            return f"only {support:.0%} of its words are in the cited passage"
        return None

    def _others_named(
        self,
        claim: str,
        naming: set[str],
        offered: Sequence[Citation],
        index: SpeakerIndex | None,
        canonical: Callable[[str], str],
    ) -> list[str]:
        """Speakers the claim names once the cited speakers' own names, aliases and roles are
        taken out ("Kremlin spokesman Dmitry Peskov" must not also count as "Kremlin")."""
        for phrase in sorted(naming, key=len, reverse=True):
            claim = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", claim, flags=re.I)
        names = list(index.find(claim)) if index is not None else []
        for c in offered:
            name = canonical(c.speaker) if c.speaker else None
            if name and name not in names and _mentions(claim, name):
                names.append(name)
        return names

    def _support(self, claim: str, cited: Sequence[Citation], naming: set[str]) -> float:
        """Share of the claim's content words found in the cited passages."""
        framing = self._reporting | set(self.lexicon.terms(" ".join(naming)))
        words = set(self.lexicon.terms(claim)) - framing
        if not words:
            return 1.0
        sources = " ".join(c.source or "" for c in cited)
        present = set(self.lexicon.terms(" ".join(c.text for c in cited) + " " + sources))
        return len(words & present) / len(words)


def split_sentences(text: str) -> list[str]:
    """Sentences of generated text; markers written after the full stop ("... end. [2] Next")
    belong to the sentence before them, and list bullets are dropped."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        for start, end in sentence_spans(line):
            sentence = line[start:end]
            lead = _LEADING_MARKERS.match(sentence)
            if lead and sentences:
                sentences[-1] = f"{sentences[-1]} {lead.group(0).strip(' .,;:')}"
                sentence = sentence[lead.end() :].strip()
            if re.search(r"\w", _MARKER.sub("", sentence)):
                sentences.append(sentence)
    return sentences


def cited_numbers(sentence: str) -> list[int]:
    return [n for m in _MARKER.finditer(sentence) for n in _numbers(m)]


def quotations(text: str) -> list[str]:
    """Text inside quotation marks (curly or straight; single curly quotes when paired)."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]


def normalise(text: str) -> str:
    """Quote marks, dashes, whitespace and case made uniform, for verbatim comparison."""
    text = _DASHES.sub("-", text.translate(_QUOTE_CHARS))
    return " ".join(text.split()).casefold()


def _verbatim(quoted: str, passage: str) -> bool:
    """Each piece of the quotation between ellipses occurs in the passage, in order."""
    haystack = normalise(passage)
    pos = 0
    for piece in _ELLIPSIS.split(quoted):
        piece = normalise(piece).strip(" .,;:!?")
        if not piece:
            continue
        found = haystack.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return pos > 0


def _naming_phrases(speakers: set[str], index: SpeakerIndex | None) -> set[str]:
    """How the cited speakers may be named: name, surname, aliases, role."""
    phrases = set()
    for name in speakers:
        phrases |= {name, name.split()[-1]}
        info = index.info(name) if index is not None else None
        if info is not None:
            phrases |= set(info.aliases) | ({info.role} if info.role else set())
    return phrases


def _mentions(text: str, name: str) -> bool:
    """`text` names this person: the full name or its last word, as a capitalised word."""
    return any(
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)
        for form in {name, name.split()[-1]}
        if form[:1].isupper()
    )


def _numbers(match: re.Match[str]) -> list[int]:
    return [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]


def _same(name: str) -> str:
    return name
