"""`xhht load_units FILE.csv --valid-from DATE`: load an administrative tree."""

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from xhht.orgunits.services import LoadError, units_load


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date YYYY-MM-DD: {value!r}") from None


class Command(BaseCommand):
    help = "Load a units file (code,name,type,level,parent_code) as the tree in force from a date."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--valid-from", type=iso_date, required=True)
        parser.add_argument("--valid-until", type=iso_date, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from None
        try:
            result = units_load(
                filename=path.name,
                data=data,
                valid_from=options["valid_from"],
                valid_until=options["valid_until"],
            )
        except LoadError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(result.describe(path.name))
