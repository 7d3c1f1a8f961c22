"""The one clock: every "now" and "today" in the system comes from here.

XHHT_TODAY pins the date (demos and tests stand on a day in 2013); the time
of day still runs, so ordering by timestamp keeps working.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone


def today() -> date:
    """Today in Vietnam, or the pinned date."""
    pinned: date | None = getattr(settings, "XHHT_TODAY", None)
    if pinned is not None:
        return pinned
    return timezone.localdate()


def now() -> datetime:
    """The current instant (aware), on the pinned date when one is set."""
    current = timezone.localtime()
    pinned: date | None = getattr(settings, "XHHT_TODAY", None)
    if pinned is None:
        return current
    return timezone.make_aware(
        datetime.combine(pinned, time(current.hour, current.minute, current.second))
    )
