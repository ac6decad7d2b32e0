"""The Streamlit configuration matches the settings and keeps telemetry off."""

from __future__ import annotations

import tomllib

import settings
from tests.app.conftest import ROOT


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_server_upload_limit_follows_the_default_setting():
    assert _config()["server"]["maxUploadSize"] == int(settings.SETTINGS["max_upload_mb"].default)


def test_no_usage_statistics_and_a_minimal_toolbar():
    config = _config()
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "minimal"


def test_secrets_example_is_committed_and_the_real_file_is_ignored():
    assert (ROOT / ".streamlit" / "secrets.toml.example").exists()
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8")
