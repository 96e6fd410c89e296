"""Second pass of the generator: from each article's prepared statements and phrases
(`contexts.prepare`, the first pass, one spaCy batch) to question items, per corpus
(deterministic, seeded). Every random choice comes from a `random.Random` seeded with the run
seed and the article id, so one article's items do not change when others are added.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable

from evals.generate.contexts import MAX_STATEMENTS, Context, number_kind, pronoun_for
from evals.generate.grounding import reader_text, speaks_to
from evals.generate.items import Evidence, Item, find_evidence, item_id
from evals.generate.specific import (
    MAX_PHRASE_ARTICLES,
    MAX_RIVALS,
    Statements,
    asked_stems,
    bad_name,
    role_usable,
    story_reference,
    tally,
)
from evals.generate.statements import ROLE_WORDS, Statement
from evals.generate.templates import TEMPLATES, Template, eligible
from evals.generate.text import CorpusIndex, Span, norm
from evals.generate.topics import Phrase, best_topic, stems
from evals.split import stable_hash

MAX_BROAD_SPANS = 4  # gold spans of a question about the headline's subject, at most
FIGURE_RATE = 0.3  # fact questions asked as 'what figure' rather than by the number's type
# Unanswerable forms and the share of articles asked each (the rest get none).
UNANSWERABLE_SHARES = (
    ("un_person_topic", 0.35),
    ("un_invented_person", 0.07),
    ("un_invented_thing", 0.08),
)
OWN_VERB_RATE = 0.6  # questions asked with the article's reporting verb when a template has it
FACT_RATE = 0.6  # share of articles asked a fact question, so facts do not outnumber the rest
# Syllables for names and things that occur nowhere in the corpus (checked before use).
_SYLLABLES = (
    "bra",
    "dor",
    "fen",
    "gal",
    "kri",
    "lom",
    "mer",
    "nov",
    "pel",
    "quin",
    "ros",
    "sal",
    "tev",
    "ul",
    "var",
    "wen",
    "yor",
    "zan",
    "hal",
    "cor",
)
_FIRST = (
    "Anselm",
    "Birgit",
    "Corvin",
    "Dagny",
    "Eberhard",
    "Fenna",
    "Gisela",
    "Hartwin",
    "Ilka",
    "Jorun",
    "Kasimir",
    "Liesel",
    "Mireille",
    "Norwin",
    "Ottilie",
    "Parvin",
)
_THINGS = ("agreement", "festival", "merger", "summit", "reform", "treaty", "programme", "app")


class Builder:
    """Second pass: items for one corpus."""

    def __init__(self, corpus: str, index: CorpusIndex, contexts: list[Context], seed: int) -> None:
        self.corpus = corpus
        self.index = index
        self.contexts = contexts
        self.seed = seed
        self.counts: Counter = Counter()  # specificity and name checks: Counts -> items
        self.people = Statements(
            (s for ctx in contexts for s in ctx.found),
            {c.article.id: c.article.text for c in contexts},
        )
        self.topics_by_split: dict[str, list[Phrase]] = {}
        for ctx in contexts:
            self._drop_bad_names(ctx)
            self.topics_by_split.setdefault(ctx.split, []).extend(
                p for p in ctx.headline if len(p.stems) >= 2
            )

    def _drop_bad_names(self, ctx: Context) -> None:
        """Leave out the statements whose speaker is not a name the article gives a person
        (`NAME_RULES`): every question about them would name someone who does not exist."""
        keep = []
        surnames = frozenset(s.surname for s in ctx.found)
        for i, statement in enumerate(ctx.statements):
            rule = bad_name(statement, surnames)
            if rule:
                tally(self.counts, ctx.split, "statement", rule, "dropped")
            else:
                keep.append(i)
        ctx.statements = [ctx.statements[i] for i in keep]
        ctx.around = {n: ctx.around[i] for n, i in enumerate(keep) if i in ctx.around}
        ctx.gold_phrases = {
            n: ctx.gold_phrases[i] for n, i in enumerate(keep) if i in ctx.gold_phrases
        }

    def items(self) -> list[Item]:
        out: list[Item] = []
        seen: set[str] = set()
        for ctx in self.contexts:
            rng = random.Random(self.seed ^ stable_hash(ctx.article.id))
            for item in self._article_items(ctx, rng):
                if item.id not in seen and item.question not in seen:
                    seen.update((item.id, item.question))
                    out.append(item)
        return out

    # ----- per article ---------------------------------------------------------------------

    def _article_items(self, ctx: Context, rng: random.Random) -> list[Item]:
        items: list[Item] = []
        asked: list[tuple[int, Item, Phrase]] = []
        for i, statement in enumerate(ctx.statements):
            found = self._topic(ctx, i)
            if not found:
                continue
            # The article's topic names the story a who-said question asks about; a speaker
            # question's topic must be what the gold speaks to (`_in_gold`).
            checked = self._in_gold(ctx, i, found)
            if checked:
                topic, spans = checked
                evidence = self._evidence(ctx, spans)
                if not evidence:
                    continue
                item = self._speaker_topic(ctx, statement, topic, spans, evidence, rng)
                if all(it.question != item.question for it in items):
                    items.append(item)
                asked.append((i, item, topic))
            if not any(it.kind == "who_said" for it in items):
                own = self._evidence(ctx, statement.spans)
                who = self._who_said(ctx, i, statement, found[0], own, rng) if own else None
                if who:
                    items.append(who)
        items = [it for it in items if it.kind != "speaker_topic"] + [
            it for it in items if it.kind == "speaker_topic"
        ][:MAX_STATEMENTS]
        items.extend(self._followups(ctx, asked, rng))
        fact = self._fact(ctx, rng) if rng.random() < FACT_RATE else None
        if fact:
            items.append(fact)
        unanswerable = self._unanswerable(ctx, rng)
        if unanswerable:
            items.append(unanswerable)
        return items

    def _in_gold(
        self, ctx: Context, i: int, found: tuple[Phrase, tuple[Span, ...]]
    ) -> tuple[Phrase, tuple[Span, ...]] | None:
        """Statement i's topic and gold spans (`_topic`) checked against the gold
        (`topic_in_gold`): a topic the gold's own words never speak to asks one thing and is
        scored on another, so it is re-chosen among the phrases that do speak to the gold
        (then the gold is this statement alone), or the statement gets no speaker question."""
        statement = ctx.statements[i]
        if self._grounded(ctx, statement, *found):
            return found
        chosen = self._gold_topic(ctx, i)
        outcome = "rewritten" if chosen else "dropped"
        tally(self.counts, ctx.split, "speaker_topic", "topic_in_gold", outcome)
        return (chosen, statement.spans) if chosen else None

    def _grounded(
        self,
        ctx: Context,
        statement: Statement,
        topic: Phrase,
        spans: Iterable[Span],
        read_back: bool = True,
    ) -> bool:
        """The topic speaks to the gold spans as a reader reads them (`grounding.speaks_to`
        on `reader_text`: their own words and what a pronoun in them points back to), or,
        without read_back, to the quoted words alone (the reporting clause names the speaker's
        body or employer, no topic); the speaker's name and role aside."""
        exclude = [*statement.speaker.split(), *(statement.role or "").split()]
        title = ctx.article.title
        text = (
            reader_text(ctx.article.text, spans, title)
            if read_back
            else " ".join(ctx.article.text[s.start : s.end] for s in spans)
        )
        return speaks_to(topic.text, text, exclude)

    def _gold_topic(self, ctx: Context, i: int) -> Phrase | None:
        """A topic re-chosen for statement i: the article's phrases (around it, headline)
        that speak to it as a reader reads it first, those not copied from the quotation
        first (a question in the article's words), then the noun phrases of the quotation itself,
        those the article's other words also use first (the article's wording of what the
        quote says), then the fuller ones; the first specific one (`_specific`), or None."""
        statement = ctx.statements[i]
        names = statement.speaker.split()
        gold_text = ctx.article.text[statement.start : statement.end]
        article = [*ctx.around.get(i, []), *ctx.headline]
        context = frozenset().union(*(p.stems for p in article))
        article.sort(key=lambda p: norm(p.text) in norm(gold_text))
        own = sorted(
            ctx.gold_phrases.get(i, []), key=lambda p: (-len(p.stems & context), -len(p.stems))
        )
        # A phrase of the quote may be no more than the speaker's own role or body ('the
        # Westland Council', said by its spokesman): the same check keeps it out. A new topic
        # must speak to the quoted words: the sentences before it name what a pronoun points
        # back to only sometimes, and the reporting clause names the speaker's own body.
        candidates = [
            p
            for p in [*article, *own]
            if _free_of(p, names)
            and not self.people.is_person(p.text)
            and self._grounded(ctx, statement, p, statement.spans, read_back=False)
        ]
        return self._specific(ctx, statement, candidates, gold_text)

    def _topic(self, ctx: Context, i: int) -> tuple[Phrase, tuple[Span, ...]] | None:
        """The topic of statement i and its gold spans. A phrase from around the statement
        that shares a stem with it points at that statement alone; failing that, the
        headline's subject, which any of the person's statements in the article answers, so
        all of them are gold. Either way the topic must be specific (`_specific`): few other
        articles' statements of the person hold it; a vague one is rewritten or dropped."""
        statement = ctx.statements[i]
        gold_text = ctx.article.text[statement.start : statement.end]
        names = statement.speaker.split()
        candidates = [*ctx.around.get(i, []), *ctx.headline]
        candidates = [p for p in candidates if norm(p.text) not in norm(gold_text)]
        first = best_topic(candidates, gold_text, exclude=names)
        chosen, vague, spans = None, False, statement.spans
        if first:
            target = stems(gold_text)
            others = [p for p in candidates if p.stems & target and _free_of(p, names)]
            related = [first, *(p for p in others if p is not first)]
            chosen = self._specific(ctx, statement, related, gold_text)
            vague = chosen is not first
        headline = [p for p in ctx.headline if _free_of(p, names)]
        if chosen is None and headline:
            own = [s for s in ctx.statements if s.speaker == statement.speaker]
            spans = tuple(sp for s in own for sp in s.spans)
            # A person with many statements (a long transcript) has no one answer on the
            # headline's subject: the question would be too broad to grade.
            if len(spans) <= MAX_BROAD_SPANS:
                said = " ".join(ctx.article.text[s.start : s.end] for s in own)
                chosen = self._specific(ctx, statement, headline, said)
                vague = vague or chosen is not headline[0]
        if vague:
            outcome = "rewritten" if chosen else "dropped"
            tally(self.counts, ctx.split, "speaker_topic", "vague_topic", outcome)
        return (chosen, spans) if chosen else None

    def _specific(
        self, ctx: Context, statement: Statement, candidates: list[Phrase], said: str
    ) -> Phrase | None:
        """The first candidate when few other articles' statements of the person hold it
        (`MAX_RIVALS`); else the rarest one of those whose stems the statement mostly holds
        (of equally rare ones, the closest to what the person said) when it is that
        specific; else None."""

        def rivals(p: Phrase) -> int:
            return self.people.rivals(statement.speaker, ctx.article.id, asked_stems(p.stems, said))

        if not candidates or rivals(candidates[0]) <= MAX_RIVALS:
            return candidates[0] if candidates else None
        # A rewrite must be mostly the person's own words: a phrase only one stem of which
        # the statement holds is usually the subject of a neighbouring quotation.
        target = stems(said)
        held = [p for p in candidates if 2 * len(p.stems & target) >= len(p.stems)]
        best = min(held, key=lambda p: (rivals(p), -len(p.stems & target)), default=None)
        return best if best is not None and rivals(best) <= MAX_RIVALS else None

    def _evidence(
        self, ctx: Context, spans: tuple[Span, ...], cover: Span | None = None
    ) -> Evidence | None:
        return find_evidence(self.index, ctx.article.id, ctx.article.text, spans, cover)

    def _ref(self, ctx: Context, statement: Statement, rng: random.Random) -> tuple[str, str]:
        """How the question names the person. 'the <role>' drawn for a role that does not
        name this person alone (`role_usable`) is asked with the full name instead."""
        forms = [("full", statement.speaker), ("surname", statement.surname)]
        if statement.role and _usable_role(statement.role):
            forms.append(("role", f"the {statement.role}"))
        form, ref = rng.choice(forms)
        if form == "role" and not role_usable(ctx.article, statement):
            tally(self.counts, ctx.split, "speaker_topic", "office", "rewritten")
            return forms[0]
        return form, ref

    def _make(
        self, ctx: Context, template: Template, form: str | None, question: str, **fields
    ) -> Item:
        name = f"{template.name}:{form}" if form else template.name
        if ctx.article.url and template.kind != "unanswerable":
            fields["extra"] = {**fields.get("extra", {}), "source_url": ctx.article.url}
        return Item(
            id=item_id(self.corpus, ctx.article.id, name, question),
            question=question,
            kind=template.kind,
            split=ctx.split,
            corpus=self.corpus,
            template=name,
            **fields,
        )

    @staticmethod
    def _spans(ctx: Context, spans: Iterable[Span]) -> list[list]:
        return [[ctx.article.id, s.start, s.end] for s in spans]

    def _speaker_topic(
        self,
        ctx: Context,
        statement: Statement,
        topic: Phrase,
        spans: tuple[Span, ...],
        evidence: Evidence,
        rng: random.Random,
    ) -> Item:
        template = _pick(eligible("speaker_topic", statement.cue, set()), rng)
        form, ref = self._ref(ctx, statement, rng)
        question = template.text.format(ref=ref, topic=topic.text)
        return self._make(
            ctx,
            template,
            form,
            _capitalise(question),
            speaker=statement.speaker,
            speaker_role=statement.role,
            gold_docs=evidence.gold_docs,
            evidence_any=evidence.evidence_any,
            gold_spans=self._spans(ctx, spans),
        )

    def _who_said(
        self,
        ctx: Context,
        i: int,
        statement: Statement,
        topic: Phrase,
        evidence: Evidence,
        rng: random.Random,
    ) -> Item | None:
        gold_text = ctx.article.text[statement.start : statement.end]
        nps = self._who_phrases(ctx, i, statement, topic)
        if not nps:
            return None
        available = {"np2"} if len(nps) == 2 else set()
        template = _pick(eligible("who_said", statement.cue, available), rng)
        question = template.text.format(np1=nps[0].text, np2=nps[-1].text, topic=topic.text)
        if _copies(question, gold_text, 6):
            return None
        # How many articles hold every word of the phrases the question names: a question
        # whose words many articles share has other right answers besides the gold speaker.
        phrases = {"np1": nps[0], "np2": nps[-1], "topic": topic}
        named = [p for slot, p in phrases.items() if f"{{{slot}}}" in template.text]
        shared_by = len(self.index.with_all_words(w for p in named for w in norm(p.text).split()))
        said = frozenset().union(*(p.stems for p in named if p is not topic))
        if self._who_rivals(ctx, statement, said) > MAX_RIVALS or shared_by > MAX_PHRASE_ARTICLES:
            tally(self.counts, ctx.split, "who_said", "shared_phrases", "dropped")
            return None
        return self._make(
            ctx,
            template,
            None,
            _capitalise(question),
            speaker=statement.speaker,
            speaker_role=statement.role,
            gold_docs=evidence.gold_docs,
            evidence_any=evidence.evidence_any,
            gold_spans=self._spans(ctx, statement.spans),
            expect_in_answer=[statement.surname],
            extra={"phrase_articles": shared_by},
        )

    def _who_phrases(
        self, ctx: Context, i: int, statement: Statement, topic: Phrase
    ) -> list[Phrase]:
        """Up to two noun phrases of the statement's own words to ask who said them: the
        rarest (fewest other statements, then fewest articles, hold them), worded longest
        first. A pair other than the two longest is counted as rewritten."""
        names = {w.lower() for w in statement.speaker.split()}
        nps = [
            p
            for p in ctx.gold_phrases.get(i, [])
            if len(p.text.split()) >= 2
            and not names & set(p.text.lower().split())
            and p.text.lower() != topic.text.lower()
        ]

        def wording(p: Phrase) -> tuple[int, str]:
            return -len(p.stems), p.text

        def rarity(p: Phrase) -> tuple[int, int, int, str]:
            articles = len(self.index.with_all_words(norm(p.text).split()))
            return self._who_rivals(ctx, statement, p.stems), articles, *wording(p)

        chosen = sorted(sorted(nps, key=rarity)[:2], key=wording)
        if {p.text for p in chosen} != {p.text for p in sorted(nps, key=wording)[:2]}:
            tally(self.counts, ctx.split, "who_said", "shared_phrases", "rewritten")
        return chosen

    def _who_rivals(self, ctx: Context, statement: Statement, asked: frozenset[str]) -> int:
        return self.people.who_rivals(statement.speaker, ctx.article.id, asked)

    def _followups(
        self, ctx: Context, asked: list[tuple[int, Item, Phrase]], rng: random.Random
    ) -> list[Item]:
        """At most one follow-up of each form: the same person on another topic ('What about
        X?', 'And what did he say about X?'), and another person on the same topic ('And what
        did Y say about it?', where 'it' is the earlier question's topic)."""
        out: dict[str, Item] = {}
        for a, (i, first, topic) in enumerate(asked):
            for j, later, later_topic in asked[a + 1 :]:
                s1, s2 = ctx.statements[i], ctx.statements[j]
                if later.gold_spans == first.gold_spans:
                    continue
                if s1.speaker == s2.speaker and self.people.is_person(later_topic.text):
                    tally(self.counts, ctx.split, "followup", "person_topic", "dropped")
                    continue
                if s1.speaker == s2.speaker and later_topic.text != topic.text:
                    form = "same_person"
                    pronoun = pronoun_for(ctx.article.text, s2.surname)
                    available = {"pronoun"} if pronoun else set()
                elif s1.speaker != s2.speaker and later_topic.text == topic.text:
                    form, pronoun, available = "other_person", None, {"other_person"}
                else:
                    continue
                if form in out:
                    continue
                templates = [
                    t
                    for t in eligible("followup", s2.cue, available)
                    if ("other_person" in t.needs) == (form == "other_person")
                ]
                template = rng.choice(templates)
                question = template.text.format(
                    pronoun=pronoun, surname=s2.surname, topic=later_topic.text, full=s2.speaker
                )
                out[form] = self._make(
                    ctx,
                    template,
                    None,
                    _capitalise(question),
                    speaker=s2.speaker,
                    speaker_role=s2.role,
                    gold_docs=later.gold_docs,
                    evidence_any=later.evidence_any,
                    gold_spans=later.gold_spans,
                    context=[first.question],
                )
        return list(out.values())

    def _fact(self, ctx: Context, rng: random.Random) -> Item | None:
        if not ctx.headline:
            return None
        topic = ctx.headline[0]
        for sentence, match, subject in ctx.facts:
            kind = number_kind(match)
            number = match.group(kind)
            previous = ctx.article.text[
                sentence.start : sentence.start + match.start(kind)
            ].split()[-1:]
            if kind == "count" and previous and previous[0][0].isupper():
                continue  # 'Spider-Man 2 breaks': part of a name, not a count
            nps = [subject] if subject.text != topic.text else []
            nps = [p for p in nps if not any(ch.isdigit() for ch in p.text)]
            if not nps:
                continue
            name = {
                "percent": "fact_percent",
                "money": "fact_money",
                "count": "fact_count",
                "year": "fact_year",
            }[kind]
            name = "fact_figure" if rng.random() < FIGURE_RATE else name
            template = _template(name)
            unit = match.group("unit") if kind == "count" else ""
            answer = number.split()[0] if kind == "count" else number
            start = sentence.start + match.start(kind)
            cover = Span(start, start + len(number))
            evidence = self._evidence(ctx, (sentence,), cover)
            if not evidence:
                continue
            # Decided after the draws above, so dropping the item leaves the article's later
            # draws (its unanswerable item) where they were.
            story = self._story(ctx, nps[0], topic)
            if story is None:
                return None
            question = template.text.format(np=nps[0].text, topic=story.text, unit=unit)
            return self._make(
                ctx,
                template,
                None,
                _capitalise(question),
                speaker=None,
                gold_docs=evidence.gold_docs,
                evidence_any=evidence.evidence_any,
                gold_spans=self._spans(ctx, (sentence,)),
                expect_in_answer=[answer],
            )
        return None

    def _story(self, ctx: Context, subject: Phrase, first: Phrase) -> Phrase | None:
        """The fact question's story reference (`story_reference`): a headline phrase few
        articles of the set hold, counted in the manifest when it is not the headline's first
        phrase (rewritten) or when there is none (dropped)."""
        story = story_reference(ctx.headline, subject, lambda p: len(self.index.with_phrase(p)))
        if story is not first:
            outcome = "rewritten" if story else "dropped"
            tally(self.counts, ctx.split, "fact", "story_reference", outcome)
        return story

    def _unanswerable(self, ctx: Context, rng: random.Random) -> Item | None:
        """One unanswerable question for a share of the articles, of the form drawn by
        UNANSWERABLE_SHARES; None for the rest or when the form's check fails."""
        roll, floor = rng.random(), 0.0
        pool = self.topics_by_split.get(ctx.split, [])
        for form, share in UNANSWERABLE_SHARES:
            if floor <= roll < floor + share and pool:
                return getattr(self, f"_{form}")(ctx, pool, rng)
            floor += share
        return None

    def _un_person_topic(self, ctx: Context, pool: list[Phrase], rng: random.Random) -> Item | None:
        """A person quoted here x a headline topic of another article that no article
        mentions together with their surname (scanned)."""
        if not ctx.statements:
            return None
        statement = rng.choice(ctx.statements)
        people = self.index.with_word(statement.surname)
        for topic in rng.sample(pool, min(20, len(pool))):
            words = [w for w in norm(topic.text).split() if stems(w)]
            if words and not people & self.index.with_all_words(words):
                template = rng.choice(
                    [
                        t
                        for t in eligible("unanswerable", "", set())
                        if t.name.startswith("un_person")
                    ]
                )
                form = rng.choice(["full", "surname"])
                ref = statement.speaker if form == "full" else statement.surname
                question = template.text.format(ref=ref, topic=topic.text)
                return self._unanswerable_item(ctx, template, form, question, statement.speaker)
        return None

    def _un_invented_person(
        self, ctx: Context, pool: list[Phrase], rng: random.Random
    ) -> Item | None:
        """Someone who occurs nowhere in the corpus, on a real topic."""
        name = self._invented(rng, person=True)
        template = _template("un_invented_person")
        question = template.text.format(ref=name, topic=rng.choice(pool).text)
        return self._unanswerable_item(ctx, template, None, question, name)

    def _un_invented_thing(
        self, ctx: Context, pool: list[Phrase], rng: random.Random
    ) -> Item | None:
        """A person quoted here, on a thing that occurs nowhere in the corpus."""
        if not ctx.statements:
            return None
        statement = rng.choice(ctx.statements)
        thing = f"the {self._invented(rng, person=False)} {rng.choice(_THINGS)}"
        template = _template("un_invented_thing")
        question = template.text.format(ref=statement.speaker, topic=thing)
        return self._unanswerable_item(ctx, template, None, question, statement.speaker)

    def _unanswerable_item(
        self, ctx: Context, template: Template, form: str | None, question: str, speaker: str
    ) -> Item:
        return self._make(
            ctx,
            template,
            form,
            _capitalise(question),
            speaker=speaker,
            gold_docs=[],
            evidence_any=[],
            gold_spans=[],
        )

    def _invented(self, rng: random.Random, person: bool) -> str:
        """A name or word that occurs in no article of the corpus."""
        while True:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
            if person:
                first = rng.choice(_FIRST)
                if not self.index.with_word(word) and not self.index.with_all_words([first, word]):
                    return f"{first} {word}"
            elif not self.index.with_word(word):
                return word


