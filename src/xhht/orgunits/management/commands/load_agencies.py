"""`xhht load_agencies FILE.csv`: load the member agencies of the province."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from xhht.orgunits.management.commands.load_units import iso_date
from xhht.orgunits.services import LoadError, agencies_load


class Command(BaseCommand):
    help = "Load member agencies (code,short_name,full_name,kind) under the province."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--province", default=None, help="province code (default: the only one)"
        )
        parser.add_argument("--valid-from", type=iso_date, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from None
        try:
            result = agencies_load(
                filename=path.name,
                data=data,
                province_code=options["province"],
                valid_from=options["valid_from"],
            )
        except LoadError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(result.describe(path.name))
