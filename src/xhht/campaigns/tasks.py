"""Background tasks of campaigns (django-tasks, run by `xhht worker`).

Arguments are primary keys or nothing, never model instances; every task is
safe to run twice.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

from xhht.campaigns.reminders import reminders_send

logger = logging.getLogger(__name__)


@task()
def reminder_pass() -> dict[str, int]:
    """One pass of the reminder schedule; sends each reminder at most once."""
    result = reminders_send().as_dict()
    logger.info("Reminder pass: %s", result)
    return result


def reminder_pass_schedule(*, at: datetime | None = None) -> bool:
    """Make sure one reminder pass is waiting in the queue, due at `at` (now if None).

    A pass already waiting is brought forward to `at` if it is due later; none
    is added then. True when a pass was enqueued. Times here are the queue's
    wall-clock times, not the one clock: XHHT_TODAY may stand in 2013 while the
    queue runs today."""
    waiting = DBTaskResult.objects.filter(
        task_path=reminder_pass.module_path, status=TaskResultStatus.READY
    )
    with transaction.atomic():
        if waiting.exists():
            if at is None:
                later = waiting.filter(run_after__gt=timezone.now()).exclude(
                    run_after=get_date_max()
                )
                later.update(run_after=timezone.now())
            return False
        if at is None:
            reminder_pass.enqueue()
        else:
            reminder_pass.using(run_after=at).enqueue()
    return True
