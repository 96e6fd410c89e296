from pathlib import Path

import pytest

from app.settings import load_settings


def test_defaults_env_then_flags() -> None:
    env = {"QUOTEDESK_HOME": "/tmp/x", "QUOTEDESK_DENSE_K": "7", "QUOTEDESK_PORT": "9000"}
    settings = load_settings(environ=env, port=9100, chroma_url=None)
    assert settings.store_dir == Path("/tmp/x")
    assert settings.retrieval.dense_k == 7
    assert settings.server.port == 9100
    assert settings.server.host == "127.0.0.1"


def test_bad_values_name_the_setting() -> None:
    with pytest.raises(ValueError, match="QUOTEDESK_DENSE_K"):
        load_settings(environ={"QUOTEDESK_DENSE_K": "many"})
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings(environ={}, colour="blue")
