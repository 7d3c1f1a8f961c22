"""The description itself: served without a token, every operation documents its errors in
the one shape, and no two schemas share a name (OpenAPI would keep only one of them)."""

from __future__ import annotations

from collections import Counter

from django.test import Client
from ninja import Schema

import xhht.api.api  # noqa: F401 - every route module imported


def subclasses(cls: type) -> list[type]:
    found: list[type] = []
    direct: list[type] = cls.__subclasses__()
    for sub in direct:
        found += [sub, *subclasses(sub)]
    return found


def test_no_two_schemas_of_xhht_share_a_name() -> None:
    ours = [c for c in subclasses(Schema) if c.__module__.startswith("xhht.")]
    twice = [name for name, n in Counter(c.__name__ for c in ours).items() if n > 1]
    assert len(ours) > 20 and not twice


def test_every_operation_documents_401_and_its_errors_in_the_one_shape(db: None) -> None:
    description = Client().get("/api/openapi.json").json()
    operations = [
        (method, path, operation)
        for path, methods in description["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 18
    for method, path, operation in operations:
        answers = operation["responses"]
        assert "401" in answers, (method, path)
        shape = answers["401"]["content"]["application/json"]["schema"]["$ref"]
        assert shape.endswith("/ErrorOut"), (method, path)
        assert operation.get("security"), (method, path)
