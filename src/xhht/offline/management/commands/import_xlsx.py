"""`xhht import_xlsx FILE [--user USERNAME]`: read a filled report workbook back.

Prints every error with its sheet, cell and reason and exits with status 2
when there is any; then nothing is saved."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.offline.workbook_file import WorkbookError
from xhht.offline.workbook_import import workbook_import


class Command(BaseCommand):
    help = (
        "Import a filled report workbook made by export_xlsx or the report pages; "
        "nothing is saved when it has any error. Give --user to say who is recorded as "
        "having made the changes: without it they are recorded with no user."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--user",
            help="the username the changes are recorded under in the audit trail and in the "
            "report's “last saved by”, whose scope applies (a district entering for its "
            "communes marks them entered by the unit above); without it, the operator "
            "imports with no scope check and the changes are recorded with no user",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(
                    _("No active user is called “%(name)s”.") % {"name": options["user"]},
                    returncode=2,
                )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": path}, returncode=2)
        with path.open("rb") as stream:
            try:
                result = workbook_import(stream=stream, name=path.name, user=user)
            except WorkbookError as error:
                raise CommandError(str(error), returncode=2) from None
        if result.errors:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d errors: nothing was saved.") % {"count": len(result.errors)},
                returncode=2,
            )
        self.stdout.write(
            _("Saved: %(rows)d rows changed in %(reports)d reports.")
            % {"rows": result.rows_changed, "reports": result.reports_changed}
        )
