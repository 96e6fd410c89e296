"""The browser's copy of the conversation: the local-storage key and the secret that encrypts
it, one pair per store, so two stores never show each other's chats and a restarted server
still reads them."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.api import QuoteDesk

BROWSER_KEY_FILE = "browser-state.key"  # inside the store folder: encrypts the stored chats


def browser_storage_key(desk: QuoteDesk) -> str:
    """One local-storage key per store, so two stores never show each other's chats."""
    return "quotedesk-" + hashlib.sha256(str(desk.store.location).encode()).hexdigest()[:16]


def browser_secret(desk: QuoteDesk) -> str:
    """The key that encrypts the stored chats, kept in the store folder so a restarted server
    still reads them (Gradio's default is a new key per start)."""
    path = desk.settings.store_dir / BROWSER_KEY_FILE
    try:
        return path.read_text(encoding="utf-8").strip() or _new_secret(path)
    except OSError:
        return _new_secret(path)


def _new_secret(path: Path) -> str:
    secret = secrets.token_urlsafe(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secret, encoding="utf-8")
    except OSError:
        pass  # a read-only store: chats last until the server restarts
    return secret
