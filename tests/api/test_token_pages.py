"""The API tokens pages: a token made on the page works once copied, is shown only on the
answer and kept only as its digest; revoking needs a ticked box; another user's token is
404; every change is audited."""

from __future__ import annotations

import unicodedata

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from tests.api.conftest import ApiClient
from tests.conftest import Personas, Response, assert_sent_to_log_in, client_for
from xhht.accounts.models import User
from xhht.api.models import ApiToken
from xhht.api.tokens import digest_of, token_create
from xhht.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

TOKENS = reverse("tokens:tokens")
# A write the API refuses to a read-only token before it looks at what is asked.
WRITE = "/api/obligations/0/report"


def made(client: Client, name: str = "Công cụ thống kê", *, read_only: bool = False) -> Response:
    data = {"name": name, **({"read_only": "on"} if read_only else {})}
    return client.post(TOKENS, data)


def raw_of(answer: Response) -> str:
    raw: str = answer.context["raw"]
    return raw


def revoke_url(token: ApiToken) -> str:
    return reverse("tokens:revoke", args=[token.pk])


def state_of(user: User) -> tuple[list[tuple[int, bool]], int]:
    """The user's tokens (id, active) and the number of audit entries: what a GET leaves."""
    tokens = [(t.pk, t.is_active) for t in ApiToken.objects.filter(user=user).order_by("pk")]
    return tokens, AuditEntry.objects.count()


def test_a_token_made_on_the_page_works_on_the_api(personas: Personas) -> None:
    user = personas.halong_officer
    answer = made(client_for(user))
    assert answer.status_code == 200
    assert "api/token_made.html" in [t.name for t in answer.templates]
    api = ApiClient(None, raw=raw_of(answer))
    me = api.get("/api/me")
    assert me.status_code == 200 and me.json()["username"] == user.get_username()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Công cụ thống kê" and not token.read_only
    entry = AuditEntry.objects.get(action="api.token_created")
    assert entry.user == user


def test_the_token_is_shown_once_and_kept_only_as_its_digest(personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    answer = made(client)
    raw = raw_of(answer)
    page = answer.content.decode()
    assert page.count(raw) == 1
    assert "sẽ không được hiển thị lại" in page
    assert "Authorization: Bearer" in page
    assert "no-store" in answer["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.digest == digest_of(raw) and raw.startswith(token.prefix)
    assert all(raw not in str(value) for value in token.__dict__.values())
    assert all(raw not in str(s.get_decoded()) for s in Session.objects.all())
    listed = client.get(TOKENS)
    assert listed.status_code == 200
    assert raw not in listed.content.decode()
    assert f"{token.prefix}…" in listed.content.decode()
    assert "Công cụ thống kê" in listed.content.decode()


def test_the_list_shows_each_token_with_its_dates(personas: Personas) -> None:
    user = personas.halong_officer
    token, raw = token_create(user=user, name="Bảng tính của phòng", read_only=True)
    ApiClient(None, raw=raw).get("/api/me")
    token.refresh_from_db()
    assert token.last_used_at is not None
    page = client_for(user).get(TOKENS).content.decode()
    assert "Bảng tính của phòng" in page
    assert "Chỉ đọc" in page and "Có" in page
    assert localtime(token.created_at).strftime("%d/%m/%Y %H:%M") in page
    assert localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") in page
    assert revoke_url(token) in page


def test_the_page_says_where_the_api_is_described(personas: Personas) -> None:
    page = client_for(personas.commune_officer_of_bai_chay).get(TOKENS).content.decode()
    assert 'href="/api/openapi.json"' in page and 'href="/api/docs"' in page
    assert "Mã chỉ đọc chỉ được đọc" in page


def test_the_menu_leads_to_the_tokens_page(personas: Personas) -> None:
    page = client_for(personas.viewer).get(reverse("site:home")).content.decode()
    assert f'href="{TOKENS}"' in page and "Mã truy cập API" in page


def test_a_read_only_token_made_on_the_page_may_not_write(personas: Personas) -> None:
    answer = made(client_for(personas.halong_officer), read_only=True)
    assert ApiToken.objects.get().read_only
    api = ApiClient(None, raw=raw_of(answer))
    assert api.get("/api/me").status_code == 200
    refused = api.post(WRITE, {})
    assert refused.status_code == 403 and refused.json()["code"] == "read_only_token"


def test_the_name_is_stored_in_nfc_without_its_spaces(personas: Personas) -> None:
    name = unicodedata.normalize("NFD", "Công cụ của Hạ Long")
    made(client_for(personas.halong_officer), f"  {name}  ")
    assert ApiToken.objects.get().name == "Công cụ của Hạ Long"


def test_a_long_name_is_measured_in_nfc(personas: Personas) -> None:
    name = unicodedata.normalize("NFD", "ệ" * 100)
    assert len(name) > 100
    assert made(client_for(personas.halong_officer), name).status_code == 200
    assert ApiToken.objects.get().name == "ệ" * 100


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Hãy đặt tên cho mã"),
        ("   ", "Hãy đặt tên cho mã"),
        ("x" * 101, "Tên dài tối đa 100 ký tự (tên này có 101 ký tự)."),
    ],
)
def test_a_missing_or_too_long_name_is_refused_at_the_field(
    personas: Personas, name: str, message: str
) -> None:
    answer = made(client_for(personas.halong_officer), name)
    assert answer.status_code == 400
    assert answer.context["form"].errors["name"]
    page = answer.content.decode()
    assert message in page
    assert 'class="field has-error"' in page
    assert not ApiToken.objects.exists() and not AuditEntry.objects.exists()


