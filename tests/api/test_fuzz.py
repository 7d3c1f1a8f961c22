"""The API fuzzed against its own description (schemathesis), with each role's token: no
answer is a 5xx, every answer has a documented status, content type and shape.

Bounded: a few examples per operation and role (XHHT_API_FUZZ_EXAMPLES, 10 by default),
valid and invalid inputs alike,
no shrinking beyond Hypothesis's default, no deadline (this machine is shared)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Personas
from tests.reports.factories import report_obligation, seed_campaign
from xhht.accounts.models import User
from xhht.api.tokens import token_create
from xhht.reports.editing import report_open

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("XHHT_API_FUZZ_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = [
    "province_officer",
    "halong_officer",
    "commune_officer_of_bai_chay",
    "home_affairs_officer",
    "viewer",
]


def fuzz(user: User, ids: list[int]) -> list[str]:
    """Each operation with generated inputs, path ids drawn from real ones now and then;
    the failures, each named by its operation."""
    _, raw = token_create(user=user, name="fuzz", read_only=False)
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures: list[str] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        ids_given = st.sampled_from(ids) | st.integers(min_value=1, max_value=2**31 - 1)

        cases = operation.as_strategy() | operation.as_strategy(GenerationMode.NEGATIVE)

        @given(case=cases, real=ids_given)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any, real: int) -> None:
            for name in ("pk", "campaign_id", "obligation_id"):
                if case.path_parameters and name in case.path_parameters:
                    case.path_parameters[name] = real
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            check()
        except Exception as error:  # every failing operation is reported
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    return failures


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which ends
    the test's transaction; Django's own test client keeps it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("connection_kept")
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_within_the_description(personas: Personas, role: str) -> None:
    campaign = seed_campaign()
    opened = report_open(obligation=report_obligation(campaign, "06673"), user=None)
    ids = [campaign.pk, opened.obligation_id, report_obligation(campaign, "193").pk]
    failures = fuzz(getattr(personas, role), ids)
    assert not failures, "\n\n".join(failures)
