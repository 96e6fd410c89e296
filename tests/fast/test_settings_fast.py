"""Settings: the one place the environment is read (and the libraries' switches written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import PROJECT_ROOT, load_settings, set_process_switches


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


def test_switches_force_offline_and_keep_a_users_gradio_choice() -> None:
    environ = {"HF_HUB_OFFLINE": "0", "GRADIO_ANALYTICS_MAX_EVENTS": "50"}
    set_process_switches(environ)
    assert environ["HF_HUB_OFFLINE"] == "1" and environ["TRANSFORMERS_OFFLINE"] == "1"
    assert environ["GRADIO_ANALYTICS_MAX_EVENTS"] == "50"
    assert environ["GRADIO_ANALYTICS_ENABLED"] == "False"
