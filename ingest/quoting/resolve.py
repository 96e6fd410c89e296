"""Speaker resolution: turn a speaker phrase into a person or organisation using NER on the
phrase, the roles the article introduced and earlier mentions (for pronouns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.quoting.clausal import without_clause
from ingest.quoting.descriptions import resolve_description
from ingest.quoting.documents import document_author, document_noun
from ingest.quoting.findings import finding_source, spoken_by_body
from ingest.quoting.lexicon import (
    CAP,
    DETERMINERS,
    NAME_WORDS_AFTER_PLACE,
    PLACE_DETERMINERS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    ROLE_WORDS,
    TITLE_GENDER,
    VERBS,
    alternation,
    split_words,
)
from ingest.quoting.lexicon_descriptions import DEMONYMS
from ingest.quoting.model import Findings, Resolved
from ingest.quoting.nameshapes import (
    bare_office,
    has_lower_head,
    name_with_particles,
    office_alone,
    office_of_place,
    opens_with_office,
    plain_name,
    serves_next_name,
    uncontracted,
    without_possessive,
)
from ingest.quoting.narrative import EPITHET, opening_end
from ingest.quoting.nobody import CommonWords, names_no_one, owner_reading, time_phrase
from ingest.quoting.nounphrases import (
    LEADING_ADVERBS,
    PREPOSITIONS,
    clean_role,
    looks_like_role,
    plausible_np,
)
from ingest.quoting.officename import office_then_name, portfolio_then_name
from ingest.quoting.plural_subject import in_plural_subject
from ingest.quoting.previous_subject import previous_subject
from ingest.quoting.sentence_subjects import sentence_subject
from ingest.speakers.offices import role_matches

_THE_NAME = re.compile(r"\b[Tt]he\s+([A-Z][\w]+)\b")

_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}


@dataclass
class _Mention:
    """A person or organisation named at `pos`: what a later pronoun can point back to."""

    pos: int
    name: str
    kind: str  # person | org
    gender: str | None = None


# `," he said`: a pronoun this close after a quotation attributes it, and a name inside that
# quotation is one its speaker spoke of ("... messages to President Ostby: ...," he said).
_AFTER_QUOTE = 4


class Resolver:
    """Turns speaker phrases into canonical speakers using the article's names and roles."""

    def __init__(self, doc: Findings, entities: dict[str, tuple[tuple[str, int, int], ...]]):
        self.doc = doc
        self.entities = entities
        self.roles: list[tuple[int, str, str]] = []
        self.mentions: list[_Mention] = []
        self.org_words = {m.group(1).lower() for m in _THE_NAME.finditer(doc.text)}
        self.common_words = CommonWords(doc.text)
        for pos, name, role in doc.roles:
            person = self._person_in(name)
            if person:
                self.roles.append((pos, person, role))

    def _person_in(self, phrase: str) -> str | None:
        """The last PERSON entity of a phrase, or a capitalised run when NER finds none."""
        if plain_name(phrase):
            return phrase
        ents = self.entities.get(phrase, ())
        people = [name_with_particles(phrase, s, e) for label, s, e in ents if label == "PERSON"]
        return people[-1] if people else None

    def resolve(self, np: str, pos: int, role: str | None) -> Resolved:
        """Resolve one speaker phrase written at `pos`; a phrase that can name nobody
        (`_names_nobody`) resolves to no speaker, an owner of the relative or aide who
        speaks to them or to no one (`owner_reading`: `Reed's son, Ola, said`). A
        person written as an owner (`Vell's brief said`) is named without the possessive
        ending, so that other mentions unify with that name. A phrase that runs into a verb
        group loses it, and a clause names nobody (`clausal`)."""
        phrase = without_clause(np)
        if phrase is None:
            return Resolved(None, np, None, "nobody")
        if owned := owner_reading(self.doc.text, pos, np):
            return owned
        resolved = self._resolve(phrase, pos, role)
        if resolved.speaker and self._names_nobody(np, resolved.speaker):
            return Resolved(None, np, None, "nobody")
        if resolved.speaker and resolved.kind == "person":
            owner = without_possessive(resolved.speaker)
            return replace(resolved, speaker=owner) if owner else resolved
        return resolved

    def _names_nobody(self, np: str, speaker: str) -> bool:
        """A one-word speaker that is no one (`nobody.names_no_one`), unless NER names it; a
        time phrase (`nobody.time_phrase`) always."""
        if time_phrase(speaker):
            return True
        if " " in speaker or not names_no_one(speaker, self.common_words):
            return False
        labels = {label for label, _, _ in self.entities.get(np, ())}
        return not labels & {"PERSON", "ORG", "GPE", "NORP"}

    def _resolve(self, np: str, pos: int, role: str | None) -> Resolved:
        low = _OBJECT_PRONOUNS.get(np.lower(), np.lower())  # `according to him`
        low = uncontracted(low)
        if low in PRONOUNS:
            return self._pronoun(low, np, pos)
        if self._is_epithet(np):
            return self._epithet(np, pos)
        if found := finding_source(np):  # `research from analysts Quillstat`: Quillstat's words
            return spoken_by_body(self._resolve(found.np, pos + found.shift, role), np)
        author = document_author(self.doc, pos) if document_noun(np) else None
        if author is not None:  # `The message reads`: whoever sent it (`documents`)
            return replace(self._resolve(author.np, author.pos, role), as_written=np)
        office = portfolio_then_name(np) or (None if plausible_np(np) else office_then_name(np))
        if office:  # `said Secretary of the ... Council Ana Vell`: whichever rule found it
            return Resolved(office.name, np, role or office.office, "person")
        words = np.split()
        if len(words) > 1 and plain_name(np):
            return Resolved(np, np, role, "person")
        ents = self.entities.get(np, ())
        people = [(s, e) for label, s, e in ents if label == "PERSON"]
        if people and len(words) > 1:
            s, e = people[-1]
            role_start = 0
            if serves_next_name(np[:s]):
                # `Nils Orvik - then economic adviser to President Sven Ostby -`:
                # the speaker is the earlier person, or the staff phrase itself
                if len(people) < 2:  # a person, for the pronouns after: "He added ..."
                    office = _trim_locative(clean_role(np) or np)
                    return Resolved(office, np, office, "person")
                role_start = people[-2][1]
                s, e = people[-2]
            name = name_with_particles(np, s, e)
            own_role = clean_role(np[:s].strip(" ,")) or None
            if role_start:
                own_role = clean_role(np[role_start:].strip(" ,-–—")) or own_role
            name_words = name.split()
            if name_words and name_words[0].lower().strip(".") in TITLE_GENDER:
                name = " ".join(name_words[1:]) or name
            return Resolved(name, np, role or own_role, "person")
        if CAP.match(words[0]) and not has_lower_head(words):
            named = self._capitalised(np, words, ents, role)
            if named is not None:
                return named
        if matched := self._role_person(np, pos):
            return Resolved(matched[0], np, matched[1], "person")
        if described := resolve_description(self.doc, self.entities, np, pos, self.mentions):
            return described  # `the company said`: the one company named before it
        caps = [w for w in words if CAP.match(w)]
        if (
            caps
            and (caps[0] == words[0] or words[0].lower() in DETERMINERS)
            and any(label in ("ORG", "GPE", "NORP") for label, _, _ in ents)
            and not any(w.lower() in ROLE_WORDS for w in words)
        ):  # `the Kremlin`, `Reed campaign`; not `disengagement of Russian forces`, not an
            # office (`the President of Westland`)
            return Resolved(_trim_locative(clean_role(np)), np, None, "org")
        # an office nobody in the article holds (`The President of Russia`, named only in a
        # lead the text lacks) keeps the office as its role, for resolution across articles
        office = _trim_locative(clean_role(np) or np)
        return Resolved(office, np, office if looks_like_role(office) else None, "other")

    def _capitalised(
        self, np: str, words: list[str], ents: tuple[tuple[str, int, int], ...], role: str | None
    ) -> Resolved | None:
        """A capitalised phrase: a name with leading titles, or an organisation; None for a
        role with no name after it ("The President of Ukraine"), which the caller resolves
        as a role instead of taking "of Ukraine" for a name."""
        cleaned = clean_role(np)
        if len(words) == 1:
            token = words[0].strip(".")
            if token.lower() in _NOT_A_NAME:
                return Resolved(None, np, None, "other")  # `Asked if ..., she confesses`
            org = token.isupper() and len(token) > 1 or token.lower() in self.org_words
            return Resolved(cleaned, np, role, "org" if org else "person")
        nationality = {np[s:e] for label, s, e in ents if label == "NORP"}
        if office_alone([w for w in words if w not in nationality]):
            return None  # `The Prime Minister`: whoever holds the office, by the article's roles
        labels = {label for label, _, _ in ents}
        titled = any(w.lower().strip(".") in ROLE_WORDS | TITLE_GENDER.keys() for w in words)
        if labels & {"ORG", "GPE", "NORP"} and not labels & {"PERSON"} and not titled:
            return Resolved(cleaned, np, role, "org")
        idx = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(".") in ROLE_WORDS),
            default=-1,
        )
        name = " ".join(words[idx + 1 :])
        own_role = " ".join(words[: idx + 1]) or None
        name_words = name.split()
        if idx >= 0 and office_of_place(name_words):
            name, own_role = (
                " ".join(name_words[-NAME_WORDS_AFTER_PLACE:]),
                " ".join(words[: len(words) - NAME_WORDS_AFTER_PLACE]),
            )
            name_words = name.split()
        if idx >= 0 and not CAP.match(name_words[0]):
            return None
        if name_words and name_words[0].lower().strip(".") in TITLE_GENDER:
            name = " ".join(name_words[1:]) or name
        return Resolved(name, np, role or own_role, "person")

    def names_someone(self, np: str, resolved: Resolved) -> bool:
        """A guessed subject counts only if NER, a pronoun, a known role or an earlier mention
        backs it up, so sentence openers such as "Appearing" are not taken for speakers."""
        if resolved.speaker is None:
            return False
        if np.lower() in PRONOUNS or resolved.role:
            return True
        labels = {label for label, _, _ in self.entities.get(np, ())}
        if labels & {"PERSON", "ORG", "GPE", "NORP"} or plain_name(np):
            return True
        last = resolved.speaker.split()[-1:]
        return bool(last) and any(m.name.split()[-1:] == last for m in self.mentions)

    def _role_person(self, np: str, pos: int) -> tuple[str, str] | None:
        """The most recently introduced person whose role fits a role phrase; for a bare
        office (`the President`, `the Head of State`) the first one: an unqualified office
        means the person the article is about (`President of Ukraine X` in the lead), not the
        last president it named (`President of the European Commission Y`). The first, that
        is, among those whose role opens with the office (`opens_with_office`): a readout of
        a call that names `US President Y` before `President X` (the site's own) writes the
        other country's, body's or rank's office (`Vice President`) with a word before it, and
        a holder named inside a quotation is someone its speaker spoke of."""
        fits = [
            (r_pos, person, role)
            for r_pos, person, role in self.roles
            if r_pos < pos and role_matches(np, role)
        ]
        if not fits:
            return None
        bare = [w for w in np.lower().split() if w not in DETERMINERS]
        if not bare_office(bare):
            return fits[-1][1:]
        unqualified = [
            fit
            for fit in fits
            if opens_with_office(fit[2])
            and not any(p.open_pos <= fit[0] < p.end for p in self.doc.pieces)
        ]  # `"... when President X visits," Y said`: X is someone the speaker spoke of
        _, person, role = min(unqualified or fits)
        return person, role

    def _pronoun(self, low: str, np: str, pos: int) -> Resolved:
        """Most recent compatible speaker or mentioned person before `pos`."""
        want = PRONOUNS[low]
        if want == "s":
            return Resolved(None, np, None, "other")
        subject = self._subject_before(pos, want) if want in ("m", "f") else None
        if not subject and want in ("m", "f"):
            subject = self._fits(previous_subject(self.doc, pos, want), want)
        if subject:
            return Resolved(subject, np, None, "person")
        attributed = [p for p in self.doc.pieces if p.end <= pos <= p.end + _AFTER_QUOTE]
        for mention in reversed(self.mentions):
            if mention.pos >= pos or any(p.open_pos <= mention.pos < p.end for p in attributed):
                continue
            if want in ("m", "f"):
                if mention.kind != "person" or mention.gender not in (None, want):
                    continue
                if in_plural_subject(self.doc.text, self.doc.sentences, mention.pos):
                    continue  # one of several people a plural verb's subject names
            elif want == "o" and mention.kind != "org" or want == "p" and mention.kind != "org":
                continue
            return Resolved(mention.name, np, None, mention.kind)
        named = self._only_person_before(pos) if want in ("m", "f") else None
        if named:
            return Resolved(named, np, None, "person")
        return Resolved(None, np, None, "other")

    def _is_epithet(self, np: str) -> bool:
        """`said the American`, `the 30-year-old added`: news names a person once, then
        refers back with a nationality or an age; such a phrase is no name of its own."""
        m = EPITHET.match(np)
        if not m:
            return False
        word = m.group("word")
        if word is not None and word.endswith("s") and word not in DEMONYMS:
            return False  # `the Saudis`: a group, not one person
        return (
            word is None
            or word in DEMONYMS
            or any(label == "NORP" for label, _, _ in self.entities.get(np, ()))
        )

    def _epithet(self, np: str, pos: int) -> Resolved:
        """The person the article is about (the first one its opening names, whom an
        epithet refers back to: `World number one Ana Kell has criticised ...
        Reacting to a comment by chairman Bob Vint, the American said`), else the most
        recent person before `pos`, as for a pronoun of either gender."""
        lead = opening_end(self.doc)
        for name_pos, name in self.doc.names:
            if name_pos < min(pos, lead) and self._is_person(name):
                return Resolved(name, np, None, "person")
        for mention in reversed(self.mentions):
            if mention.pos < pos and mention.kind == "person":
                return Resolved(mention.name, np, None, "person")
        named = self._only_person_before(pos)
        return Resolved(named, np, None, "person" if named else "other")

    def _is_person(self, name: str) -> bool:
        """NER tags the whole capitalised run as one PERSON."""
        return any(
            label == "PERSON" and e - s == len(name) for label, s, e in self.entities.get(name, ())
        )

    def _only_person_before(self, pos: int) -> str | None:
        """`Rafe Dorr would consider ... "But he said: "..."`: with no speaker or role
        before it, a pronoun points at the one person the narrative has named so far, by
        full name; with two or more people named, a guess would misattribute, so none."""
        people: dict[str, str] = {}
        for name_pos, name in self.doc.names:
            if name_pos >= pos:
                break
            if self._is_person(name):
                people.setdefault(name.split()[-1], name)
        return next(iter(people.values())) if len(people) == 1 else None

    def _subject_before(self, pos: int, gender: str) -> str | None:
        """`Ed Vellski may have said it best when he blogged: "..."`: a person named as the
        subject of the pronoun's own sentence is its referent, even if only the narrative
        names them; a known person of the other gender is not."""
        start = next((s for s, e in self.doc.sentences if s <= pos < e), pos)
        if any(p.open_pos <= start < p.end for p in self.doc.pieces):
            return None  # a sentence that opens inside a quotation has no narrative subject
        found = sentence_subject(self.doc.text[start:pos], start, "")
        if not found or found.np.lower() in PRONOUNS or not plain_name(found.np):
            return None
        return self._fits(found.np, gender)

    def _fits(self, name: str | None, gender: str) -> str | None:
        """`name`, unless a person known by its surname is of the other gender, or the
        surname is an organisation's; a title and surname (`Lord Hale`) becomes the full
        name of the last person met with that surname (`Bob Hale`)."""
        if name is None:
            return None
        known = [m for m in self.mentions if m.name.split()[-1:] == name.split()[-1:]]
        if any(m.gender not in (None, gender) or m.kind != "person" for m in known):
            return None
        return known[-1].name if known and not plain_name(name) else name

    def note(self, pos: int, resolved: Resolved, pronoun: str | None = None) -> None:
        """Record a resolved speaker as a mention, learning gender from pronouns/titles."""
        if resolved.speaker is None or resolved.kind == "other":
            return
        gender = PRONOUNS.get(pronoun or "")
        title = resolved.as_written.split()[0].lower().strip(".") if resolved.as_written else ""
        gender = gender if gender in ("m", "f") else TITLE_GENDER.get(title)
        self.mentions.append(_Mention(pos, resolved.speaker, resolved.kind, gender))
        self.mentions.sort(key=lambda m: m.pos)


_PLACE_AFTER = re.compile(
    rf"\s+{alternation(PLACE_PREPOSITIONS)}\s+{alternation(PLACE_DETERMINERS)}\b"
)


def _trim_locative(phrase: str) -> str:
    """`Democratic staffer in the room` -> `Democratic staffer`: a place is not the speaker."""
    return _PLACE_AFTER.split(phrase)[0]


# A capitalised word opening a sentence that is no name: a reporting verb or participle
# (`Asked if ..., she said`), a preposition or a sentence adverb.
_NOT_A_NAME = (
    frozenset(v for v in VERBS if v.endswith(("ed", "ing")))  # not `Read said`
    | PREPOSITIONS
    | LEADING_ADVERBS
    | frozenset(
        split_words("""among about after against amid as before behind beyond despite for from
        into like near over through under unlike upon with within without while when where""")
    )
)
