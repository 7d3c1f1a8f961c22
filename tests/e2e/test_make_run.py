"""`make run` on a fresh var/ serves the site with the tree loaded and an administrator."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from datetime import datetime

import pytest

from tests.e2e.conftest import Site
from xhht.kernel import clock

pytestmark = pytest.mark.e2e


def test_make_run_serves_the_login_page_in_vietnamese(site: Site) -> None:
    with urllib.request.urlopen(site.base_url + "/accounts/login/") as response:
        page = response.read().decode()
    assert response.status == 200
    assert "Đăng nhập" in page
    assert "tạo mới 201" in site.output.read_text()
    with urllib.request.urlopen(site.base_url + "/static/xhht/xhht.css") as response:
        assert response.status == 200
        assert b".site-header" in response.read()


def test_the_printed_administrator_password_logs_in(site: Site) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(site.base_url + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": "admin",
            "password": site.admin_password,
        }
    ).encode()
    request = urllib.request.Request(
        site.base_url + "/accounts/login/", data=form, headers={"Referer": site.base_url}
    )
    with opener.open(request) as response:
        assert response.status == 200
        assert response.url.rstrip("/") == site.base_url
    with opener.open(site.base_url + "/admin/orgunits/orgunit/?level__exact=commune") as response:
        assert "186" in response.read().decode() or response.status == 200


def test_the_served_site_stands_on_the_tests_instant(site: Site) -> None:
    with urllib.request.urlopen(site.base_url + "/healthz") as response:
        page = response.read().decode()
    found = re.search(r"clock: (\S+)", page)
    assert found, page
    served = datetime.fromisoformat(found.group(1))
    assert abs((served - clock.now()).total_seconds()) < 60
    assert served.hour < 7


def test_make_run_serves_with_gunicorn_and_static_files_keep_a_year(site: Site) -> None:
    with urllib.request.urlopen(site.base_url + "/accounts/login/") as response:
        assert response.headers["Server"].startswith("gunicorn")
        page = response.read().decode()
    hashed = re.search(r'href="(/static/xhht/xhht\.[0-9a-f]{12}\.css)"', page)
    assert hashed, "the page links the stylesheet by its content's hash"
    request = urllib.request.Request(
        site.base_url + hashed.group(1), headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert response.headers["Content-Encoding"] == "gzip"
