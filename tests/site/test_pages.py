"""Home and unit pages: what each user sees of its tree, in Vietnamese and English."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for, unit

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_province_home_counts_its_whole_tree(personas: Personas) -> None:
    response = client_for(personas.province_officer).get(reverse("site:home"))
    page = text_of(response.content.decode())
    assert "Tỉnh Quảng Ninh" in page
    assert "Phường 61" in page
    assert "Thị trấn 10" in page
    assert "Xã 115" in page
    assert "Cấp huyện 14" in page
    assert "Cấp xã 186" in page
    assert "Cơ quan thành viên 17" in page
    assert page.count("Thành phố ") >= 4  # the four cities listed as children


def test_a_unit_page_shows_its_parents_and_children(personas: Personas) -> None:
    halong = unit("193")
    page = text_of(
        client_for(personas.province_officer)
        .get(reverse("site:unit", args=[halong.pk]))
        .content.decode()
    )
    assert "Tỉnh Quảng Ninh › Thành phố Hạ Long" in page
    assert "Phường Bãi Cháy" in page
    assert "12/2012" not in page and "22/02/2012" in page  # dates as dd/mm/yyyy


def test_the_language_switch_gives_english_pages(personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    assert "Đăng xuất" in client.get(reverse("site:home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("site:home")).content.decode()
    assert "Log out" in page and "Đăng xuất" not in page


def test_the_log_in_button_is_the_login_pages_first_button(db: None) -> None:
    """The language switch sits after the page's own forms: the first button a keyboard or
    a screen reader meets on the login page is "Đăng nhập"."""
    from django.test import Client

    page = Client().get(reverse("accounts:login")).content.decode()
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", page, re.S)
    assert buttons[0].strip() == "Đăng nhập" and buttons[-1].strip() == "Tiếng Anh"


def test_pages_fetch_nothing_from_the_internet(personas: Personas) -> None:
    page = client_for(personas.province_officer).get(reverse("site:home")).content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_pages_fit_a_phone(personas: Personas) -> None:
    page = client_for(personas.province_officer).get(reverse("site:home")).content.decode()
    assert 'name="viewport" content="width=device-width' in page


def test_healthz_answers_200_when_the_database_answers(db: None) -> None:
    from django.test import Client

    response = Client().get("/healthz")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-folder/xhht.sqlite3",
        "postgres://xhht@127.0.0.1:9/xhht?connect_timeout=2",
    ],
)
def test_healthz_answers_503_when_the_database_does_not(url: str) -> None:
    script = (
        "import django, os; django.setup();"
        "from django.test import Client;"
        "print(Client().get('/healthz').status_code)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "xhht.settings",
        "XHHT_SECRET_KEY": "t",
        "XHHT_DATABASE_URL": url,
        "XHHT_ALLOWED_HOSTS": "testserver",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "503", result.stderr


def test_pages_open_in_vietnamese_whatever_the_browser_asks(personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng xuất" in response.content.decode()
    assert response["Content-Language"] == "vi"
