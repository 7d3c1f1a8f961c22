"""Production settings: behind HTTPS (XHHT_HTTPS=1, XHHT_DEBUG=0) `check --deploy` finds
nothing to warn about; every page carries a Content-Security-Policy that allows only the
site's own scripts; a database connection lives no longer than its request unless asked."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from xhht.orgunits.models import OrgUnit

SHOW_SETTINGS = """
import json
from django.conf import settings
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE",
         "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER"]
shown = {name: getattr(settings, name) for name in names}
shown["database"] = settings.DATABASES["default"]
print(json.dumps(shown, default=str))
"""


def xhht(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`xhht *args` in production mode (a fresh secret, no XHHT_DEBUG) with `env` added."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k != "DJANGO_SETTINGS_MODULE" and not k.startswith(("XHHT_HTTPS", "XHHT_SECURE"))
    }
    base |= {
        "XHHT_DEBUG": "0",
        "XHHT_SECRET_KEY": secrets.token_urlsafe(64),
        "XHHT_DATABASE_URL": f"sqlite:///{tmp_path / 'xhht.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "xhht", *args],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_of(tmp_path: Path, **env: str) -> dict[str, object]:
    shown = xhht(tmp_path, "shell", "-c", SHOW_SETTINGS, **env)
    assert shown.returncode == 0, shown.stderr
    result: dict[str, object] = json.loads(shown.stdout.strip().splitlines()[-1])
    return result


def test_behind_https_check_deploy_warns_of_nothing(tmp_path: Path) -> None:
    checked = xhht(tmp_path, "check", "--deploy", "--fail-level", "WARNING", XHHT_HTTPS="1")
    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_without_https_check_deploy_says_what_is_missing(tmp_path: Path) -> None:
    checked = xhht(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in checked.stderr


def test_https_turns_on_redirect_hsts_and_secure_cookies(tmp_path: Path) -> None:
    shown = settings_of(tmp_path, XHHT_HTTPS="1", XHHT_PROXY_SSL_HEADER="1")
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 31_536_000
    assert shown["SESSION_COOKIE_SECURE"] is shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    each_off = settings_of(tmp_path, XHHT_HTTPS="1", XHHT_SSL_REDIRECT="0", XHHT_HSTS_SECONDS="0")
    assert each_off["SECURE_SSL_REDIRECT"] is False
    assert each_off["SECURE_HSTS_SECONDS"] == 0
    assert each_off["SECURE_PROXY_SSL_HEADER"] is None


def test_debug_never_turns_on_https(tmp_path: Path) -> None:
    shown = settings_of(tmp_path, XHHT_HTTPS="1", XHHT_DEBUG="1")
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("env", "age"),
    [({}, 0), ({"XHHT_DB_CONN_MAX_AGE": "30"}, 30)],
    ids=["default", "asked for"],
)
def test_a_postgresql_connection_lives_no_longer_than_its_request_unless_asked(
    tmp_path: Path, env: dict[str, str], age: int
) -> None:
    url = "postgresql://xhht:secret@127.0.0.1:1/xhht"
    shown = settings_of(tmp_path, XHHT_DATABASE_URL=url, **env)
    database = shown["database"]
    assert isinstance(database, dict)
    assert database["CONN_MAX_AGE"] == age
    assert database["CONN_HEALTH_CHECKS"] is (age > 0)


@pytest.mark.parametrize(
    ("env", "options"),
    [
        ({}, {"server_side_binding": True, "prepare_threshold": 5}),
        ({"XHHT_DB_PREPARED": "0"}, {}),
    ],
    ids=["default", "behind an old pooler"],
)
def test_postgresql_prepares_the_queries_a_connection_repeats(
    tmp_path: Path, env: dict[str, str], options: dict[str, object]
) -> None:
    url = "postgresql://xhht:secret@127.0.0.1:1/xhht"
    database = settings_of(tmp_path, XHHT_DATABASE_URL=url, **env)["database"]
    assert isinstance(database, dict)
    assert database.get("OPTIONS", {}) == options


@pytest.mark.django_db
def test_a_query_run_five_times_is_prepared_on_postgresql() -> None:
    """On the PostgreSQL run, the connection itself: the sixth run of a query finds it
    among the connection's prepared statements, and answers as the first did."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%orgunits_orgunit%"],
            )
            return int(cursor.fetchone()[0])

    before = prepared()
    answers = [OrgUnit.objects.filter(code=f"PREP{n % 2}").count() for n in range(6)]
    assert answers == [0] * 6
    assert prepared() > before


def test_a_sqlite_file_is_kept_open_as_long_as_asked(tmp_path: Path) -> None:
    """gunicorn's workers (make run) keep their SQLite connection, as they keep PostgreSQL's."""
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    kept = settings_of(tmp_path, XHHT_DATABASE_URL=url, XHHT_DB_CONN_MAX_AGE="60")["database"]
    plain = settings_of(tmp_path, XHHT_DATABASE_URL=url)["database"]
    assert isinstance(kept, dict) and isinstance(plain, dict)
    assert (kept["CONN_MAX_AGE"], plain["CONN_MAX_AGE"]) == (60, 0)
    assert kept["CONN_HEALTH_CHECKS"] is False


def test_a_bad_connection_age_is_refused(tmp_path: Path) -> None:
    refused = xhht(tmp_path, "check", XHHT_DB_CONN_MAX_AGE="-1")
    assert refused.returncode != 0
    assert "XHHT_DB_CONN_MAX_AGE" in refused.stderr


def test_sqlite_transactions_begin_immediate_in_wal_mode(tmp_path: Path) -> None:
    database = settings_of(tmp_path)["database"]
    assert isinstance(database, dict)
    assert database["OPTIONS"] == {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }


@pytest.mark.django_db
def test_pages_allow_only_their_own_scripts() -> None:
    response = Client().get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_the_served_application_leaves_what_django_loaded_out_of_the_collectors_walks(
    tmp_path: Path,
) -> None:
    """gunicorn's workers load xhht.wsgi: Django's own objects are frozen once it is ready,
    and the application answers all the same."""
    shown = xhht(
        tmp_path,
        "shell",
        "-c",
        "import gc, xhht.wsgi; print(gc.get_freeze_count(), callable(xhht.wsgi.application))",
    )
    assert shown.returncode == 0, shown.stderr
    frozen, answers = shown.stdout.split()[-2:]
    assert int(frozen) > 10_000 and answers == "True"
