"""A small made-up news corpus for the browser tests: not the bundled sample, so nothing shown
can come from a fixed list. One article is undated; one speaker is quoted 25 times (paging);
a title and a quote carry markup that must stay text."""

from __future__ import annotations

import json
from pathlib import Path

FERRY = {
    "id": "eastport-ferry",
    "title": "Ferry timetable changes in spring",
    "source": "Eastport News",
    "published": "2024-03-01",
    "url": "https://news.example.org/ferry",
    "text": (
        "Ferry timetable changes in spring\n\n"
        "“The ferry timetable will change in spring to add a late crossing,” said port "
        "director Alma Ruiz.\n\n"
        "“Passengers asked for a later ferry on Sundays and we listened,” Ruiz added.\n\n"
        "Some analysts said the ferry change would cost more than planned.\n\n"
        "“The ferry budget covers the late crossing for two years,” Ruiz said."
    ),
}
BRIDGE = {
    "id": "eastport-bridge",
    "title": "Bridge budget fixed",
    "source": "Eastport News",
    "published": "2024-04-02",
    "url": "javascript:alert(1)",
    "text": (
        "Bridge budget fixed\n\n"
        "“The bridge budget is fixed at twelve million euros,” said mayor Tomas Berry.\n\n"
        "“The bridge opens in May if the weather holds,” Berry said."
    ),
}
MARKET = {
    "id": "eastport-market",
    "title": "Market hall reopens",
    "source": "Harbour Weekly",
    "text": (
        "Market hall reopens\n\n"
        "“The market hall reopens with forty stalls and a fish counter,” said trader Ines "
        "Vidal.\n\n"
        "“Rents stay the same this year,” Vidal said."
    ),
}
ARRIVALS = {
    "id": "eastport-arrivals",
    "title": "A record month of harbour arrivals",
    "source": "Eastport News",
    "published": "2024-05-01",
    "text": "A record month of harbour arrivals\n\n"
    + "\n\n".join(
        f"“On day {day} the harbour logged {day + 10} arrivals,” said port director Alma Ruiz."
        for day in range(1, 26)
    ),
}
ARTICLES = [FERRY, BRIDGE, MARKET, ARRIVALS]

# Uploaded later: a new prolific speaker the examples must pick up.
LIBRARY = {
    "id": "eastport-library",
    "title": "Library extends opening hours",
    "source": "Eastport News",
    "published": "2024-06-01",
    "text": "Library extends opening hours\n\n"
    + "\n\n".join(
        f"“The library will open at {hour} on weekdays from June,” said librarian Oskar Lind."
        for hour in range(6, 40)
    ),
}


def write_corpus(folder: Path) -> Path:
    path = folder / "eastport.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def write_upload(folder: Path) -> Path:
    path = folder / "library.json"
    path.write_text(json.dumps(LIBRARY), encoding="utf-8")
    return path
