"""kernel.kept: a request reads the generations once, and again after raising one itself;
outside a request they are read every time; a process remembers at most REMEMBERED values,
dropping the least used."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from xhht.kernel import kept as kept_module
from xhht.kernel.kept import (
    DIRECTORY,
    INDICATORS,
    generation,
    generation_raise,
    generations,
    kept,
    remembered,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_a_request() -> Iterator[None]:
    """A request's start and end, sent as the test client sends them: without closing the
    database connection, which holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _asked(ask: object) -> int:
    with CaptureQueriesContext(connection) as queries:
        ask()  # type: ignore[operator]
    return len(queries.captured_queries)


def test_a_request_reads_the_generations_once(in_a_request: None) -> None:
    assert _asked(lambda: generations(DIRECTORY)) == 1
    assert _asked(lambda: generations(INDICATORS, DIRECTORY)) == 0
    assert _asked(lambda: generation(INDICATORS)) == 0


def test_a_request_that_raises_a_generation_reads_it_anew(in_a_request: None) -> None:
    before = generation(DIRECTORY)
    generation_raise(DIRECTORY)
    after = generation(DIRECTORY)
    assert after != before
    assert _asked(lambda: generation(DIRECTORY)) == 0
    request_finished.send(sender=None)
    assert generation(DIRECTORY) == after


def test_outside_a_request_every_ask_reads() -> None:
    assert _asked(lambda: generation(DIRECTORY)) == 1
    assert _asked(lambda: generation(DIRECTORY)) == 1


def test_the_least_used_values_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_module, "REMEMBERED", 2)
    built: list[str] = []

    def value(name: str) -> str:
        def build() -> str:
            built.append(name)
            return name.upper()

        return remembered(kept("test", name), build)

    assert [value("a"), value("b"), value("a")] == ["A", "B", "A"]
    assert built == ["a", "b"]
    value("c")  # "b" is the least used
    value("a")
    value("b")
    assert built == ["a", "b", "c", "b"]
