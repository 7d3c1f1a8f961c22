"""`xhht import_datavalues CAMPAIGN_ID FILE [--dry-run] [--strategy S] [--user USERNAME]`:
figures in DHIS2's dataValueSets shape (a .json dataValueSet or DHIS2's .csv).

Prints DHIS2's import summary as JSON; exits with status 2 when it lists conflicts (then
nothing was saved) or when the file cannot be read."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.offline.datavalueset import Strategy, datavalueset_import
from xhht.offline.datavalueset_payload import (
    PayloadError,
    json_decoded,
    text_decoded,
    values_from_csv,
    values_from_json,
)

NO_CAMPAIGN = gettext_noop("No campaign has the id %(id)s.")
NO_USER = gettext_noop("No active user is called “%(name)s”.")
NO_FILE = gettext_noop("No file at %(path)s.")
CANNOT_READ = gettext_noop("Cannot read %(path)s: %(reason)s.")
IN_FILE = gettext_noop("%(path)s: %(reason)s")
OTHER_DATA_SET = gettext_noop(
    "The file is for campaign %(file)s (its “dataSet”), not for campaign %(id)s."
)
CONFLICTS = gettext_noop("%(count)d conflicts: nothing was saved.")


class Command(BaseCommand):
    help = (
        "Import figures in DHIS2's dataValueSets shape (a .json dataValueSet or DHIS2's "
        ".csv; ids are the indicators' and units' codes) into a campaign's reports: all or "
        "nothing, the summary printed as JSON. Without --user the operator imports with no "
        "scope check and the changes are recorded with no user."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("file", help="a .json dataValueSet or a .csv file (DHIS2's columns)")
        parser.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
        parser.add_argument(
            "--strategy",
            choices=[s.value for s in Strategy],
            default=Strategy.CREATE_AND_UPDATE.value,
            help="DHIS2's importStrategy (default CREATE_AND_UPDATE)",
        )
        parser.add_argument(
            "--user",
            help="the username the changes are recorded under, whose scope applies",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(_(NO_USER) % {"name": options["user"]}, returncode=2)
        campaign_id = options["campaign_id"]
        campaign = Campaign.objects.select_related("root").filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(_(NO_CAMPAIGN) % {"id": campaign_id}, returncode=2)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_(NO_FILE) % {"path": path}, returncode=2)
        try:
            data = path.read_bytes()
            if path.suffix.lower() == ".csv":
                payload = values_from_csv(text_decoded(data))
            else:
                payload = values_from_json(json_decoded(data))
        except PayloadError as error:
            message = _(IN_FILE) % {"path": path, "reason": error}
            raise CommandError(message, returncode=2) from None
        except OSError as error:
            reason = error.strerror or error
            message = _(CANNOT_READ) % {"path": path, "reason": reason}
            raise CommandError(message, returncode=2) from None
        if payload.data_set is not None and payload.data_set != campaign.pk:
            message = _(OTHER_DATA_SET) % {"file": payload.data_set, "id": campaign.pk}
            raise CommandError(message, returncode=2)
        summary = datavalueset_import(
            campaign=campaign,
            values=payload.values,
            user=user,
            dry_run=options["dry_run"],
            strategy=Strategy(options["strategy"]),
        )
        self.stdout.write(json.dumps(summary.as_dhis2(), ensure_ascii=False, indent=2))
        if summary.conflicts:
            raise CommandError(_(CONFLICTS) % {"count": len(summary.conflicts)}, returncode=2)
