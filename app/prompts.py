"""Prompt files: the one loader for `prompts/*.txt` (format in prompts/README.md).

Prompts are files, not code, so their wording can change (and be versioned and evaluated)
without touching Python; the declared fields are checked at load time and at format time so a
renamed placeholder fails loudly instead of sending "{passages}" to a model.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
_SECTION = re.compile(r"^--- (system|user)[ \t]*$", re.MULTILINE)
_NAME = re.compile(r"^[a-z0-9_]+$")


class PromptError(ValueError):
    """A prompt file is malformed, or a prompt was formatted with the wrong fields."""


@dataclass(frozen=True)
class Message:
    """One chat message as sent to a backend."""

    role: str  # "system" or "user"
    content: str


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    fields: tuple[str, ...]
    system: str
    user: str

    @property
    def id(self) -> str:
        """`name@version`, recorded with every answer the prompt produced."""
        return f"{self.name}@{self.version}"

    def format(self, **values: str) -> list[Message]:
        """The system and user messages with every declared field filled in."""
        missing = [f for f in self.fields if f not in values]
        unknown = sorted(set(values) - set(self.fields))
        if missing or unknown:
            problems = []
            if missing:
                problems.append(f"missing field(s) {', '.join(missing)}")
            if unknown:
                problems.append(f"unknown field(s) {', '.join(unknown)}")
            raise PromptError(f"prompt {self.id}: {'; '.join(problems)}")
        return [
            Message("system", self.system.format(**values)),
            Message("user", self.user.format(**values)),
        ]


def load_prompt(name: str, directory: Path | None = None) -> Prompt:
    """Read and check `prompts/<name>.txt` (cached: prompt files do not change at run time)."""
    if not _NAME.match(name):
        raise PromptError(f"bad prompt name {name!r}")
    return _load(name, directory or PROMPTS_DIR)


@cache
def _load(name: str, directory: Path) -> Prompt:
    path = directory / f"{name}.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"cannot read prompt {path}: {exc.strerror or exc}") from exc
    header, *rest = _SECTION.split(raw)
    sections = dict(zip(rest[::2], (s.strip("\n") for s in rest[1::2]), strict=True))
    if len(rest) != 4 or set(sections) != {"system", "user"}:
        raise PromptError(f"{path}: needs one '--- system' and one '--- user' section")
    meta = _header(header, path)
    try:
        version = int(meta.get("version", ""))
    except ValueError:
        raise PromptError(f"{path}: needs a 'version: <integer>' header line") from None
    fields = tuple(f.strip() for f in meta.get("fields", "").split(",") if f.strip())
    used = _placeholders(sections["system"], path) | _placeholders(sections["user"], path)
    if used != set(fields):
        raise PromptError(
            f"{path}: placeholders {sorted(used)} do not match the declared fields {list(fields)}"
        )
    return Prompt(name, version, fields, sections["system"], sections["user"])


def _header(text: str, path: Path) -> dict[str, str]:
    meta = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise PromptError(f"{path}: header line {line!r} is not 'key: value'")
        meta[key.strip()] = value.strip()
    return meta


def _placeholders(template: str, path: Path) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise PromptError(f"{path}: {exc} (write {{{{ and }}}} for literal braces)") from exc
