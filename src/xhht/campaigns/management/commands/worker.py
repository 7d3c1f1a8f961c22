"""`xhht worker`: runs background tasks and keeps the reminder pass on its schedule.

It is django-tasks-db's `db_worker` (same options: --batch, --max-tasks,
--interval between polls, …) with one addition: at start it makes a reminder
pass due now, and after each pass it queues the next one --remind-every
seconds later. The schedule lives in the task queue, so several workers share
it and a restarted worker picks it up.
"""

from __future__ import annotations

import logging
import os
import signal
from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from xhht.campaigns.tasks import reminder_pass, reminder_pass_schedule

logger = logging.getLogger(__name__)

HOURLY = 3600.0


class ReminderWorker(db_worker.Worker):
    """A database worker that also enqueues the reminder pass on its schedule."""

    def __init__(self, *, remind_every: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.remind_every = remind_every

    def run(self) -> None:
        if self.remind_every:
            reminder_pass_schedule()
        super().run()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        super().run_task(db_task_result)
        if self.remind_every and db_task_result.task_path == reminder_pass.module_path:
            # Wall-clock time: the queue runs today even when the one clock stands in 2013.
            next_at = timezone.now() + timedelta(seconds=self.remind_every)
            reminder_pass_schedule(at=next_at)
            logger.info("Next reminder pass at %s", timezone.localtime(next_at))


class Command(db_worker.Command):
    help = (
        "Run the background worker; it also sends the reminders on their schedule "
        "(a pass at start, then every --remind-every seconds)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--remind-every",
            default=HOURLY,
            type=db_worker.valid_interval,
            help="Seconds between reminder passes; 0 schedules none (default: %(default)r)",
        )

    def handle(  # type: ignore[override]
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        remind_every: float,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        excluded = exclude_queues.split(",") if exclude_queues else []
        queue_names = queue_name.split(",")
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ReminderWorker(
            remind_every=remind_every,
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
            return
        signals = [signal.SIGINT, signal.SIGTERM]
        if hasattr(signal, "SIGQUIT"):
            signals.append(signal.SIGQUIT)
        previous = {sig: signal.getsignal(sig) for sig in signals}
        worker.configure_signals()
        try:
            worker.run()
        finally:
            # Leave the caller (a test, a shell) with the handlers it had.
            for sig, handler in previous.items():
                signal.signal(sig, handler)
