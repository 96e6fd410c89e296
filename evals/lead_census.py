"""What a record's lead (`summary`) and the links within an article change in extraction: the
speaker census of each text without its lead (as the loader read it before), with it (lead
first, as the loader reads it now), and with speakers named by surname or office alone linked
to the person the article names in full (`ingest.speakers.article_links.link_in_article`,
applied to the extracted quotes here as `unify_speakers(names, text)` does when extraction
passes the text).

    python -m evals.lead_census ../shared/corpus/ua_ru_presidential_press/articles.jsonl \
        --id-prefix kremlin- [--phrase "President of Russia" ...] [--limit N]

Prints, for both versions: quotes by kind, quotes whose speaker is an office or place
(`President of Russia`, `Russia`), and whom each `--phrase` (a speaker as written) resolved to.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from evals.speaker_census import Census, census, census_parser, office_like
from ingest.loaders import article_from_record
from ingest.quotes import extract_quotes_many
from ingest.speakers.article_links import link_in_article


def texts(path: Path, prefix: str, limit: int | None) -> tuple[list[str], list[str]]:
    """Each record's text as written, and as the loader makes it (with its lead)."""
    plain: list[str] = []
    loaded: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            record = json.loads(line)
            if not str(record.get("id", "")).startswith(prefix):
                continue
            try:
                article = article_from_record(record, f"{path}:{number}")
            except ValueError as exc:
                print(f"{path}:{number}: skipped ({exc})", file=sys.stderr)
                continue
            plain.append(record["text"])
            loaded.append(article.text)
            if limit is not None and len(plain) >= limit:
                break
    return plain, loaded


def linked_census(texts: list[str], top: int, phrases: frozenset[str]) -> tuple[Census, Counter]:
    """`census` with each article's speakers linked within the article; also counts the quotes
    each link rule renamed."""
    kinds: Counter[str] = Counter()
    offices: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for text, quotes in zip(texts, extract_quotes_many(texts), strict=True):
        links = link_in_article({q.speaker for q in quotes if q.speaker}, text)
        for q in quotes:
            link = links.get(q.speaker or "")
            speaker = link.name if link else q.speaker
            kinds[q.kind] += 1
            if link:
                rules[link.rule] += 1
            if speaker and office_like(speaker):
                offices[speaker] += 1
            if (q.speaker_as_written or "").lower() in phrases:
                resolved[speaker or "(none)"] += 1
    result = Census(
        len(texts),
        dict(kinds),
        offices.most_common(top),
        sum(offices.values()),
        resolved.most_common(top),
    )
    return result, rules


def _show(name: str, result: Census, phrases: list[str]) -> None:
    print(f"{name}: {result.articles} articles; quotes by kind: {result.kinds}")
    print(f"  office-like speakers: {result.office_quotes} quotes")
    for speaker, n in result.office_speakers:
        print(f"    {n:>5}  {speaker}")
    if phrases:
        print(f"  speakers of {', '.join(phrases)}:")
        for speaker, n in result.resolved:
            print(f"    {n:>5}  {speaker}")


def main(argv: list[str] | None = None) -> int:
    args = census_parser(__doc__.split("\n", 1)[0]).parse_args(argv)
    try:
        plain, loaded = texts(args.path, args.id_prefix, args.limit)
    except (OSError, ValueError) as exc:
        print(f"lead_census: cannot read {args.path}: {exc}", file=sys.stderr)
        return 1
    phrases = frozenset(p.lower() for p in args.phrase)
    _show("text only", census(plain, args.top, phrases), args.phrase)
    _show("lead + text", census(loaded, args.top, phrases), args.phrase)
    linked, rules = linked_census(loaded, args.top, phrases)
    _show("lead + text, linked within the article", linked, args.phrase)
    print(f"  quotes renamed by link rule: {dict(rules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
