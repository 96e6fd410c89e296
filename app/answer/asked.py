"""The person a question asks for, where the speaker index alone cannot tell: a full name only
its surname is quoted under, an office held by several people (tried in the order their
articles come up for the topic), an office only the articles' text names the holder of.

Each guess is checked by the evidence it finds (`EvidenceSearch`): a person is taken when their
own words answer the question, so this layer sits between the search and the answer.
"""

from __future__ import annotations

from dataclasses import replace

from app.answer.holders import HOLDER_MARGIN, holder_in_conversation, holder_meant
from app.answer.search import Evidence, EvidenceSearch
from app.described import described_speakers
from app.question import LEADING_ARTICLE, Intent, Turn, person_name
from app.question_parse.parse import parse_question
from app.speaker_index import SpeakerIndex
from ingest.speakers.keys import POSSESSIVE

MAX_ALTERNATIVES = 3  # other people an ambiguous name or office may mean, tried in turn
TIE_QUOTES = 10  # quotes of a one-word speaker whose articles may name the full name asked
ROLE_CONTEXT_PASSAGES = 30  # passages whose articles say which holder of an office is meant


class AskedPerson(EvidenceSearch):
    """The evidence for the person a question means, each guess checked by its own search."""

    def evidence(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Evidence:
        """Candidate units for the question, ranked by the learned model. When the asked name
        fits several people ("Vale"), the one whose words answer the topic best: the most
        quoted of them is only the first guess. For an office ("the harbour master"), only other
        holders written as a person's name: the rest is debris ("President's adviser") that
        can outscore the holder asked for; its holders are tried in the order their articles
        come up for the topic (`_holders_for_topic`), and among those whose words answer it
        (above the calibrated threshold) the first is the one meant unless another's own best
        words are far stronger (`holder_meant`). Comparing answer probabilities, near 1.0 for
        any president who speaks of a country, let a visiting head of state displace the
        holder the search found first."""
        intent = self.asked_person(question, intent, index, previous)
        if intent.kind != "speaker_topic" or not intent.topic or not intent.speakers:
            return self._evidence_of(question, intent, index, previous)
        others = [o for o in intent.alternatives if not intent.role or person_name(o)]
        names = [intent.speakers[0], *others]
        if intent.role and others:
            names = self._holders_for_topic(names, intent.role, intent.topic, index)
        best: Evidence | None = None
        answering: list[Evidence] = []  # holders of an office whose words answer, in order
        for name in names[: 1 + MAX_ALTERNATIVES]:
            found = self._evidence_of(question, replace(intent, speakers=[name]), index, previous)
            if intent.role and found.answerable >= found.threshold:
                answering.append(found)
            if best is None or found.answerable > best.answerable:
                best = found
        assert best is not None  # names holds the asked speaker at least
        if answering:
            return holder_meant(answering, HOLDER_MARGIN)
        if intent.role:
            # No recorded holder answers: one the articles introduce in the office's words
            # ("Westland boss Ida Vale", where "Westland boss" was recorded only for
            # the rugby club's director).
            tried = set(names[: 1 + MAX_ALTERNATIVES])
            for name in self._described(question, intent.role, intent.topic, index, previous):
                if name in tried:
                    continue
                asked = replace(intent, speakers=[name], alternatives=[])
                found = self._evidence_of(question, asked, index, previous)
                if found.answerable >= found.threshold:
                    return found
        return best

    def asked_person(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """The intent with the person asked for found where the speaker index alone cannot
        tell: a full name only its surname is quoted under, an office held by the person the
        conversation is about, an office only the articles' text names the holder of.
        `answer` and `evidence` both apply it: the intent it returns is marked found
        (`Intent.person_found`), so the second call returns it as it is rather than run a
        declined follow-up's searches (`kept_person`, `own_topic`) again."""
        if intent.person_found:
            return intent
        intent = self.tied_surname(intent, index)
        intent = holder_in_conversation(intent, previous)
        intent = self.kept_person(question, intent, index, previous)
        intent = self.own_topic(question, intent, index, previous)
        found = self.described_person(question, intent, index, previous)
        return replace(found, person_found=True)

    def own_topic(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """A follow-up that says "he" asks about its own words and the last topic together
        ("How did he describe the harbour?" after a question on the tolls: "harbour tolls").
        When the person's words on both do not answer (under the calibrated threshold) and
        their words on the follow-up's own words do, those are what the user asked: a BBC
        dev and a fit PolNeAR follow-up were declined "not on <both>" though the person
        described what was asked (docs/notes/dec38.md). Only the decline is replaced: the
        joined reading, when it answers, stays first."""
        if previous is None or not previous.topic or intent.kind != "speaker_topic":
            return intent
        own = intent.topic.removesuffix(f" {previous.topic}").strip()
        if len(intent.speakers) != 1 or intent.alternatives or own in ("", intent.topic):
            return intent  # others the name may mean are weighed on the joined topic
        joined = self._evidence_of(question, intent, index, previous)
        if joined.answerable >= joined.threshold:
            return intent
        asked = replace(intent, topic=own)
        found = self._evidence_of(question, asked, index, previous)
        return asked if found.answerable >= found.threshold else intent

    def kept_person(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """ "What about Y?" reads Y as a new person (or the voice of Y's office or body) on
        the last topic. When none of the people Y may mean has words that answer that topic
        (under the calibrated threshold) and the last person's words on Y do, the user asked
        the last person about Y: after "Did Tom Reed comment on the ferry deal?", "What about
        the Harbour Council's plan?" answered "The articles quote Ana Vell (the council's
        head), but not on ferry deal" declined what Reed said on the plan (fit press and
        PolNeAR, docs/notes/dec38.md). The other reading, Y's words, stays first."""
        if previous is None or not previous.speaker or intent.kind != "speaker_topic":
            return intent
        if not intent.speakers or previous.speaker in intent.speakers:
            return intent
        subject = parse_question(question).what_about
        if not subject or _names(subject, intent.speakers[0]):
            return intent  # "What about Bob Hale?" asks for Hale's words: a decline says so
        for name in [intent.speakers[0], *intent.alternatives][: 1 + MAX_ALTERNATIVES]:
            found = self._evidence_of(question, replace(intent, speakers=[name]), index, previous)
            if found.answerable >= found.threshold:
                return intent
        kept = replace(
            intent,
            speakers=[previous.speaker],
            topic=LEADING_ARTICLE.sub("", subject),
            role=None,
            alternatives=[],
            unheld_role=None,
        )
        found = self._evidence_of(question, kept, index, previous)
        return kept if found.answerable >= found.threshold else intent

    def described_person(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """ "How does the Westland United boss see Hale?" when no quotation records that
        role: the person the articles introduce in those words ("Westland United boss Ola
        Tamm"), among the speakers of the quotations that answer the question, is asked for
        as if named, when their own words answer it (above the calibrated threshold). Else
        the question stays general, as before (an office nobody holds is said to be so)."""
        if intent.kind != "general" or intent.speakers or not intent.described_as:
            return intent
        described, topic = intent.described_as, intent.described_topic
        for name in self._described(question, described, topic, index, previous):
            asked = replace(
                intent,
                kind="speaker_topic",
                speakers=[name],
                topic=intent.described_topic,
                role=intent.described_as,
                unheld_role=None,
                described_as=None,
                described_topic="",
            )
            found = self._evidence_of(question, asked, index, previous)
            if found.answerable >= found.threshold:
                return asked
        return replace(intent, described_as=None, described_topic="")

    def _described(
        self,
        question: str,
        description: str,
        topic: str,
        index: SpeakerIndex,
        previous: Turn | None,
    ) -> list[str]:
        """Who the articles introduce in the words of `description`, among the speakers of
        the quotations that best answer the office and topic together (`described_speakers`),
        at most the few tried."""
        general = Intent("general", f"{description} {topic}".strip())
        candidates = self._evidence_of(question, general, index, previous).candidates
        found = described_speakers(candidates, description, index, self.articles.text)
        return found[: 1 + MAX_ALTERNATIVES]

    def tied_surname(self, intent: Intent, index: SpeakerIndex) -> Intent:
        """ "Ada Mae Lind" asked, nobody quoted under that name, "Lind" quoted: a one-word
        speaker answers a full name only when the article quoting it names that person, which
        ties them (the index alone never links them: "Hale" is many people). Then the
        question asks for that speaker's words, on the topic without the name."""
        name = intent.unknown_person
        if not name or not intent.alternatives:
            return intent
        for speaker in intent.alternatives[: 1 + MAX_ALTERNATIVES]:
            hits = self.retriever.search_quotes(
                intent.topic or speaker,
                k=TIE_QUOTES,
                speakers=index.members(speaker),
                filters=self.finder.filters,
            )
            articles = dict.fromkeys(hit.article_id for hit in hits)
            if any(name in self.articles.text(article) for article in articles):
                topic = " ".join(intent.topic.replace(name, " ").split())
                return replace(
                    intent,
                    kind="speaker_topic",
                    speakers=[speaker],
                    topic=topic,
                    unknown_person=None,
                    alternatives=[],
                )
        return intent

    def _holders_for_topic(
        self, names: list[str], role: str, topic: str, index: SpeakerIndex
    ) -> list[str]:
        """An office is held in many places at once and changes hands ("the finance minister"
        of France, India and Brazil): its holders in the order their articles come up in a
        search for the role and topic, the index's order (named in full, most quoted) breaking
        ties, so that the holder meant is among the few tried."""
        articles = {h.name: h.article_ids for h in index.role_holders(role)}
        passages = self.retriever.search(  # the role too: "the Russian ..." says where
            f"{role} {topic}", k=ROLE_CONTEXT_PASSAGES, filters=self.finder.filters
        )
        first: dict[str, int] = {}
        for n, passage in enumerate(passages):
            first.setdefault(passage.chunk.article_id, n)

        def rank(name: str) -> int:
            found = [first[a] for a in articles.get(name, ()) if a in first]
            return min(found, default=len(passages))

        return sorted(names, key=rank)


def _names(subject: str, person: str) -> bool:
    """Whether "What about Y?" names the person Y was read as ("Hale", "Bob Hale"): then the
    user asked for that person's words, and answering with the last person's words on them
    would leave unsaid that the person asked is not quoted on the topic (issue 17). Only the
    words up to an owner name the person: a speaker recorded as "Bob Hale's Assembly" (a
    misread subject) is not named by "What about the Assembly?", which asks for the last
    person's words on it (a fit PolNeAR follow-up declined "not on <last topic>")."""
    words = LEADING_ARTICLE.sub("", subject).casefold().split()
    return bool(words) and set(words) <= _name_words(person.casefold())


def _name_words(person: str) -> set[str]:
    """The words of a speaker's name up to and including its first owner, less the "'s"
    ("bob hale's assembly" -> {"bob", "hale"}): the words after it are a thing owned."""
    words: list[str] = []
    for word in person.split():
        owner = POSSESSIVE.sub("", word)  # "Hale's", "Ostbys'": a word naming an owner
        words.append(owner)
        if owner != word:
            break
    return set(words)
