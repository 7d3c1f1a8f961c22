"""The made-up corpus (tests/directives/corpus) and its scorer (tools/score_directives.py).

Checked here: the scorer can fail (an answer scores 1.0 against itself and less with a task
or a deadline dropped), every expected answer has the format's keys and shapes, and the
parser reads every corpus document without crashing. The parser's score is not asserted.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from xhht.directives.parser import parse_text
from xhht.directives.parser.reading import read_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "directives" / "corpus"
ISO_DAY = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
ISO_DAY_OR_MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
LEVELS = {"commune", "district", "province", "agency", None}


def _load_scorer() -> ModuleType:
    path = ROOT / "tools" / "score_directives.py"
    spec = importlib.util.spec_from_file_location("score_directives", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
KEYS: list[str] = list(scorer.KEYS)  # the format's keys, as the scorer reads them
CASES: list[tuple[Path, Path]] = scorer.find_cases([CORPUS])


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _ids() -> list[str]:
    return [text.stem for text, _ in CASES]


def _first_with(key: str, at_least: int) -> dict[str, Any]:
    for _, expected_path in CASES:
        data = _expected(expected_path)
        if len(data[key]) >= at_least:
            return data
    raise AssertionError(f"no corpus document with {at_least} {key}")


# The corpus itself


def test_the_corpus_is_large_and_has_documents_that_assign_nothing() -> None:
    assert len(CASES) >= 32
    empty = [
        t.stem for t, e in CASES if not _expected(e)["tasks"] and not _expected(e)["deadlines"]
    ]
    assert len(empty) >= 4, empty


@pytest.mark.parametrize(("text_path", "expected_path"), CASES, ids=_ids())
def test_expected_answer_has_every_key_and_valid_shapes(
    text_path: Path, expected_path: Path
) -> None:
    raw = expected_path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw)
    data = _expected(expected_path)
    assert list(data) == KEYS
    for key in ("number", "symbol", "place", "issuer", "subject"):
        assert data[key] is None or (isinstance(data[key], str) and data[key].strip())
    for key in ("date", "data_cutoff"):
        assert data[key] is None or ISO_DAY.match(data[key]), (key, data[key])
    assert data["date"] is not None and 2010 <= int(data["date"][:4]) <= 2021
    for key in ("recipients", "cc"):
        assert all(isinstance(item, str) and item.strip() for item in data[key])
    for ref in data["legal_refs"]:
        assert set(ref) == {"kind", "number", "date"} and ref["kind"] and ref["number"]
        assert ref["date"] is None or ISO_DAY.match(ref["date"])
    for deadline in data["deadlines"]:
        assert set(deadline) == {"date", "inclusive", "level", "applies_to"}
        assert ISO_DAY_OR_MONTH.match(deadline["date"]), deadline
        assert isinstance(deadline["inclusive"], bool) and deadline["level"] in LEVELS
        assert isinstance(deadline["applies_to"], str) and deadline["applies_to"].strip()
    for task in data["tasks"]:
        assert set(task) == {"agency", "agencies", "items"} and task["agency"].strip()
        assert task["agencies"] and all(isinstance(a, str) and a.strip() for a in task["agencies"])
        assert task["items"] and all(isinstance(i, str) and i.strip() for i in task["items"])
    for quota in data["quotas"]:
        assert set(quota) == {"who", "individuals", "collectives", "for"}
        assert all(
            quota[k] is None or isinstance(quota[k], int) for k in ("individuals", "collectives")
        )
    for item in data["report_outline"]:
        assert set(item) == {"title", "children"} and isinstance(item["children"], list)
    assert set(data["signer"]) == {"name", "capacity", "title"}


@pytest.mark.parametrize(("text_path", "expected_path"), CASES, ids=_ids())
def test_parser_never_crashes_on_a_corpus_document(text_path: Path, expected_path: Path) -> None:
    data = parse_text(read_document(text_path)).to_dict()
    assert list(data) == KEYS
    json.dumps(data, ensure_ascii=False)


# The scorer


@pytest.mark.parametrize(("text_path", "expected_path"), CASES, ids=_ids())
def test_an_expected_answer_scores_one_against_itself(text_path: Path, expected_path: Path) -> None:
    data = _expected(expected_path)
    score = scorer.score_document(text_path.stem, data, copy.deepcopy(data))
    assert all(value == 1.0 for value in score.fields.values()), score.fields
    assert (score.tasks.f1, score.deadlines.f1, score.deadline_dates.f1) == (1.0, 1.0, 1.0)
    assert score.invented == 0 and not score.missing and not score.extra


def test_a_dropped_task_lowers_the_task_recall() -> None:
    data = _first_with("tasks", 2)
    answer = copy.deepcopy(data)
    answer["tasks"].pop()
    score = scorer.score_document("drop", data, answer)
    assert score.tasks.precision == 1.0 and score.tasks.recall < 1.0
    assert score.fields["tasks"] < 1.0 and score.missing


def test_a_dropped_deadline_or_a_wrong_tier_lowers_the_deadline_score() -> None:
    data = _first_with("deadlines", 2)
    dropped = copy.deepcopy(data)
    dropped["deadlines"].pop(0)
    assert scorer.score_document("drop", data, dropped).deadlines.recall < 1.0
    wrong_tier = copy.deepcopy(data)
    wrong_tier["deadlines"][0]["level"] = "x"
    score = scorer.score_document("tier", data, wrong_tier)
    assert score.deadlines.f1 < 1.0 and score.deadline_dates.f1 == 1.0


def test_bodies_are_compared_loosely() -> None:
    gold = {"tasks": [{"agency": "x", "agencies": ["Sở Giáo dục và Đào tạo"], "items": ["a"]}]}
    nfd = unicodedata.normalize("NFD", "ĐỐI VỚI SỞ GIÁO DỤC  VÀ ĐÀO TẠO.")
    pred = {"tasks": [{"agency": "y", "agencies": [nfd], "items": []}]}
    assert scorer.score_document("loose", gold, pred).tasks.f1 == 1.0
    other = {"tasks": [{"agency": "y", "agencies": ["Sở Nội vụ"], "items": []}]}
    assert scorer.score_document("other", gold, other).tasks.f1 == 0.0


def test_tasks_and_deadlines_in_a_document_that_assigns_nothing_are_invented() -> None:
    gold: dict[str, Any] = {"tasks": [], "deadlines": []}
    pred = {
        "tasks": [{"agency": "Bộ", "agencies": ["Bộ"], "items": ["a"]}],
        "deadlines": [{"date": "2013-05", "inclusive": True, "level": None, "applies_to": "a"}],
    }
    score = scorer.score_document("invented", gold, pred)
    assert score.invented == 2 and score.tasks.precision == 0.0


def test_the_whole_run_scores_one_when_the_parser_gives_the_expected_answers() -> None:
    answers = {read_document(t): _expected(e) for t, e in CASES}
    summary = scorer.summary(scorer.run([CORPUS], parse=answers.__getitem__))
    assert summary["documents"] == len(CASES) and summary["overall"] == 1.0
    assert summary["invented"] == 0 and not summary["crashes"]


def test_a_crash_is_reported_and_scores_zero() -> None:
    def crash(text: str) -> dict[str, Any]:
        raise ValueError("boom")

    summary = scorer.summary(scorer.run([CORPUS], parse=crash))
    assert len(summary["crashes"]) == len(CASES) and summary["overall"] == 0.0


def test_the_command_prints_a_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert scorer.main([str(CORPUS), "--worst", "3"]) == 0
    table = capsys.readouterr().out
    assert "tasks" in table and "deadl. date-only" in table and "documents/s" in table
    assert scorer.main([str(CORPUS), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == len(CASES) and set(data["fields"]) == set(KEYS)
    assert scorer.main([str(CORPUS / "missing")]) == 2


def test_the_verbose_table_shows_each_field_read_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    gold = _expected(CASES[0][1])
    wrong = copy.deepcopy(gold)
    wrong["subject"] = "khác"
    score = scorer.score_document("wrong", gold, wrong)
    assert score.diffs == {"subject": (gold["subject"], "khác")}
    assert scorer.main([str(CORPUS), "--verbose"]) == 0
    assert "fields read wrong:" in capsys.readouterr().out


def test_the_parser_keeps_its_scores_on_the_corpus() -> None:
    """A floor under what the parser reads of the corpus (docs/BENCHMARKS.md has the
    figures): a change that loses tasks, deadlines or their tiers fails here."""
    scores = scorer.summary(scorer.run([CORPUS]))
    prf = scores["prf"]
    assert not scores["crashes"]
    assert prf["tasks"]["f1"] >= 0.99, prf["tasks"]
    assert prf["deadlines"]["f1"] >= 0.98, prf["deadlines"]
    assert prf["dates"]["f1"] >= 0.98, prf["dates"]
    assert scores["invented"] == 0
    assert min(scores["fields"].values()) >= 0.98, scores["fields"]
