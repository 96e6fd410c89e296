"""Deterministic, local verification of a written answer against the passages it cites.

An LLM's sentence is kept only when the passages its [n] markers point to back every claim in
it. The checks run in this order; the first that fails names the reason:
1. markers: it cites at least one passage, and only numbers that were offered;
2. quotations (“…”, "…", ‘…’, '…', «…», „…“, with … / ... / (...) ellipses): each piece occurs
   in one cited passage, in order, and no ellipsis hides a negator (app/quote_align.py);
3. speakers: every person or role presented as speaking is a cited passage's speaker, named,
   aliased or by role (app/said_by.py);
4. numbers and dates: every number (normalised: "$50bn" = "50 billion") and month or weekday
   name occurs in the cited passages (app/claims.py);
5. names: every named thing (spaCy NER, and capitalised words) occurs in the cited passages or
   their speakers, roles, sources and titles;
6. polarity: each clause has as many negations (not, never, deny, fail, un-/in- antonyms) as
   the passage clause it aligns with, modulo two;
7. words: at most `MAX_UNSUPPORTED` of its content words (stemmed, reporting verbs excluded)
   are missing from the cited passages and a short synonym table.
No model writes the verdict, so the same text and passages always give the same one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app import claims
from app.quote_align import align, quotations
from app.said_by import cited_speakers, misattribution, speaker_phrases
from app.speaker_index import SpeakerIndex
from app.types import MARKER, Citation, marked_numbers, marker_numbers
from ingest.terms import Lexicon
from ingest.text import sentence_spans

# Share of a sentence's content words allowed to be missing from its passages. Measured with
# `python -m evals.verification` (docs/notes/verify.md): 0 keeps 0.9+ of copied sentences and
# removes invented predicates, which usually add just one or two words to copied text.
MAX_UNSUPPORTED = 0.0
# Words that frame a claim rather than make it ("Reed said that ...", "according to [2]").
REPORTING_WORDS = (
    "say said says saying tell told add added state stated stress stressed note noted explain "
    "explained according claim claimed warn warned argue argued describe described insist "
    "insisted also further quote quoted remark remarked comment commented mention mentioned "
    "article articles passage passages report reported speak spoke spoken words remarks "
    "statement added adding however meanwhile moreover furthermore additionally instead "
    "referring referred cited declared announced believes believed thinks thought "
    # function words a paraphrase adds that the stop list does not drop
    "since thus therefore too though although whereas "
    # number words and currencies: the numbers check compares their values
    "thousand million billion trillion dollar dollars pound pounds euro euros cent percent"
)
# A short table of words a light paraphrase may swap; each group counts as one word.
SYNONYMS = (
    "agree accept",
    "big large major",
    "buy purchase acquire",
    "help assist aid",
    "begin start launch",
    "end finish conclude",
    "show reveal indicate",
    "need require",
    "try attempt seek",
    "rise increase grow climb",
    "fall drop decline decrease",
    "country nation state",
    "government administration authorities",
    "talks negotiations discussions",
    "meeting summit talks",
    "war conflict",
    "attack strike",
    "people public citizens",
    "important significant key",
    "said told stated",
    "because since",
    "firm company",
    "plan proposal",
    "rule regulation",
    "warn caution",
    "quickly rapidly",
    "enough sufficient",
    "also too",
    "many numerous",
    "leader head",
    "expand enlarge extend",
    "security safety",
)
# Markers are parsed by `app.types.MARKER` only; a sentence may open with markers that belong
# to the sentence before it ("... end. [2] Next").
_LEADING_MARKERS = re.compile(rf"^(?:\s*{MARKER.pattern})+[.,;:]?")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_LETTER = re.compile(r"[^\W\d_]")
_PARTIAL_MARKER = re.compile(r"\[[\d,;\s]*\]?")
MIN_ALIGNED = 0.5  # share of a clause's words a passage clause must share to be compared


@dataclass(frozen=True)
class Checked:
    """One sentence of the written answer and its verdict (`reason` is None when verified)."""

    sentence: str  # markers normalised to [1][2]
    cited: tuple[int, ...]
    reason: str | None
    check: str | None = None  # which check failed: marker, quote, speaker, number, ...

    @property
    def verified(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class _Failure:
    check: str
    reason: str


class Verifier:
    def __init__(self, lexicon: Lexicon, max_unsupported: float = MAX_UNSUPPORTED) -> None:
        self.lexicon = lexicon
        self.max_unsupported = max_unsupported
        self._reporting = set(lexicon.terms(REPORTING_WORDS))
        self._synonyms: dict[str, set[str]] = {}
        for group in SYNONYMS:
            stems = set(lexicon.terms(group))
            for stem in stems:
                self._synonyms.setdefault(stem, set()).update(stems)

    def check(
        self, text: str, citations: Sequence[Citation], index: SpeakerIndex | None = None
    ) -> list[Checked]:
        """Every sentence of `text` with its verdict; `citations` are the offered passages.

        `index` gives the speakers' aliases and roles ("the Westland spokesman"); without it
        only the offered passages' speaker names are recognised.
        """
        return [self.check_sentence(s, citations, index) for s in split_sentences(text)]

    def check_sentence(
        self, sentence: str, citations: Sequence[Citation], index: SpeakerIndex | None = None
    ) -> Checked:
        numbers = marked_numbers(sentence)
        canonical = MARKER.sub(lambda m: "".join(f"[{n}]" for n in marker_numbers(m)), sentence)
        failure = self._failure(sentence, numbers, {c.n: c for c in citations}, index)
        if failure is None:
            return Checked(canonical, tuple(numbers), None)
        return Checked(canonical, tuple(numbers), failure.reason, failure.check)

    def _failure(
        self,
        sentence: str,
        numbers: list[int],
        offered: dict[int, Citation],
        index: SpeakerIndex | None,
    ) -> _Failure | None:
        if not numbers:
            return _Failure("marker", "cites no passage")
        unknown = [n for n in numbers if n not in offered]
        if unknown:
            return _Failure("marker", f"cites [{unknown[0]}], which was not offered")
        cited = [offered[n] for n in dict.fromkeys(numbers)]
        claim = " ".join(MARKER.sub(" ", sentence).split())
        for step in (
            self._quotes,
            self._speakers,
            self._numbers,
            self._names,
            self._polarity,
            self._support,
        ):
            failure = step(claim, cited, index)
            if failure is not None:
                return failure
        return None

    # ----- the checks, in order ------------------------------------------------------------

    def _quotes(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        for quoted in quotations(claim):
            misquotes = [align(quoted.text, c.text) for c in cited]
            if all(misquotes):
                first = misquotes[0]
                return _Failure(
                    "quote", f"misquote: “{first.piece}” {first.reason} ({quoted.style} quote)"
                )
        return None

    def _speakers(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        speakers = cited_speakers(cited, index)
        for phrase in speaker_phrases(_without_quotes(claim)):
            reason = misattribution(phrase, speakers, cited)
            if reason:
                return _Failure("speaker", reason)
        return None

    def _numbers(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        passages = " ".join(c.text for c in cited)
        missing = claims.numbers(claim) - claims.numbers(passages)
        if missing:
            return _Failure(
                "number", f"the number {claims.shown(min(missing))} is not in the cited passage"
            )
        for binding in claims.bindings(claim):
            if binding.name and not any(claims.bound_in(binding, c.text) for c in cited):
                name = " ".join(binding.name).title()
                return _Failure(
                    "number",
                    f"the cited passage does not give {claims.shown(binding.value)} for {name}",
                )
        dates = claims.date_words(claim) - claims.date_words(passages)
        if dates:
            return _Failure("number", f"the date {min(dates).title()} is not in the cited passage")
        return None

    def _names(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        known = set()
        for c in cited:
            known |= set(claims.name_words(f"{c.text} {c.title} {c.source or ''}"))
        for speaker in cited_speakers(cited, index):
            known |= speaker.name_words | speaker.role_words
        for name in claims.names(claim):
            missing = [w for w in claims.name_words(name.text) if not claims.same_word(w, known)]
            if missing and not set(missing) <= self._framing_words(missing):
                return _Failure("name", f"names {name.text!r}, which the cited passage does not")
        return None

    def _polarity(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        passage_clauses = [
            (clause, self._aligned_terms(clause))
            for c in cited
            for clause in claims.clauses(c.text)
        ]
        naming = self._naming(cited, index)
        for clause in claims.clauses(claim):
            named = self._aligned_terms(clause) - naming
            # Reporting verbs do not align a clause, unless they are all it has ("I have to
            # tell you").
            terms = named - self._reporting or named
            if not terms:
                continue
            scored = [(len(terms & other) / len(terms), text) for text, other in passage_clauses]
            best = max((score for score, _ in scored), default=0.0)
            if best < MIN_ALIGNED:
                continue
            parity = claims.negations(clause) % 2
            if all(claims.negations(t) % 2 != parity for s, t in scored if s == best):
                return _Failure(
                    "polarity", f"“{clause}” reverses the cited passage's negation or polarity"
                )
        return None

    def _support(
        self, claim: str, cited: list[Citation], index: SpeakerIndex | None
    ) -> _Failure | None:
        framing = self._reporting | self._naming(cited, index)
        claim_terms = self.lexicon.terms(claims.expand_contractions(claim))
        words = {w for w in claim_terms if not w.isdigit()} - framing
        if not words:
            return None
        sources = " ".join(f"{c.source or ''} {c.title}" for c in cited)
        passages = " ".join(c.text for c in cited)
        present = set(self.lexicon.terms(f"{claims.expand_contractions(passages)} {sources}"))
        missing = sorted(w for w in words if not self._supported(w, present))
        if len(missing) / len(words) > self.max_unsupported:
            return _Failure("support", f"words not in the cited passage: {', '.join(missing[:4])}")
        return None

    # ----- helpers -------------------------------------------------------------------------

    def _supported(self, stem: str, present: set[str]) -> bool:
        if stem in present or self._synonyms.get(stem, set()) & present:
            return True
        return len(stem) >= 6 and any(p[:6] == stem[:6] for p in present if len(p) >= 6)

    def _naming(self, cited: list[Citation], index: SpeakerIndex | None) -> set[str]:
        """Stems of the cited speakers' names and roles: how a claim names who speaks."""
        names = (" ".join(s.name_words | s.role_words) for s in cited_speakers(cited, index))
        return set(self.lexicon.terms(" ".join(names)))

    def _aligned_terms(self, clause: str) -> set[str]:
        return set(self.lexicon.terms(" ".join(claims.polarity_free(clause))))

    def _framing_words(self, words: list[str]) -> set[str]:
        """Of `words`, those that only frame a claim ("According", "Also")."""
        return {w for w in words if set(self.lexicon.terms(w)) <= self._reporting}


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
            if re.search(r"\w", MARKER.sub("", sentence)):
                sentences.append(sentence)
    return sentences


def complete_sentences(text: str) -> tuple[list[str], str]:
    """The sentences of streamed `text` that can no longer change, and the text still open.

    A sentence is complete once a next one has begun with a letter: its markers may still
    arrive after its full stop ("... end. [2]"), so a following "[2" does not close it.
    """
    sentences = split_sentences(text)
    if len(sentences) < 2 or not _LETTER.search(_PARTIAL_MARKER.sub("", sentences[-1])):
        return [], text
    at = text.rfind(sentences[-1])
    return (sentences[:-1], text[at:]) if at >= 0 else ([], text)


def _without_quotes(claim: str) -> str:
    """The claim with its quotations blanked: their words are checked verbatim instead."""
    for q in reversed(quotations(claim)):
        claim = f"{claim[: q.start]} “…” {claim[q.end :]}"
    return claim
