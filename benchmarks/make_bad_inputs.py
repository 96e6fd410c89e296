"""Write a seeded mix of malformed and good article files of every supported type.

Why: ingest must turn every bad input into one error line and still ingest every good one.
`manifest.json` says, per file, how many articles must be added and how many error lines it
must produce, so a test can check the counts exactly.

    python -m benchmarks.make_bad_inputs OUT_DIR [--count 300] [--seed 0] [--huge-bytes 1100000]

Bad kinds: truncated JSON, wrong field types, huge single lines (over the file-size limit the
test sets), NUL bytes, mixed encodings, deeply nested HTML, empty text, JSONL with bad lines,
duplicate ids with different text. A quarter of the files are good (.txt .md .html .json .jsonl).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers import WORDS, made_up_article

_article = made_up_article  # old name, until tests/e2e/test_reliability.py imports tests.helpers

# Each writer makes one file and returns (suffix, bytes, good articles, error lines).
Writer = Callable[[random.Random, int], tuple[str, bytes, int, int]]


def good_txt(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    return ".txt", f"id: good-{n}\ntitle: {title}\n\n{text}\n".encode(), 1, 0


def good_md(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    return ".md", f"---\nid: good-{n}\nsource: Test\n---\n# {title}\n\n{text}\n".encode(), 1, 0


def good_html(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    body = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    html = (
        f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
        f"<article><h1>{title}</h1>\n{body}</article></body></html>"
    )
    return ".html", html.encode(), 1, 0


def good_json(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    record = {"id": f"good-{n}", "title": title, "text": text, "source": "Test"}
    return ".json", json.dumps(record).encode(), 1, 0


def mixed_jsonl(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    """Two good records around three bad lines: one error per bad line, the rest ingested."""
    title, text = made_up_article(rng, n)
    title2, text2 = made_up_article(rng, n + 100_000)
    lines = [
        json.dumps({"id": f"good-{n}-a", "title": title, "text": text}),
        '{"id": "broken", "text": "no end',
        json.dumps({"id": f"bad-{n}", "title": title, "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": f"good-{n}-b", "title": title2, "text": text2}),
    ]
    return ".jsonl", "\n".join(lines).encode(), 2, 3


def truncated_json(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    data = json.dumps({"id": f"trunc-{n}", "title": title, "text": text})
    return ".json", data[: rng.randint(5, len(data) - 2)].encode(), 0, 1


def wrong_types(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    record = rng.choice(
        [
            {"id": f"wt-{n}", "title": title, "text": 12345},
            {"id": f"wt-{n}", "title": {"nested": title}, "text": text},
            {"id": [n], "title": title, "text": text},
            {"id": f"wt-{n}", "title": title, "text": text, "published": True},
        ]
    )
    return ".json", json.dumps(record).encode(), 0, 1


def huge_line(rng: random.Random, n: int, size: int = 1_100_000) -> tuple[str, bytes, int, int]:
    """One line over the size limit the test sets (1 MB): rejected before it is parsed."""
    word = rng.choice(WORDS)
    return rng.choice([".txt", ".jsonl"]), (f"{word} " * (size // (len(word) + 1))).encode(), 0, 1


def nul_bytes(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    title, text = made_up_article(rng, n)
    data = f"{title}\n\n{text}".encode()
    cut = rng.randint(1, len(data) - 1)
    return rng.choice([".txt", ".html", ".json"]), data[:cut] + b"\x00\x00" + data[cut:], 0, 1


def mixed_encoding(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    """UTF-8 with a Latin-1 paragraph pasted in: not valid UTF-8, one error for the file."""
    title, text = made_up_article(rng, n)
    data = f"{title}\n\n{text}\n\n".encode() + "Caf\xe9 cr\xe8me \xa3 5".encode("latin-1")
    return rng.choice([".txt", ".md"]), data, 0, 1


def nested_html(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    """An HTML bomb: thousands of nested divs around no article text."""
    depth = rng.randint(5_000, 20_000)
    html = "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    return ".html", html.encode(), 0, 1


def empty_text(rng: random.Random, n: int) -> tuple[str, bytes, int, int]:
    suffix, data = rng.choice(
        [
            (".txt", b""),
            (".md", b"   \n\n  \n"),
            (".json", json.dumps({"id": f"empty-{n}", "title": "Empty", "text": "  "}).encode()),
            (".jsonl", json.dumps({"id": f"empty-{n}", "text": ""}).encode()),
            (".html", b"<html><body><script>var a=1;</script></body></html>"),
        ]
    )
    return suffix, data, 0, 1


BAD: list[Writer] = [
    truncated_json,
    wrong_types,
    huge_line,
    nul_bytes,
    mixed_encoding,
    nested_html,
    empty_text,
]
GOOD: list[Writer] = [good_txt, good_md, good_html, good_json, mixed_jsonl]


def write_inputs(out: Path, count: int = 300, seed: int = 0) -> dict:
    """Write `count` files plus a duplicate-id pair; return (and save) the manifest."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, int]] = {}
    for n in range(count - 2):
        writer = GOOD[n % len(GOOD)] if n % 4 == 0 else BAD[n % len(BAD)]
        suffix, data, good, errors = writer(rng, n)
        name = f"{n:04d}-{writer.__name__}{suffix}"
        (out / name).write_bytes(data)
        files[name] = {"articles": good, "errors": errors}
    # Same id, different text: the first is ingested, the second is one error line.
    for i, name in enumerate(("dup-a.json", "dup-b.json")):
        title, text = made_up_article(rng, 900_000 + i)
        (out / name).write_text(json.dumps({"id": "dup-1", "title": title, "text": text}))
        files[name] = {"articles": 1 - i, "errors": i}
    manifest = {
        "seed": seed,
        "files": files,
        "articles": sum(f["articles"] for f in files.values()),
        "errors": sum(f["errors"] for f in files.values()),
        "max_file_mb": 1.0,
    }
    (out.parent / f"{out.name}-manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    manifest = write_inputs(args.out, args.count, args.seed)
    where = args.out.parent / f"{args.out.name}-manifest.json"
    print(
        f"wrote {len(manifest['files'])} files to {args.out}: {manifest['articles']} good "
        f"articles, {manifest['errors']} expected error lines (ingest with "
        f"QUOTEDESK_MAX_FILE_MB=1); manifest: {where}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
