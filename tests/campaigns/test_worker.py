"""`xhht worker`: runs queued tasks and keeps the reminder pass on its schedule.

The worker commits as it claims and finishes tasks, so these tests run
outside a wrapping transaction (the tables are emptied afterwards; the
reference data is loaded again when an earlier such test emptied them).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.conftest import PublishedCampaign, unit
from tests.mail import Mailbox
from xhht.campaigns.models import Campaign, Reminder
from xhht.campaigns.tasks import reminder_pass, reminder_pass_schedule
from xhht.orgunits.models import OrgUnit
from xhht.orgunits.reference import reference_data_load

pytestmark = pytest.mark.django_db(transaction=True)

BAI_CHAY_DESK = "vanthu.baichay@example.test"


@pytest.fixture
def campaign(transactional_db: None, make_campaign: PublishedCampaign) -> Campaign:
    if not OrgUnit.objects.exists():
        reference_data_load()
    OrgUnit.objects.filter(pk=unit("06673").pk).update(contact_email=BAI_CHAY_DESK)
    return make_campaign(today=date(2013, 6, 7))  # three days before the communes' 10/06


def run_worker(*options: str) -> str:
    out = io.StringIO()
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", *options, stdout=out)
    return out.getvalue()


def passes(status: str) -> list[DBTaskResult[..., Any]]:
    return list(DBTaskResult.objects.filter(task_path=reminder_pass.module_path, status=status))


def test_the_worker_sends_the_reminders_due_and_schedules_the_next_pass(
    campaign: Campaign, smtp_server: Mailbox
) -> None:
    run_worker()
    assert len(smtp_server.to(BAI_CHAY_DESK)) == 2  # conference and report
    done = passes(TaskResultStatus.SUCCESSFUL)
    assert len(done) == 1 and done[0].return_value["sent"] == 2
    waiting = passes(TaskResultStatus.READY)
    assert len(waiting) == 1
    in_an_hour = timezone.now() + timedelta(hours=1)
    assert abs((waiting[0].run_after - in_an_hour).total_seconds()) < 60


def test_a_second_run_brings_the_pass_forward_and_sends_nothing_twice(
    campaign: Campaign, smtp_server: Mailbox
) -> None:
    run_worker()
    run_worker()
    assert len(passes(TaskResultStatus.SUCCESSFUL)) == 2
    assert len(passes(TaskResultStatus.READY)) == 1
    assert len(smtp_server.messages) == 2
    assert Reminder.objects.count() == 2


def test_it_runs_an_enqueued_pass_without_a_schedule(
    campaign: Campaign, smtp_server: Mailbox
) -> None:
    reminder_pass.enqueue()
    run_worker("--remind-every", "0")
    assert len(smtp_server.to(BAI_CHAY_DESK)) == 2
    assert passes(TaskResultStatus.READY) == []


def test_only_one_pass_waits_at_a_time(campaign: Campaign) -> None:
    assert reminder_pass_schedule(at=timezone.now() + timedelta(hours=1)) is True
    assert reminder_pass_schedule() is False
    assert reminder_pass_schedule(at=timezone.now() + timedelta(hours=2)) is False
    waiting = passes(TaskResultStatus.READY)
    assert len(waiting) == 1
    assert waiting[0].run_after <= timezone.now()  # brought forward to now


def test_the_pass_is_safe_to_run_twice_in_the_queue(
    campaign: Campaign, smtp_server: Mailbox
) -> None:
    reminder_pass.enqueue()
    reminder_pass.enqueue()
    run_worker("--remind-every", "0")
    assert len(passes(TaskResultStatus.SUCCESSFUL)) == 2
    assert len(smtp_server.messages) == 2
