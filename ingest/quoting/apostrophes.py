"""Doubled apostrophes as quotation marks: a same-length view of a text for quote finding.

Some archives write every quotation mark as two apostrophes (`''We may see wage growth,'' the
economist Ana Vell wrote.`): newspaper archives and wire exports typed before curly marks.
The quote rules pair real quotation marks only, so such quotations went unfound and their
words were at best caught by the reported-speech rules, without the speaker the words after
the closing mark name. The view writes a doubled apostrophe that opens a word as a space and
`“` and one that closes a word as `”` and a space, each mark against its word as the rules
expect. It is as long as the text, so every offset found in the view is the same offset in the
article; a quote's words are read back from the article itself, a span that holds one of the
two apostrophes widened to both (`article_span`), never from the view.
"""

from __future__ import annotations

import re

_DOUBLED = re.compile(r"(?<!')''(?!')")
# A doubled mark against a single one (`said, 'Ola is here,''' Tom said`, `'''Sir, ...`): a
# quotation inside a quotation, closed or opened with the outer one; tried at both places.
_TRIPLED = re.compile(r"(?<!')'''(?!')")
_OPENS_AFTER = "([{—–-/"
_CLOSES_BEFORE = ".,;:!?)]}—–-/"


def marks_view(text: str) -> str:
    """`text` with each doubled apostrophe that opens or closes a word as a space and a curly
    mark against the word (of a tripled run, the two away from the word); doubled apostrophes
    between two words or two spaces stay."""
    if "''" not in text:
        return text
    chars = list(text)
    runs = [(m.start(), m.end()) for m in _DOUBLED.finditer(text)]
    runs += [(m.start(), m.end()) for m in _TRIPLED.finditer(text)]
    for at, end in runs:
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if (before.isspace() or before in _OPENS_AFTER) and not after.isspace():
            chars[at : at + 2] = " “"
        elif not before.isspace() and (after.isspace() or after in _CLOSES_BEFORE):
            chars[end - 2 : end] = "” "
    return "".join(chars)


def article_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A span found in the view, widened in the article to both apostrophes of a doubled mark
    it holds one of (`'It is.'` -> `''It is.''`), so a statement never shows half a mark. A
    span that holds the single mark of a tripled run (`'no,'` of `'no,'''`) ends at it: the
    two apostrophes past it are the outer mark, whole."""
    if 0 < start < len(text) and text[start] == "'" and text[start - 1] == "'":
        start -= 0 if start > 1 and text[start - 2] == "'" else 1
    if start < end < len(text) and text[end - 1] == "'" and text[end] == "'":
        end += 0 if end + 1 < len(text) and text[end + 1] == "'" else 1
    return start, end
