"""Parts of pages kept between requests, keyed by everything they are drawn from.

A province's dashboard draws its tables and its call list from its obligations' states,
which it reads anyway, and from names and contacts, which rarely change. Drawing them
is most of the page's time. The template keeps such a part with Django's `{% cache %}`
under a `Kept` key made here, and what the part shows is built only when the key is new
(the view hands it over lazily).

The key holds the data itself, never a time: a part is kept only under the very data
it was drawn from, so a change can never leave it stale.

- Data read anyway (the obligations' states) goes into the key whole.
- Rarely changed data (unit names, contacts, users) goes in by its *generation*
  (`Generation`). Every committed change replaces it with a new random value, in the
  change's own transaction. A change rolled back never makes a generation that a later
  one reuses, which a counter would. The generation is read before the data it stands
  for, so a part kept under it is never older than it.
- The language and the reader's rights that the part shows go in too.

Reference data a page reads on every view (the targets in force, a province's rules, the
bodies a proposal goes to, whether a district's communes collect what it sums) is
remembered by the process under such a key too (`remembered`), without a query. A request reads the generations once,
in one query, and again only after it raised one itself.
"""

from __future__ import annotations

import hashlib
import pickle
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.dispatch import receiver
from django.utils import translation

from xhht.kernel.models import Generation

DIRECTORY = "directory"  # units (names, places, contacts) and users (names, contacts)
INDICATORS = "indicators"  # indicators, their targets and rules, the report templates
OBLIGATIONS = "obligations"  # which units owe what in each campaign (made as it is published)
_NAMES = (DIRECTORY, INDICATORS, OBLIGATIONS)
KEPT_SECONDS = 600  # a part not asked for again within this is dropped
REMEMBERED = 4096  # values a process remembers (`remembered`), the least used dropped

T = TypeVar("T")


@dataclass(frozen=True)
class Kept:
    """What a template's `{% cache kept.seconds "name" kept.key %}` needs."""

    key: str
    seconds: int = KEPT_SECONDS


def kept(*drawn_from: Any) -> Kept:
    """The key of a part drawn from `drawn_from` (plain values: numbers, text, dates,
    tuples, lists and frozen dataclasses of them) in the active language."""
    data = pickle.dumps((translation.get_language(), drawn_from), pickle.HIGHEST_PROTOCOL)
    return Kept(hashlib.blake2b(data, digest_size=20).hexdigest())


def generation(name: str) -> int:
    """The generation of `name`'s data now (0 before its first change)."""
    return generations(name)[0]


class _Request(threading.local):
    """The generations this thread's request has read (None outside a request)."""

    read: dict[str, int] | None = None


_request = _Request()


@receiver(request_started)
def _request_starts(**kwargs: Any) -> None:
    _request.read = {}


@receiver(request_finished)
def _request_ends(**kwargs: Any) -> None:
    _request.read = None


def generations(*names: str) -> tuple[int, ...]:
    """The generations of `names`' data now: all of them in one query, which a request
    makes once (and again after it raised one). Outside a request, read every time."""
    read = _request.read
    if read is None or any(name not in read for name in names):
        stored = dict(Generation.objects.values_list("name", "value"))
        found = dict.fromkeys(_NAMES + names, 0) | stored
        if read is None:
            read = found
        else:
            read.update(found)
    return tuple(read.get(name, 0) for name in names)


def generation_raise(name: str) -> None:
    """`name`'s data changes: a new generation, in the change's transaction. The request
    that made the change reads the generations again."""
    value = secrets.randbits(62) + 1
    if not Generation.objects.filter(name=name).update(value=value):
        Generation.objects.update_or_create(name=name, defaults={"value": value})
    if _request.read is not None:
        _request.read.clear()


_remembered: OrderedDict[str, Any] = OrderedDict()
_remembered_lock = threading.Lock()


def remembered(key: Kept, build: Callable[[], T]) -> T:
    """The value `build` draws from what `key` holds, remembered by this process (a worker
    of gunicorn) for the next request asking with the same key: nothing is pickled, so the
    value is shared; the caller changes nothing in it. The least used go first."""
    with _remembered_lock:
        if key.key in _remembered:
            _remembered.move_to_end(key.key)
            return _remembered[key.key]  # type: ignore[no-any-return]
    value = build()
    with _remembered_lock:
        _remembered[key.key] = value
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    return value


def forget_all() -> None:
    """Drop what this process remembers (the tests, between two databases)."""
    with _remembered_lock:
        _remembered.clear()
