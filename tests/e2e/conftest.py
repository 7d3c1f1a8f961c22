"""Starts the site with `make run`, as a user would, on a temporary var/ and port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.mail import free_port

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180
CLOCK = ("XHHT_TIME", "XHHT_CLOCK_STARTED")


@dataclass
class Site:
    base_url: str
    admin_password: str
    output: Path


def _wait_until_up(url: str, process: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make run stopped:\n{output.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"make run did not serve within {STARTUP_SECONDS}s:\n{output.read_text()}")


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    folder = Path(tempfile.mkdtemp(prefix="xhht-run-"))
    port = free_port()
    output = folder / "make-run.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XHHT_") and k != "DJANGO_SETTINGS_MODULE"
    }
    # The served site stands on the tests' instant (tests/settings.py): same day, same ticking time.
    env |= {name: os.environ[name] for name in CLOCK}
    with output.open("wb") as log:
        process = subprocess.Popen(
            [
                "make",
                "run",
                f"VAR={folder / 'var'}",
                f"PORT={port}",
                f"TODAY={os.environ['XHHT_TODAY']}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_up(base_url, process, output)
        found = re.search(r"mật khẩu: (\S+)", output.read_text())
        assert found, output.read_text()
        yield Site(base_url=base_url, admin_password=found.group(1), output=output)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
