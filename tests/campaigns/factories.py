"""Building campaigns in tests: the seed directive, read, planned and published.

The seed is parsed once per test session (`seed_parsed`); each directive made of it
gets its own deep copy, so no test sees what another did to its directive's `parsed`.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from tests.conftest import unit
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.campaigns.planning import Plan, plan_from_parsed
from xhht.campaigns.services import campaign_publish
from xhht.directives.models import Directive
from xhht.directives.parser import parse_text

SEED = Path(__file__).resolve().parents[2] / "src/xhht/data/directives/000_22b84cf719125a31.txt"


@cache
def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@cache
def _seed_parsed() -> dict[str, Any]:
    return parse_text(_seed_text()).to_dict()


def seed_parsed() -> dict[str, Any]:
    """The seed as the parser reads it: parsed once per session, a fresh copy each call."""
    return copy.deepcopy(_seed_parsed())


def draft_directive(
    text: str, root_code: str = "22", on: str = "2013-06-01", parsed: dict[str, Any] | None = None
) -> Directive:
    """A directive uploaded and not yet published; `parsed` is `text` read, when known."""
    if parsed is None:
        parsed = parse_text(text).to_dict()
    root = unit(root_code, date.fromisoformat(on))
    moment = timezone.make_aware(datetime(2013, 5, 20, 9, 0))
    return Directive.objects.create(
        root=root,
        original_name="seed.txt",
        source_text=text,
        parsed=parsed,
        plan=plan_from_parsed(parsed, root=root).to_json(),
        uploaded_at=moment,
        updated_at=moment,
    )


def seed_directive() -> Directive:
    return draft_directive(_seed_text(), parsed=seed_parsed())


def publish(directive: Directive, user: User | None = None) -> Campaign:
    return campaign_publish(directive=directive, plan=Plan.from_json(directive.plan), user=user)
