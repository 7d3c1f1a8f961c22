"""A report knows its own state: editable, received, late on its first sending or its version."""

from __future__ import annotations

from datetime import date

import pytest

from xhht.campaigns.models import Obligation
from xhht.reports.models import Channel, Report, ReportStatus

LAST_DAY = date(2013, 6, 29)


def report(status: str, first: date | None = None, last: date | None = None) -> Report:
    return Report(
        status=status,
        first_sent_on=first,
        last_sent_on=last or first,
        obligation=Obligation(last_day=LAST_DAY),
    )


@pytest.mark.parametrize(
    ("status", "editable", "received"),
    [
        (ReportStatus.DRAFT, True, False),
        (ReportStatus.WITH_LEADER, True, False),
        (ReportStatus.RETURNED, True, False),
        (ReportStatus.SENT, False, True),
        (ReportStatus.ACCEPTED, False, True),
    ],
)
def test_editable_and_received(status: str, editable: bool, received: bool) -> None:
    assert report(status).is_editable is editable
    assert report(status).is_received is received


def test_timeliness_is_judged_on_the_first_sending() -> None:
    on_time_then_resent_late = report(ReportStatus.SENT, date(2013, 6, 28), date(2013, 7, 5))
    assert not on_time_then_resent_late.sent_late
    assert on_time_then_resent_late.version_late and on_time_then_resent_late.resent
    late = report(ReportStatus.ACCEPTED, date(2013, 6, 30))
    assert late.sent_late and late.version_late and not late.resent
    on_the_last_day = report(ReportStatus.SENT, LAST_DAY)
    assert not on_the_last_day.sent_late
    never_sent = report(ReportStatus.DRAFT)
    assert not never_sent.sent_late and not never_sent.version_late and not never_sent.resent


def test_a_report_not_returned_has_no_last_return() -> None:
    assert report(ReportStatus.SENT, LAST_DAY).last_return is None
    assert Report(channel=Channel.PAPER).came_online is False
