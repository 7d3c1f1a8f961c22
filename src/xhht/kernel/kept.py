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
"""

from __future__ import annotations

import hashlib
import pickle
import secrets
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from xhht.kernel.models import Generation

DIRECTORY = "directory"  # units (names, places, contacts) and users (names, contacts)
INDICATORS = "indicators"  # indicators, their targets, the campaigns' report templates
KEPT_SECONDS = 600  # a part not asked for again within this is dropped


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


def generations(*names: str) -> tuple[int, ...]:
    """The generations of `names`' data now, in one query."""
    found = dict(Generation.objects.filter(name__in=names).values_list("name", "value"))
    return tuple(found.get(name, 0) for name in names)


def generation_raise(name: str) -> None:
    """`name`'s data changes: a new generation, in the change's transaction."""
    value = secrets.randbits(62) + 1
    if not Generation.objects.filter(name=name).update(value=value):
        Generation.objects.update_or_create(name=name, defaults={"value": value})