def test_revoking_asks_first_and_needs_the_box_ticked(personas: Personas) -> None:
    user = personas.halong_officer
    token, raw = token_create(user=user, name="Công cụ", read_only=False)
    client = client_for(user)
    before = state_of(user)
    asked = client.get(revoke_url(token))
    assert asked.status_code == 200
    assert "không thể hoàn tác" in asked.content.decode()
    assert state_of(user) == before
    refused = client.post(revoke_url(token), {})
    assert refused.status_code == 400
    assert "Hãy đánh dấu ô để xác nhận" in refused.content.decode()
    assert state_of(user) == before
    assert ApiClient(None, raw=raw).get("/api/me").status_code == 200


def test_a_ticked_box_revokes_the_token_for_good(personas: Personas) -> None:
    user = personas.halong_officer
    token, raw = token_create(user=user, name="Công cụ", read_only=False)
    client = client_for(user)
    answer = client.post(revoke_url(token), {"confirm": "on"})
    assert answer.status_code == 302 and answer["Location"] == TOKENS
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(None, raw=raw).get("/api/me").status_code == 401
    entry = AuditEntry.objects.get(action="api.token_revoked")
    assert entry.user == user
    page = client.get(TOKENS).content.decode()
    assert "Mã “Công cụ” đã được thu hồi." in page
    assert revoke_url(token) not in page
    again = client.get(revoke_url(token)).content.decode()
    assert "Mã này đã bị thu hồi lúc" in again and 'name="confirm"' not in again
    client.post(revoke_url(token), {"confirm": "on"})
    assert AuditEntry.objects.filter(action="api.token_revoked").count() == 1


def test_another_users_token_is_404(personas: Personas) -> None:
    token, _ = token_create(user=personas.halong_officer, name="Công cụ", read_only=False)
    for persona in ("mongcai_officer", "province_officer", "administrator"):
        client = client_for(personas.of(persona))
        assert client.get(revoke_url(token)).status_code == 404, persona
        assert client.post(revoke_url(token), {"confirm": "on"}).status_code == 404, persona
    token.refresh_from_db()
    assert token.is_active and not AuditEntry.objects.filter(action="api.token_revoked")
    page = client_for(personas.mongcai_officer).get(TOKENS).content.decode()
    assert token.prefix not in page


def test_an_unknown_token_is_404(personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    assert client.get(reverse("tokens:revoke", args=[987654])).status_code == 404


def test_the_anonymous_visitor_is_sent_to_log_in(personas: Personas) -> None:
    token, _ = token_create(user=personas.halong_officer, name="Công cụ", read_only=False)
    assert_sent_to_log_in(TOKENS)
    assert_sent_to_log_in(revoke_url(token))
    posted = Client().post(revoke_url(token), {"confirm": "on"})
    assert posted.status_code == 302
    assert Client().post(TOKENS, {"name": "x"}).status_code == 302
    token.refresh_from_db()
    assert token.is_active and ApiToken.objects.count() == 1


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(personas: Personas, method: str) -> None:
    token, _ = token_create(user=personas.halong_officer, name="Công cụ", read_only=False)
    client = client_for(personas.halong_officer)
    for url in (TOKENS, revoke_url(token)):
        assert getattr(client, method)(url).status_code == 405, url
