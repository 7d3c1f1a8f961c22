"""Login throttling (django-axes): after five wrong passwords for a user name from one
address, that pair is locked out for the cool-off, right password or not, on the site's
login and the admin's; the lock lifts by itself after the cool-off, or by the admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, Personas, Response

pytestmark = pytest.mark.django_db

SITE_LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def log_in(client: Client, url: str, username: str, password: str) -> Response:
    return client.post(url, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(client: Client, url: str, username: str, times: int) -> None:
    for _ in range(times):
        log_in(client, url, username, "wrong password")
    assert not logged_in(client)


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "admin"])
def test_thirty_wrong_passwords_lock_out_even_the_right_one(personas: Personas, url: str) -> None:
    client = english()
    username = personas.administrator.username
    fail(client, url, username, 30)
    response = log_in(client, url, username, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "Logging in is locked" in html
    assert "After 5 wrong passwords in a row" in html
    assert "Try again in 15 minutes" in html


def test_four_wrong_passwords_do_not_lock_out(personas: Personas) -> None:
    client = english()
    username = personas.halong_officer.username
    fail(client, SITE_LOGIN, username, 4)
    response = log_in(client, SITE_LOGIN, username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_lock_is_on_one_user_name_from_one_address(personas: Personas) -> None:
    fail(english(), SITE_LOGIN, personas.halong_officer.username, 5)
    other_name = english()
    assert (
        log_in(other_name, SITE_LOGIN, personas.mongcai_officer.username, PASSWORD).status_code
        == 302
    )
    other_address = Client(REMOTE_ADDR="10.0.0.7")
    response = log_in(other_address, SITE_LOGIN, personas.halong_officer.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(other_address)


def test_the_lock_lifts_after_the_cool_off(personas: Personas) -> None:
    client = english()
    username = personas.halong_officer.username
    fail(client, SITE_LOGIN, username, 5)
    assert log_in(client, SITE_LOGIN, username, PASSWORD).status_code == 429
    # The attempts as if made sixteen minutes ago: the cool-off (15 minutes) is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, SITE_LOGIN, username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_administrator_lifts_a_lock(personas: Personas) -> None:
    client = english()
    username = personas.halong_officer.username
    fail(client, SITE_LOGIN, username, 5)
    call_command("axes_reset_username", username)
    assert log_in(client, SITE_LOGIN, username, PASSWORD).status_code == 302


def test_the_lock_out_page_speaks_vietnamese_by_default(personas: Personas) -> None:
    client = Client()
    fail(client, SITE_LOGIN, personas.halong_officer.username, 5)
    response = log_in(client, SITE_LOGIN, personas.halong_officer.username, PASSWORD)
    assert response.status_code == 429
    assert 'lang="vi"' in response.content.decode()
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
