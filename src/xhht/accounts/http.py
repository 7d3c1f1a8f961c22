"""The request a view behind `login_required` receives: its user is the project's User."""

from __future__ import annotations

from django.http import HttpRequest

from xhht.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """For type checking: `request.user` is an authenticated `User`, never AnonymousUser."""

    user: User
