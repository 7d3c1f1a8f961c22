"""The one clock: every "now" and "today" in the system comes from here.

XHHT_TODAY pins the date (demos and tests stand on a day in 2013). Without
XHHT_TIME the time of day is Vietnam's real one; with it, the clock starts at
that time of day when XHHT_CLOCK_STARTED (a Unix time; by default when the
settings were read) and ticks on from there, so ordering by timestamp keeps
working and several processes given the same three settings stand on the same
instant.
"""

import time as wall
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone


def _pinned_date() -> date | None:
    pinned: date | None = getattr(settings, "XHHT_TODAY", None)
    return pinned


def today() -> date:
    """Today in Vietnam, or the pinned date."""
    pinned = _pinned_date()
    if pinned is not None:
        return pinned
    return timezone.localdate()


def now() -> datetime:
    """The current instant (aware, in Vietnam's time zone), on the pinned date when one is set."""
    current = timezone.localtime()
    pinned = _pinned_date()
    if pinned is None:
        return current
    started_at: time | None = getattr(settings, "XHHT_TIME", None)
    if started_at is None:
        return timezone.make_aware(
            datetime.combine(pinned, time(current.hour, current.minute, current.second))
        )
    started: float = getattr(settings, "XHHT_CLOCK_STARTED", wall.time())
    elapsed = timedelta(seconds=max(0.0, wall.time() - started))
    return timezone.make_aware(datetime.combine(pinned, started_at)) + elapsed


def local_date(instant: datetime) -> date:
    """The Vietnamese calendar day of an aware instant (never `instant.date()` of a UTC value)."""
    return timezone.localtime(instant).date()
