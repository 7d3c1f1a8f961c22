"""Asking for a password reset answers the same for an address with an account and one
without, whether or not the mail server is up: it never tells who has an account, and a
mail server that is down is logged, never a 500."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas
from tests.mail import Mailbox, free_port

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
SENT = reverse("accounts:password_reset_done")
UNKNOWN = "nobody@example.test"


def ask(email: str) -> tuple[int, str]:
    response = Client().post(RESET, {"email": email})
    return response.status_code, response.get("Location", "")


def test_a_known_address_gets_the_link(personas: Personas, smtp_server: Mailbox) -> None:
    email = personas.halong_officer.email
    assert ask(email) == (302, SENT)
    [message] = smtp_server.to(email)
    assert "/accounts/password/reset/" in Mailbox.text_of(message)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    personas: Personas, smtp_server: Mailbox
) -> None:
    assert ask(UNKNOWN) == ask(personas.halong_officer.email) == (302, SENT)
    assert smtp_server.to(UNKNOWN) == []


def test_a_mail_server_that_is_down_is_logged_and_not_shown(
    personas: Personas, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with caplog.at_level(logging.ERROR, logger="xhht.accounts.forms"):
        assert ask(personas.halong_officer.email) == ask(UNKNOWN) == (302, SENT)
    assert "password reset mail" in caplog.text


def test_the_sent_page_says_the_same_for_everybody() -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(SENT).content.decode()
    assert "If an account has this address, a link to choose a new password is on its way." in html
