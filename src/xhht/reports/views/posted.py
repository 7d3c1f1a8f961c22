"""Reading the id of the object a posted button acts on."""

from __future__ import annotations

from django.http import Http404, HttpRequest


def posted_id(request: HttpRequest, name: str) -> int:
    """The whole number posted as `name`; 404 when it is missing or not a number (a
    hand-made request), as for an id that names nothing."""
    text = request.POST.get(name, "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise Http404
    return int(text)
