"""The seed directive parses to its expected answer, field by field."""

from __future__ import annotations

import pytest

from xhht.directives.parser import parse_file, parse_text

from .helpers import SEED_TEXT, norm, seed_expected, seed_text

PLAIN_FIELDS = [
    "number",
    "symbol",
    "date",
    "place",
    "subject",
    "recipients",
    "legal_refs",
    "data_cutoff",
    "deadlines",
    "quotas",
    "report_outline",
    "signer",
    "cc",
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, object]:
    return parse_file(SEED_TEXT).to_dict()


@pytest.mark.parametrize("field", PLAIN_FIELDS)
def test_seed_field_equals_expected(parsed: dict[str, object], field: str) -> None:
    assert norm(parsed[field]) == norm(seed_expected()[field])


def test_seed_issuer_equals_expected_ignoring_case(parsed: dict[str, object]) -> None:
    assert norm(parsed["issuer"], fold_case=True) == norm(seed_expected()["issuer"], fold_case=True)


def test_seed_tasks_equal_expected_with_headings_ignoring_case(
    parsed: dict[str, object],
) -> None:
    expected = seed_expected()["tasks"]
    got = parsed["tasks"]
    assert isinstance(got, list)
    assert [norm(t["agency"], fold_case=True) for t in got] == [
        norm(t["agency"], fold_case=True) for t in expected
    ]
    assert [norm(t["agencies"]) for t in got] == [norm(t["agencies"]) for t in expected]
    assert [norm(t["items"]) for t in got] == [norm(t["items"]) for t in expected]


def test_seed_has_exactly_the_keys_of_the_format(parsed: dict[str, object]) -> None:
    assert list(parsed) == list(seed_expected())


def test_seed_parses_the_same_from_text_and_file() -> None:
    assert parse_text(seed_text()).to_dict() == parse_file(SEED_TEXT).to_dict()
