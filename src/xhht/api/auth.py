"""Bearer tokens: the token acts as its user; a read-only token may only read."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja.security import HttpBearer

from xhht.accounts.models import User
from xhht.api.errors import ApiError
from xhht.api.tokens import token_holder

READ_ONLY = gettext_noop("This token is read-only: it may not change anything.")
_SAFE = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = token_holder(token)
        if found is None:
            return None
        if found.read_only and request.method not in _SAFE:
            raise ApiError(403, _(READ_ONLY), code="read_only_token")
        request.user = found.user
        return found.user


def user_of(request: HttpRequest) -> User:
    """The authenticated user of a route (the auth above ran)."""
    user: Any = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
