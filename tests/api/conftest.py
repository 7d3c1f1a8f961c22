"""API clients: a real token per user, sent as the Bearer header."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from xhht.accounts.models import User
from xhht.api.tokens import token_create


class ApiClient:
    """A Django test client that sends `user`'s new token with every call."""

    def __init__(self, user: User | None, *, read_only: bool = False, raw: str = "") -> None:
        if user is not None and not raw:
            _, raw = token_create(user=user, name="tests", read_only=read_only)
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}
        self.client = Client()

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        call = getattr(self.client, method.lower())
        data = json.dumps(body) if body is not None and not isinstance(body, str) else body
        return call(path, data, content_type="application/json", headers=self.headers, **extra)

    def post(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self.send("post", path, body, **extra)

    def put(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self.send("put", path, body, **extra)


def api_client(user: User | None, *, read_only: bool = False) -> ApiClient:
    return ApiClient(user, read_only=read_only)
