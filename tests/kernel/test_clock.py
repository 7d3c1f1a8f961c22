"""The one clock: the tests' pinned instant, its ticking, and the Vietnamese day of an instant."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from pytest_django import Settings

from xhht.kernel import clock


def test_the_suite_stands_before_seven_in_vietnam_when_utc_is_the_day_before() -> None:
    now = clock.now()
    assert now.date() == clock.today() == date(2013, 6, 20)
    assert 0 <= now.hour < 7
    assert now.astimezone(UTC).date() == clock.today() - timedelta(days=1)


def test_the_pinned_clock_ticks_from_its_start(settings: Settings) -> None:
    settings.XHHT_TODAY = date(2013, 6, 8)
    settings.XHHT_CLOCK_STARTED = time.time() - 3600
    first = clock.now()
    assert (first.hour, first.minute) == (1, 30)  # 00:30 an hour ago
    time.sleep(0.01)
    assert clock.now() > first
    assert clock.today() == date(2013, 6, 8)


def test_a_date_alone_keeps_vietnam_s_time_of_day(settings: Settings) -> None:
    settings.XHHT_TIME = None
    settings.XHHT_TODAY = date(2013, 6, 8)
    before = datetime.now(UTC).astimezone(clock.now().tzinfo)
    now = clock.now()
    assert now.date() == date(2013, 6, 8)
    seconds = (now.hour - before.hour) * 3600 + (now.minute - before.minute) * 60
    seconds += now.second - before.second
    assert seconds % 86400 <= 60


def test_the_vietnamese_day_of_a_utc_instant() -> None:
    evening_utc = datetime(2013, 6, 19, 18, 0, tzinfo=UTC)  # 01:00 on 20/06 in Vietnam
    assert evening_utc.date() == date(2013, 6, 19)
    assert clock.local_date(evening_utc) == date(2013, 6, 20)
