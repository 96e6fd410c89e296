"""Written answers: an LLM rewrites the extractive answer's passages as prose, then every
sentence is verified against the passages it cites (app/verify.py).

The extractive answer comes first and is reused, not replaced: its citations are exactly the
passages offered to the LLM (marker [n] in the prose is `citations[n-1]`), and it is what the
user gets, with a one-line notice, whenever the LLM is unreachable, slow, fails, or writes
nothing that survives verification. An LLM problem is never an error for the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from html import escape

from app import claims
from app.llm import ChatBackend, bounded, describe_failure
from app.markup import strip_markup
from app.prompts import Message, load_prompt
from app.speaker_index import SpeakerIndex
from app.types import Answer, Citation, Generation, Removed
from app.verify import Checked, Verifier, complete_sentences, split_sentences
from ingest.terms import Lexicon

CONDENSE_TURNS = 3  # earlier questions shown to the LLM when condensing a follow-up
MAX_CONDENSED_CHARS = 400
_PASSAGE_TAG = re.compile(r"<(/?passage)", re.IGNORECASE)
# "[1]" written in an article would read as a citation marker in the model's copy of it.
_MARKER_LIKE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


class LLMAnswerer:
    def __init__(self, backend: ChatBackend, lexicon: Lexicon, timeout: float) -> None:
        self.backend = backend
        self.timeout = timeout
        self.verifier = Verifier(lexicon)
        # Loaded (and checked) once, so a broken prompt file fails at start-up, not mid-chat.
        self.answer_prompt = load_prompt("answer_with_citations")
        self.condense_prompt = load_prompt("condense_followup")
        # The NER model verification uses, loaded now rather than inside the first deadline.
        claims.prefetch(["Warm-up sentence for Ann Example in Paris."])

    @property
    def name(self) -> str:
        return self.backend.name

    def stream_answer(
        self, question: str, base: Answer, index: SpeakerIndex | None = None
    ) -> Iterator[str | Answer]:
        """Verified sentences while the LLM writes, then exactly one `Answer`, always last.

        Each sentence is checked as soon as the next one begins, and only a verified one is
        yielded (with a trailing space), so a live display never shows words that will be
        removed. The final answer holds exactly the yielded sentences, or is `base` with a
        notice when the LLM failed, ran out of time, or wrote nothing verifiable.
        `question` is the standalone form of the user's question.
        """
        if base.abstained or not base.citations:
            yield base  # nothing to write about: the abstention is the answer
            return
        generation = Generation(self.backend.name, self.answer_prompt.id)
        messages = self.answer_prompt.format(
            question=question, passages=render_passages(base.citations, index)
        )
        checked: list[Checked] = []
        pending = ""
        try:
            for delta in self._stream(messages):
                done, pending = complete_sentences(strip_markup(pending + delta))
                for sentence in done:
                    checked.append(self.verifier.check_sentence(sentence, base.citations, index))
                    if checked[-1].verified:
                        yield checked[-1].sentence + " "
        except Exception as exc:  # any backend failure: the user still gets the passages
            reason = describe_failure(exc, self.timeout)
            yield _fallback(base, generation, reason, f"LLM unavailable ({reason})")
            return
        for sentence in split_sentences(strip_markup(pending)):
            checked.append(self.verifier.check_sentence(sentence, base.citations, index))
            if checked[-1].verified:
                yield checked[-1].sentence + " "
        yield _verified(base, checked, generation)

    def condense(self, question: str, history: Sequence[Answer]) -> str | None:
        """The follow-up rewritten as a standalone question, or None (then the rule-based
        carry-over in app/question.py applies)."""
        turns = [a.standalone_question or a.question for a in history if a.question]
        if not turns:
            return None
        messages = self.condense_prompt.format(
            conversation="\n".join(f"- {t}" for t in turns[-CONDENSE_TURNS:]), question=question
        )
        try:
            reply = "".join(self._stream(messages))
        except Exception:  # condensing is an optional refinement; the rules still work
            return None
        lines = [line.strip() for line in reply.splitlines() if line.strip()]
        if not lines:
            return None
        condensed = re.sub(r"^(?:standalone question:)\s*", "", lines[0], flags=re.I)
        condensed = condensed.strip("\"'“”‘’ ")
        return condensed if 0 < len(condensed) <= MAX_CONDENSED_CHARS else None

    def _stream(self, messages: list[Message]) -> Iterator[str]:
        """The backend's deltas within one wall-clock deadline for the whole reply."""
        return bounded(self.backend.stream(messages), self.timeout)


def _verified(base: Answer, checked: list[Checked], generation: Generation) -> Answer:
    """`base` with the verified sentences as its text, or with a notice if there are none."""
    kept = [c.sentence for c in checked if c.verified]
    removed = [Removed(c.sentence, c.reason or "") for c in checked if not c.verified]
    generation = replace(generation, sentences=len(checked), verified=len(kept), removed=removed)
    if not kept:
        reason = f"0 of {len(checked)} sentences verified" if checked else "empty reply"
        return _fallback(base, generation, reason, f"LLM answer not verifiable ({reason})")
    if removed:
        notice = (
            f"{len(kept)} of {len(checked)} sentences verified against the cited passages; "
            f"{len(removed)} removed"
        )
    else:
        notice = f"All {len(kept)} sentences verified against the cited passages"
    return replace(base, answer=" ".join(kept), notice=notice, generation=generation)


def render_passages(citations: Sequence[Citation], index: SpeakerIndex | None = None) -> str:
    """The offered passages as delimited data: `<passage id="n" speaker=...>text</passage>`.

    Attribute values are escaped and passage tags inside article text are defused, so an
    article cannot close its passage early and speak outside it; bracketed numbers in article
    text become "(1)", so they cannot pass for citation markers.
    """
    blocks = []
    for c in citations:
        attrs = {"id": str(c.n), "speaker": c.speaker, "title": c.title, "source": c.source}
        if c.speaker and index is not None and (info := index.info(c.speaker)) and info.role:
            attrs["role"] = info.role
        attrs["date"] = c.published
        rendered = " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs.items() if v)
        text = _MARKER_LIKE.sub(r"(\1)", _PASSAGE_TAG.sub(r"‹\1", c.text.strip()))
        blocks.append(f"<passage {rendered}>\n{text}\n</passage>")
    return "\n".join(blocks)


def _fallback(base: Answer, generation: Generation, reason: str, why: str) -> Answer:
    return replace(
        base,
        notice=f"{why}; showing quoted passages",
        generation=replace(generation, fallback=reason),
    )
