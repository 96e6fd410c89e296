"""Settings: the one place the environment is read (and the libraries' switches written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import PROCESS_SWITCHES, PROJECT_ROOT, load_settings, set_process_switches


@pytest.mark.parametrize(
    ("environ", "shared"),
    [
        ({}, PROJECT_ROOT.parent / "shared"),
        ({"QUOTEDESK_SHARED": "/data/corpora"}, Path("/data/corpora")),
        ({"QUOTEDESK_SHARED": ""}, PROJECT_ROOT.parent / "shared"),
    ],
)
def test_shared_corpora_folder(environ: dict[str, str], shared: Path) -> None:
    assert load_settings(environ=environ).shared_dir == shared


def test_a_flag_beats_the_environment_for_the_shared_folder() -> None:
    settings = load_settings(environ={"QUOTEDESK_SHARED": "/env"}, shared="/flag")
    assert settings.shared_dir == Path("/flag")


@pytest.mark.parametrize(
    ("name", "users", "expected"),
    [
        ("HF_HUB_OFFLINE", "0", "1"),  # forced: the model ships in a package, never downloaded
        ("TRANSFORMERS_OFFLINE", None, "1"),
        ("HF_HUB_DISABLE_TELEMETRY", "0", "1"),
        ("HF_DATASETS_OFFLINE", None, "1"),
        ("TOKENIZERS_PARALLELISM", None, "false"),  # a default: one thread per batch encode
        ("TOKENIZERS_PARALLELISM", "true", "true"),
        ("GRADIO_ANALYTICS_ENABLED", None, "False"),  # Gradio's: defaults a user may override
        ("GRADIO_ANALYTICS_ENABLED", "True", "True"),
        ("GRADIO_ANALYTICS_MAX_EVENTS", "50", "50"),
        ("GRADIO_ANALYTICS_CACHE_FREQUENCY", None, "500"),
    ],
)
def test_process_switches(name: str, users: str | None, expected: str) -> None:
    environ = {} if users is None else {name: users}
    set_process_switches(environ)
    assert environ[name] == expected
    assert set(environ) == {s.name for s in PROCESS_SWITCHES}  # nothing else is written
    set_process_switches(environ)  # idempotent
    assert environ[name] == expected
