"""Onboarding a whole tree: a sheet of one-time passwords, or e-mailed invitations."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.conftest import Personas, Response, client_for, unit
from tests.mail import Mailbox
from xhht.accounts.models import Role, User
from xhht.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


def onboard(client: Client, code: str, mode: str) -> Response:
    return client.post(
        reverse("accounts:onboarding", args=[unit(code).pk]), {"mode": mode, "confirm": "on"}
    )


def sheet_of(response: Response) -> Worksheet:
    """The first sheet of the workbook `response` serves."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def test_the_province_gets_a_sheet_of_accounts_for_every_unit(personas: Personas) -> None:
    response = onboard(client_for(personas.province_officer), "22", "sheet")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = sheet_of(response)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # 201 units + 17 agencies, less the 6 units whose personas already have accounts
    assert len(rows) == 201 + 17 - 6
    by_code = {row[0]: row for row in rows}
    _code, name, _level, username, password = by_code["06661"]
    assert name == "Phường Giếng Đáy"
    assert username == "xa-06661"
    user = User.objects.get(username=username)
    assert user.role == Role.COMMUNE and user.unit == unit("06661")
    assert user.must_change_password
    assert authenticate(RequestFactory().post("/"), username=username, password=password) == user
    assert by_code["SKHDT"][3] == "skhdt"
    assert User.objects.get(username="huyen-195").role == Role.DISTRICT


def test_onboarding_twice_only_fills_the_gaps(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    onboard(client, "22", "sheet")
    count = User.objects.count()
    response = client.get(reverse("accounts:onboarding", args=[unit("22").pk]))
    assert "0 đơn vị" in response.content.decode()
    assert User.objects.count() == count


def test_onboarding_needs_the_confirmation(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    before = User.objects.count()
    response = client.post(reverse("accounts:onboarding", args=[unit("22").pk]), {"mode": "sheet"})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert User.objects.count() == before


def test_a_one_time_password_must_be_changed_at_first_log_in(personas: Personas) -> None:
    response = onboard(client_for(personas.province_officer), "193", "sheet")
    sheet = sheet_of(response)
    codes = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert "06673" not in codes  # Bãi Cháy already had an account
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "06661")
    client = Client()
    assert (
        client.post(reverse("accounts:login"), {"username": row[3], "password": row[4]}).status_code
        == 302
    )
    response = client.get(reverse("site:home"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:password_change"
    )
    new = "Hoa-phuong-do-2013"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": row[4], "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get(reverse("site:home")).status_code == 200
    assert not User.objects.get(username=row[3]).must_change_password


def test_invitations_go_by_smtp_and_let_the_officer_set_a_password(
    personas: Personas,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    OrgUnit.objects.filter(code__in=["06661", "06664"], valid_from=unit("193").valid_from).update(
        contact_email="ubnd.xa@example.test"
    )
    OrgUnit.objects.filter(pk=unit("06664").pk).update(contact_email="hatu@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = onboard(client_for(personas.province_officer), "193", "invite")
    page = response.content.decode()
    assert "Đã gửi 2 thư mời" in page
    assert "chưa có e-mail liên hệ" in page  # the other communes are listed as not invited
    assert len(smtp_server.messages) == 2
    message = smtp_server.to("hatu@example.test")[0]
    assert "Phường Hà Tu" in str(message["Subject"])
    body = Mailbox.text_of(message)
    link = re.search(r"https?://\S+", body)
    assert link is not None
    client = Client()
    path = link.group(0).split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new = "Hoa-phuong-do-2013"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user = User.objects.get(unit=unit("06664"))
    assert authenticate(RequestFactory().post("/"), username=user.username, password=new) == user


def test_a_forgotten_password_is_reset_by_e_mail(personas: Personas, smtp_server: Mailbox) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "halong@example.test"})
    assert response.status_code == 302
    assert len(smtp_server.to("halong@example.test")) == 1
    assert "halong" in Mailbox.text_of(smtp_server.messages[0])
    Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert len(smtp_server.messages) == 1


def test_a_district_cannot_onboard(personas: Personas) -> None:
    before = User.objects.count()
    response = onboard(client_for(personas.halong_officer), "193", "sheet")
    assert response.status_code == 404
    assert User.objects.count() == before
