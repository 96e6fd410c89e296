"""Backend selection from `--llm` specs and settings, without any server or model."""

from __future__ import annotations

import importlib.util

import pytest

from app.llm import LlamaIndexBackend, build_backend, describe_failure, parse_spec
from app.settings import Settings, load_settings


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("ollama:llama3.2", ("ollama", "llama3.2")),
        ("openai:qwen2.5:7b-instruct", ("openai", "qwen2.5:7b-instruct")),
        ("llamacpp:/models/m.gguf", ("llamacpp", "/models/m.gguf")),
        (" OpenAI:gpt-4o-mini ", ("openai", "gpt-4o-mini")),
    ],
)
def test_specs(spec: str, parsed: tuple[str, str]) -> None:
    assert parse_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["", "gpt-4o", "anthropic:claude", "openai:", "ollama: "])
def test_bad_specs_say_what_is_expected(spec: str) -> None:
    with pytest.raises(ValueError, match="expected ollama:MODEL, openai:MODEL or llamacpp:"):
        parse_spec(spec)


def test_llm_settings_from_the_environment_keep_the_key_out_of_repr() -> None:
    env = {
        "QUOTEDESK_LLM": "openai:m",
        "QUOTEDESK_LLM_BASE_URL": "http://127.0.0.1:8080/v1",
        "QUOTEDESK_LLM_API_KEY": "sk-secret",
        "QUOTEDESK_LLM_TIMEOUT": "4.5",
    }
    settings = load_settings(environ=env)
    assert (settings.llm, settings.llm_base_url, settings.llm_timeout) == (
        "openai:m",
        "http://127.0.0.1:8080/v1",
        4.5,
    )
    assert settings.llm_api_key == "sk-secret" and "sk-secret" not in repr(settings)
    assert load_settings(environ={}).llm is None  # no LLM unless asked for


def test_openai_builds_an_openai_like_client_with_the_timeout() -> None:
    pytest.importorskip("llama_index.llms.openai_like")
    settings = Settings(llm="openai:m", llm_base_url="http://127.0.0.1:9/v1", llm_timeout=7)
    backend = build_backend(settings)
    assert isinstance(backend, LlamaIndexBackend) and backend.name == "openai:m"
    llm = backend.llm
    assert type(llm).__name__ == "OpenAILike"
    assert (llm.api_base, llm.timeout, llm.max_retries, llm.is_chat_model) == (
        "http://127.0.0.1:9/v1",
        7,
        0,
        True,
    )


def test_openai_needs_a_base_url_or_a_key() -> None:
    with pytest.raises(ValueError, match="--llm-base-url"):
        build_backend(Settings(llm="openai:m"))


def test_llamacpp_needs_an_existing_model_file(tmp_path) -> None:
    with pytest.raises(ValueError, match="no model file"):
        build_backend(Settings(llm=f"llamacpp:{tmp_path / 'absent.gguf'}"))


@pytest.mark.skipif(
    importlib.util.find_spec("llama_index.llms.ollama") is not None,
    reason="the ollama extra is installed",
)
def test_a_missing_extra_is_named() -> None:
    with pytest.raises(ImportError, match=r"pip install 'quotedesk\[ollama\]'"):
        build_backend(Settings(llm="ollama:llama3.2"))


def test_failures_become_one_line_reasons() -> None:
    class APITimeoutError(Exception):
        pass

    class APIConnectionError(Exception):
        pass

    assert describe_failure(TimeoutError(), 30) == "no reply within 30 s"
    assert describe_failure(APITimeoutError("x"), 2.5) == "no reply within 2.5 s"
    assert describe_failure(APIConnectionError("x"), 1) == "cannot connect to the server"
    assert describe_failure(RuntimeError("bad\nthing"), 1) == "RuntimeError: bad thing"
