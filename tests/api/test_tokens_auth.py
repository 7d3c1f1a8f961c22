"""Tokens: shown once, stored hashed, revoked for good; no token, a bad one or a revoked one
answers 401 in the API's one error shape; a read-only token may not write."""

from __future__ import annotations

import pytest
from django.templatetags.static import static

from tests.api.conftest import ApiClient, api_client
from tests.conftest import Personas
from xhht.api.models import ApiToken
from xhht.api.tokens import digest_of, token_create, token_revoke
from xhht.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_token_is_kept_only_as_its_digest_and_acts_as_its_user(personas: Personas) -> None:
    user = personas.halong_officer
    token, raw = token_create(user=user, name="Công cụ của huyện", read_only=False)
    assert raw.startswith("xhht_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == digest_of(raw) and raw not in str(stored.__dict__.values())
    assert raw.startswith(stored.prefix)
    answer = ApiClient(None, raw=raw).get("/api/me")
    assert answer.status_code == 200
    assert answer.json()["username"] == user.get_username()
    assert user.unit is not None and answer.json()["unit"] == user.unit.code
    assert AuditEntry.objects.filter(action="api.token_created", user=user).count() == 1


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer xhht_nothing", "Basic abc", "xhht_x"])
def test_no_token_or_a_bad_one_is_401_in_the_error_shape(header: str) -> None:
    client = ApiClient(None)
    if header:
        client.headers = {"Authorization": header}
    answer = client.get("/api/me")
    assert answer.status_code == 401
    body = answer.json()
    assert body["code"] == "unauthenticated"
    assert "Authorization: Bearer" in body["message"]
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_and_an_inactive_users_token_answer_401(personas: Personas) -> None:
    user = personas.halong_officer
    token, raw = token_create(user=user, name="x", read_only=False)
    assert ApiClient(None, raw=raw).get("/api/me").status_code == 200
    token_revoke(token=token, user=user)
    assert ApiClient(None, raw=raw).get("/api/me").status_code == 401
    assert AuditEntry.objects.filter(action="api.token_revoked").count() == 1
    _, other = token_create(user=user, name="y", read_only=False)
    user.is_active = False
    user.save()
    assert ApiClient(None, raw=other).get("/api/me").status_code == 401


def test_the_description_and_the_docs_are_served_from_the_package(client: object) -> None:
    from django.test import Client

    anonymous = Client()
    schema = anonymous.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "XHHT API"
    docs = anonymous.get("/api/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    # Its name as the site serves it: hashed once `make run` has collected the files.
    assert static("ninja/swagger-ui-bundle.js") in page and "cdn" not in page.lower()


def test_a_read_only_token_may_read_and_not_write(personas: Personas) -> None:
    reader = api_client(personas.halong_officer, read_only=True)
    assert reader.get("/api/me").status_code == 200
    answer = reader.post("/api/dataValueSets", {"dataValues": []})
    assert answer.status_code == 403
    assert answer.json()["code"] == "read_only_token"


def test_an_unknown_address_and_a_wrong_method_answer_in_the_error_shape(
    personas: Personas,
) -> None:
    client = api_client(personas.halong_officer)
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong = client.post("/api/me", {})
    assert wrong.status_code == 405 and wrong.json()["code"] == "method_not_allowed"
    assert "GET" in wrong.json()["message"] and wrong.headers["Allow"] == "GET"
