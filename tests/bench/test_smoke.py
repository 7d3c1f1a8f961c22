"""Every benchmark of bench/ runs in its smoke mode and prints its figures; no time is judged."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "bench").glob("bench_*.py"))
# benchdb.finished(): the closing line, printed once everything else was.
FIGURES = re.compile(r"^run: [\d.]+ s wall, [\d.]+ s CPU .*load average", re.MULTILINE)
# Far above a smoke run's few seconds: only a script that hangs reaches it.
TIMEOUT_SECONDS = 300


def _environment(folder: Path) -> dict[str, str]:
    """The developer's environment without what the test run set for itself.

    tests/settings.py pins the day, the time and the secret, pytest-django names
    the settings, and make exports XHHT_VAR_DIR (the project's var/) and under
    pgcluster XHHT_DATABASE_URL: a benchmark sets every XHHT_ variable it needs
    itself (bench/benchdb.py), on its own throwaway SQLite file. Its temporary
    files go to this test's folder, so none outlives the test run's clean-up.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XHHT_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["TMPDIR"] = str(folder)
    return env


def test_every_benchmark_is_found() -> None:
    assert SCRIPTS, ROOT / "bench"


@pytest.mark.skipif(
    "XHHT_DATABASE_URL" in os.environ,
    reason="the scripts run on SQLite whatever the tests' database: done in the SQLite run",
)
@pytest.mark.parametrize("script", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_benchmark_runs_in_smoke_mode(script: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--smoke"],
        cwd=ROOT,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    output = f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert done.returncode == 0, output
    assert FIGURES.search(done.stdout), output