def _free_of(phrase: Phrase, names: list[str]) -> bool:
    """The phrase does not hold a word of the person's name (the question names them)."""
    return not {w.lower() for w in names} & set(phrase.text.lower().split())


def _pick(templates: list[Template], rng: random.Random) -> Template:
    """A template of the statement's own reporting verb ('warn', 'deny') when there is one,
    most of the time: those verbs are rare, and a generic 'say' would drown them."""
    own = [t for t in templates if t.cues]
    if own and rng.random() < OWN_VERB_RATE:
        return rng.choice(own)
    return rng.choice([t for t in templates if not t.cues] or templates)


def _template(name: str) -> Template:
    return next(t for t in TEMPLATES if t.name == name)


def _usable_role(role: str) -> bool:
    """A role reads well in a question when it is short and ends in a role word ('Westland
    spokesman') or is 'a role of something' ('Prime Minister of Armenia'), but not when it
    ends in an adjective cut from a longer name ('Director General of Russian')."""
    words = role.split()
    if not 1 <= len(words) <= 5:
        return False
    lowered = [w.lower() for w in words]
    if "of" not in lowered:
        return lowered[-1] in ROLE_WORDS
    head = lowered[: lowered.index("of")]
    last = words[-1]
    return (
        any(w in ROLE_WORDS for w in head)
        and last[:1].isupper()
        and not last.lower().endswith(_ADJECTIVE_ENDINGS)
    )


_ADJECTIVE_ENDINGS = ("ian", "ese", "ish", "ean", "ic", "al")


def _capitalise(question: str) -> str:
    return question[0].upper() + question[1:]


def _copies(question: str, quote: str, n: int) -> bool:
    """True when the question repeats n consecutive words of the quote."""
    q, words = norm(question), norm(quote).split()
    return any(" ".join(words[i : i + n]) in q for i in range(len(words) - n + 1))
