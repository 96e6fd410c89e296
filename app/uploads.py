"""Files added in the chat: each upload is checked (size, type), kept in the store's own
`uploads/` folder and ingested, and reported as one row; Gradio's shared upload cache never
keeps a copy, whatever happens."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from app.html import FileResult

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from ingest.pipeline import IngestReport

UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
UPLOADS_FOLDER = "uploads"  # inside the store folder: uploads are kept with the store


def ingest_upload(desk: QuoteDesk, path: Path, max_bytes: int) -> FileResult:
    """Ingest one uploaded file and say what happened.

    The file leaves Gradio's shared upload cache whatever happens: kept in the store's own
    `uploads/` folder when it is ingested, deleted when it is refused.
    """
    name = path.name
    try:
        try:
            size = path.stat().st_size
        except OSError as exc:
            return FileResult(name, "failed", f"cannot read the upload ({exc.strerror or exc})")
        if size > max_bytes:
            limit = max_bytes / 1e6
            return FileResult(name, "failed", f"{size / 1e6:.1f} MB is over the {limit:g} MB limit")
        if path.suffix.lower() not in UPLOAD_TYPES:
            return FileResult(name, "failed", f"unsupported type; use {' '.join(UPLOAD_TYPES)}")
        kept = keep_upload(path, desk.settings.store_dir / UPLOADS_FOLDER)
        return file_result(name, str(kept), desk.ingest([kept], progress=False))
    finally:
        _remove_upload(path)


def keep_upload(path: Path, folder: Path) -> Path:
    """Copy an upload into `folder` under a name made unique by its content."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    kept = folder / f"{digest}-{path.name}"
    shutil.copyfile(path, kept)
    return kept


def _remove_upload(path: Path) -> None:
    """Delete the upload and the one-file folder Gradio made for it."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty or already gone: leave it
        path.parent.rmdir()


def file_result(name: str, origin: str, report: IngestReport) -> FileResult:
    """One row from an ingest report of a single file (JSONL files may hold many articles)."""
    counts = [
        (label, n)
        for label, n in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("failed", report.failed),
        )
        if n
    ]
    reasons = [f"{_where(e.origin, origin)}{e.reason}" for e in report.errors[:5]]
    if len(report.errors) > 5:
        reasons.append(f"and {len(report.errors) - 5} more")
    if not counts:
        return FileResult(name, "failed", "no articles found")
    if len(counts) == 1 and counts[0][1] == 1:
        status = counts[0][0]
    else:
        status = ", ".join(f"{n} {label}" for label, n in counts)
    return FileResult(name, status, "; ".join(reasons))


def _where(error_origin: str, origin: str) -> str:
    """'line 3: ' for a JSONL record, '[2] ' for a JSON array item, '' for the file itself."""
    rest = error_origin.removeprefix(origin)
    if rest.startswith(":"):
        return f"line {rest[1:]}: "
    return f"{rest} " if rest and rest != error_origin else ""
