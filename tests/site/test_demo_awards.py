"""The demo's commendations and papers: districts complete and accepted, partial with a
note, one nomination returned, some with nothing yet; two papers in the programme."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pytest_django import Settings

from xhht.awards.models import Kind, Nomination, Paper, PaperState, State, Submission
from xhht.awards.selectors import programme
from xhht.campaigns.models import Campaign, Deliverable
from xhht.site.demo import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(settings: Settings, tmp_path: Path) -> Campaign:
    settings.XHHT_TODAY = date(2013, 6, 20)
    settings.MEDIA_ROOT = tmp_path / "media"
    return demo_load().campaign


def by_district(campaign: Campaign) -> dict[str, Counter[tuple[str, str]]]:
    """Each district's nominations, counted by (kind, state)."""
    counts: dict[str, Counter[tuple[str, str]]] = {}
    for nomination in Nomination.objects.filter(campaign=campaign).select_related("unit"):
        counts.setdefault(nomination.unit.code, Counter())[nomination.kind, nomination.state] += 1
    return counts


def test_the_demo_has_districts_in_every_stage_of_their_nominations(campaign: Campaign) -> None:
    counts = by_district(campaign)
    complete = {(Kind.INDIVIDUAL, State.ACCEPTED): 2, (Kind.COLLECTIVE, State.ACCEPTED): 2}
    assert sum(1 for c in counts.values() if c == complete) >= 2
    assert any(c[Kind.INDIVIDUAL, State.RETURNED] == 1 for c in counts.values())
    assert any(c[Kind.INDIVIDUAL, State.SENT] for c in counts.values())  # awaiting review
    assert any(set(c) == {(Kind.INDIVIDUAL, State.DRAFT)} for c in counts.values())
    districts = campaign.obligations.filter(deliverable=Deliverable.NOMINATION)
    assert districts.count() == 14
    assert districts.exclude(unit__code__in=counts).count() >= 3  # nothing yet
    returned = Nomination.objects.get(campaign=campaign, state=State.RETURNED)
    assert returned.reason and returned.reviewed_on == date(2013, 6, 20)
    partial = Submission.objects.filter(campaign=campaign).exclude(note="")
    assert partial.count() >= 2
    assert all(
        n.achievements.endswith("không phải số liệu thật.") for n in returned.unit.nominations.all()
    )


def test_the_districts_that_sent_fulfilled_their_obligation_on_time(campaign: Campaign) -> None:
    """A district whose nomination was returned owes its file again: its obligation is open."""
    sent = set(Submission.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    returned = Nomination.objects.get(campaign=campaign, state=State.RETURNED).unit_id
    assert len(sent) >= 5 and returned in sent
    for obligation in campaign.obligations.filter(deliverable=Deliverable.NOMINATION):
        if obligation.unit_id == returned:
            assert obligation.fulfilled_on is None
            assert obligation.returned_on == date(2013, 6, 20)
        elif obligation.unit_id in sent:
            assert obligation.fulfilled_on == date(2013, 6, 20) <= obligation.last_day
        else:
            assert obligation.fulfilled_on is None


def test_the_demo_province_has_two_papers_in_its_programme(campaign: Campaign) -> None:
    papers = Paper.objects.filter(campaign=campaign)
    assert papers.count() >= 3
    assert {p.recipient for p in papers} == {campaign.root}
    selected = programme(campaign)
    assert [p.position for p in selected] == [1, 2]
    assert [p.unit.code for p in selected] == ["193", "194"]
    assert papers.filter(state=PaperState.PROPOSED).exists()
    for paper in papers:
        with paper.file.open("rb") as stored:
            assert stored.read(4) == b"PK\x03\x04"  # a Word document
