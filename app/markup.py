"""Markup removed from an LLM's text before it is verified or shown.

An answer is plain prose with [n] markers. HTML tags, images, Markdown images and links, and
`javascript:` / `data:` URLs have no place in it, and escaping them only in the chat would
leave them in the CLI's output, the JSON and the copied text. Ordered, named rules; each keeps
what a reader needs (a link's label) and drops the rest.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class MarkupRule(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    replacement: str


# A link target in parentheses, which may itself hold one pair: (javascript:alert(1)).
_PARENTHESISED = r"\((?:[^()]|\([^()]*\))*\)"

MARKUP_RULES: tuple[MarkupRule, ...] = (
    MarkupRule("html_comment", re.compile(r"<!--.*?(?:-->|$)", re.S), ""),
    MarkupRule(
        "script_or_style",
        re.compile(r"<(script|style|iframe|object)\b.*?(?:</\1\s*>|$)", re.S | re.I),
        "",
    ),
    MarkupRule("markdown_image", re.compile(rf"!\[[^\]]*\]{_PARENTHESISED}"), ""),
    MarkupRule("markdown_link", re.compile(rf"\[([^\]]*)\]{_PARENTHESISED}"), r"\1"),
    MarkupRule("html_tag", re.compile(r"</?[A-Za-z][^<>]*>"), ""),
    MarkupRule(
        "script_url",
        re.compile(r"\b(?:javascript|vbscript|data)\s*:(?:[^\s()<>\"'\]]|\([^()\s]*\))*\s?", re.I),
        "",
    ),
    MarkupRule("spaces", re.compile(r"[ \t]{2,}"), " "),
)


def strip_markup(text: str) -> str:
    """`text` with every markup rule applied in order."""
    for rule in MARKUP_RULES:
        text = rule.pattern.sub(rule.replacement, text)
    return text
