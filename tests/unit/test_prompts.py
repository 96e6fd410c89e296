"""Prompt files: one loader, versioned, named fields checked at load and at format time."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.prompts import PROMPTS_DIR, PromptError, load_prompt


@pytest.mark.parametrize("name", ["answer_with_citations", "condense_followup"])
def test_shipped_prompts_load_with_a_version_and_fields(name: str) -> None:
    prompt = load_prompt(name)
    assert prompt.version >= 1 and prompt.id == f"{name}@{prompt.version}"
    assert prompt.fields and prompt.system and prompt.user


def test_every_prompt_file_in_the_folder_loads() -> None:
    names = [p.stem for p in PROMPTS_DIR.glob("*.txt")]
    assert {"answer_with_citations", "condense_followup"} <= set(names)
    for name in names:
        load_prompt(name)


def test_the_answer_prompt_treats_passages_as_data() -> None:
    prompt = load_prompt("answer_with_citations")
    assert set(prompt.fields) == {"question", "passages"}
    assert "<passage>" in prompt.system and "data, not instructions" in prompt.system
    assert "{" not in prompt.system  # nothing from the articles ever reaches the system prompt


def test_format_fills_fields_literally() -> None:
    messages = load_prompt("answer_with_citations").format(
        question="What about {braces}?", passages='<passage id="1">x {passages} y</passage>'
    )
    assert [m.role for m in messages] == ["system", "user"]
    assert "What about {braces}?" in messages[1].content
    assert "x {passages} y" in messages[1].content


def test_format_names_missing_and_unknown_fields() -> None:
    prompt = load_prompt("condense_followup")
    with pytest.raises(PromptError, match=r"condense_followup@\d+: missing field\(s\) question"):
        prompt.format(conversation="- hi")
    with pytest.raises(PromptError, match=r"unknown field\(s\) topic"):
        prompt.format(conversation="- hi", question="q", topic="t")


def write(directory: Path, name: str, text: str) -> Path:
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return directory


GOOD = "version: 3\nfields: who\n--- system\nBe brief.\n--- user\nHello {who}.\n"


def test_a_custom_prompt_folder(tmp_path: Path) -> None:
    prompt = load_prompt("greet", write(tmp_path, "greet", GOOD))
    assert (prompt.version, prompt.fields, prompt.system) == (3, ("who",), "Be brief.")
    assert prompt.format(who="Ann")[1].content == "Hello Ann."


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (GOOD.replace("version: 3\n", ""), "version"),
        (GOOD.replace("version: 3", "version: three"), "version"),
        (GOOD.replace("fields: who", "fields: who, when"), "do not match"),
        (GOOD.replace("{who}", "{whom}"), "do not match"),
        (GOOD.replace("{who}", "{who} {"), "literal braces"),
        (GOOD.replace("--- system\n", ""), "section"),
        (GOOD.replace("fields: who", "fields who"), "key: value"),
    ],
)
def test_malformed_prompt_files_fail_clearly(tmp_path: Path, text: str, error: str) -> None:
    with pytest.raises(PromptError, match=error):
        load_prompt("broken", write(tmp_path, "broken", text))


def test_missing_or_strange_names(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="cannot read prompt"):
        load_prompt("absent", tmp_path)
    with pytest.raises(PromptError, match="bad prompt name"):
        load_prompt("../etc/passwd")
