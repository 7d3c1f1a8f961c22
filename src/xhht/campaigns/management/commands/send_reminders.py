"""`xhht send_reminders`: one pass of the reminder schedule, for scripts and cron."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from xhht.campaigns.reminders import reminders_send
from xhht.orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Send the reminders that are due today (once per obligation and kind)."

    def handle(self, *args: Any, verbosity: int = 1, **options: Any) -> None:
        result = reminders_send()
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(_("Reminders sent: %(n)d") % {"n": result.sent})
            self.stdout.write(
                _("Skipped, no e-mail address: %(n)d obligations of %(units)d units")
                % {"n": result.skipped, "units": len(result.skipped_units)}
            )
            if verbosity > 1:
                for unit in OrgUnit.objects.filter(pk__in=result.skipped_units):
                    self.stdout.write(f"  - {unit.code} {unit.display_name}")
            if result.failed:
                raise CommandError(
                    _("Not sent (the mail server refused or did not answer): %(n)d")
                    % {"n": result.failed}
                )
