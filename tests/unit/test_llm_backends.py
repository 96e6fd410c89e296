"""Backend selection from `--llm` specs and settings; the wall-clock deadline; every failure
of the scripted OpenAI-compatible server (tests/fake_openai_server.py) through the real
client, falling back within the deadline."""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Iterator

import pytest

from app.llm import LlamaIndexBackend, bounded, build_backend, describe_failure, parse_spec
from app.llm_answer import LLMAnswerer
from app.settings import Settings, load_settings
from app.types import Answer, Citation
from ingest.terms import Lexicon
from tests.fake_openai_server import FakeOpenAIServer


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

    class InternalServerError(Exception):
        status_code = 503

    assert describe_failure(TimeoutError(), 30) == "no complete reply within 30 s"
    assert describe_failure(APITimeoutError("x"), 2.5) == "no complete reply within 2.5 s"
    assert describe_failure(APIConnectionError("x"), 1) == "cannot connect to the server"
    assert describe_failure(InternalServerError("x"), 1) == "the server answered HTTP 503"
    assert describe_failure(json.JSONDecodeError("x", "{", 0), 1) == (
        "the server sent a malformed reply"
    )
    assert describe_failure(RuntimeError("bad\nthing"), 1) == "RuntimeError: bad thing"


def slow(deltas: list[str], pause: float) -> Iterator[str]:
    for delta in deltas:
        time.sleep(pause)
        yield delta


@pytest.mark.parametrize(
    ("stream", "expected"),
    [
        (iter(["a", "b"]), ["a", "b"]),
        (slow(["", "", "", "", "", ""], 0.1), TimeoutError),  # empty deltas count too
        (slow(["a"], 5.0), TimeoutError),  # a read that never returns
        (slow(["a", "b", "c", "d", "e", "f"], 0.1), TimeoutError),  # a slow drip
    ],
)
def test_the_deadline_bounds_the_whole_stream(stream: Iterator[str], expected) -> None:
    started = time.monotonic()
    if isinstance(expected, list):
        assert list(bounded(stream, 0.4)) == expected
    else:
        with pytest.raises(TimeoutError, match="no complete reply within 0.4 s"):
            list(bounded(stream, 0.4))
    assert time.monotonic() - started < 0.4 + 0.3


# ----- the real OpenAI-compatible client against the scripted server ------------------------

TIMEOUT = 2.0
GOOD = "Velloso said the union had not agreed to extend shifts [1]. "
BAD = "Velloso said the moon is made of green cheese [1]. "
BASE = Answer(
    question="What did Velloso say?",
    answer="“the union had not agreed to extend shifts”",
    abstained=False,
    citations=[
        Citation(
            n=1,
            article_id="a1",
            title="Dock strike ends",
            source="Harbour Gazette",
            published=None,
            url=None,
            paragraph=1,
            start=0,
            end=44,
            text="the union had not agreed to extend shifts",
            speaker="Hanna Velloso",
        )
    ],
)


def answerer(server: FakeOpenAIServer) -> LLMAnswerer:
    settings = Settings(llm="openai:m", llm_base_url=server.url, llm_timeout=TIMEOUT)
    return LLMAnswerer(build_backend(settings), Lexicon(), TIMEOUT)


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        ("refuse", "cannot connect to the server"),
        ("hang", "no complete reply within 2 s"),
        ("keepalive", "no complete reply within 2 s"),
        ("empty_deltas", "no complete reply within 2 s"),
        ("drip", "no complete reply within 2 s"),
        ("garbage", "the server sent a malformed reply"),
        ("http500", "the server answered HTTP 500"),
        ("disconnect", "the server closed the connection mid-reply"),
    ],
)
def test_every_server_failure_falls_back_within_the_deadline(behaviour: str, reason: str) -> None:
    pytest.importorskip("llama_index.llms.openai_like")
    scripted = "reply" if behaviour == "refuse" else behaviour
    drip = 0.4 if behaviour == "drip" else 0.0
    server = FakeOpenAIServer(lambda _: GOOD * 6, behaviour=scripted, drip=drip)
    try:
        llm = answerer(server)
        if behaviour == "refuse":
            server.stop()
        started = time.monotonic()
        *shown, final = llm.stream_answer(BASE.question, BASE)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert elapsed < TIMEOUT + 1.0, f"{behaviour}: {elapsed:.1f} s"
    assert final.answer == BASE.answer and final.citations == BASE.citations
    assert final.notice == f"LLM unavailable ({reason}); showing quoted passages"
    assert all(s == GOOD.strip() + " " for s in shown)  # only verified text was ever shown


def test_only_verified_sentences_stream_and_markup_is_stripped() -> None:
    pytest.importorskip("llama_index.llms.openai_like")
    reply = GOOD + BAD + 'Velloso <img src=x onerror="alert(1)">said the union had not agreed [1].'
    server = FakeOpenAIServer(lambda _: reply)
    try:
        *shown, final = answerer(server).stream_answer(BASE.question, BASE)
    finally:
        server.stop()
    assert shown == [GOOD, "Velloso said the union had not agreed [1]. "]
    assert final.answer == "".join(shown).strip()
    assert final.notice == "2 of 3 sentences verified against the cited passages; 1 removed"
    assert [r.sentence for r in final.generation.removed] == [BAD.strip()]
