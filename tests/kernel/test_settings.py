"""Settings come from the environment and refuse bad values loudly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from xhht.kernel.env import ConfigError, env_bool, env_date, env_int, env_list


def settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import xhht.settings"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_needs_a_secret_key() -> None:
    result = settings_import({})
    assert result.returncode != 0
    assert "XHHT_SECRET_KEY must be set" in result.stderr
    assert settings_import({"XHHT_DEBUG": "1"}).returncode == 0
    assert settings_import({"XHHT_SECRET_KEY": "s3cret"}).returncode == 0


@pytest.mark.parametrize(
    ("name", "value", "fault"),
    [
        ("XHHT_DEBUG", "maybe", "boolean"),
        ("XHHT_EMAIL_PORT", "twenty-five", "integer"),
        ("XHHT_ALLOWED_HOSTS", "*", "without '*'"),
        ("XHHT_TODAY", "20/06/2013", "YYYY-MM-DD"),
        ("XHHT_DATABASE_URL", "nosuchdb://x", "database URL"),
    ],
)
def test_a_bad_value_stops_the_settings(name: str, value: str, fault: str) -> None:
    result = settings_import({"XHHT_SECRET_KEY": "s3cret", name: value})
    assert result.returncode != 0
    assert fault in result.stderr


def test_the_typed_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A", "yes")
    monkeypatch.setenv("B", "12")
    monkeypatch.setenv("C", "a.example, b.example")
    monkeypatch.setenv("D", "2013-06-20")
    assert env_bool("A") is True
    assert env_int("B", 0) == 12
    assert env_list("C", []) == ["a.example", "b.example"]
    assert str(env_date("D")) == "2013-06-20"
    assert env_int("MISSING", 7) == 7
    monkeypatch.setenv("A", "2")
    with pytest.raises(ConfigError):
        env_bool("A")
