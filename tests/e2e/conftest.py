"""Starts the site with `make run`, as a user would, on a temporary var/ and port."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.mail import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 360  # collectstatic hashes and compresses every file first
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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE: ViewportSize = {"width": 375, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; skipped where it is missing (never in CI)."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI: install Debian's chromium")
        pytest.skip("Chromium is not installed")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def demo_log_in(page: Page, site: Site, username: str) -> None:
    """Log in as one of the demo officers, with the password `make run` printed."""
    found = re.search(rf"{username}\s+mật khẩu: (\S+)", site.output.read_text())
    assert found, f"make run printed no password for {username}"
    page.goto(site.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", found.group(1))
    page.click("main button[type=submit]")
    page.wait_for_load_state()


SCREENSHOTS = ROOT / "build" / "screenshots"


def screenshot(page: Page, name: str, *, kind: str = "png", full_page: bool = True) -> Path:
    """Keep what the browser showed, in the git-ignored build/screenshots/: a PNG of the
    whole page, or with `kind="jpeg"` a lighter picture fit for docs/pictures/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if kind == "jpeg":
        path = SCREENSHOTS / f"{name}.jpg"
        page.screenshot(path=str(path), full_page=full_page, type="jpeg", quality=70)
    else:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The campaign walk runs last: the campaign it publishes becomes every officer's
    current one, which the other browser tests do not expect."""
    items.sort(key=lambda item: "test_campaign_walk.py::" in item.nodeid)
