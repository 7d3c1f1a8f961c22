"""`xhht load_national [--tree 2013|2025]`: the country, its Ministry and a national tree."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from xhht.orgunits.national import NATIONAL_TREES, national_load
from xhht.orgunits.services import LoadError


class Command(BaseCommand):
    help = (
        "Load the country (VN), the Ministry of Education and Training acting for it, and the "
        "provinces of a national tree under it (Quảng Ninh's stored units are kept). Idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--tree", choices=sorted(NATIONAL_TREES), default="2025")
        parser.add_argument(
            "--province",
            action="append",
            dest="codes",
            default=None,
            help="only this province code (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = national_load(options["tree"], options["codes"])
        except LoadError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(loaded.tree.describe(loaded.filename))
