"""The user's own API tokens page: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django.http import HttpResponse

from xhht.accounts.http import AuthenticatedHttpRequest


def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    raise NotImplementedError


def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
