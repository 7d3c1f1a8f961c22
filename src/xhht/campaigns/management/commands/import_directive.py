"""`xhht import_directive FILE [--publish]`: read a directive into a draft campaign, or publish it."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xhht.campaigns.directives import (
    DirectiveError,
    directive_create,
    directive_publish,
    directive_text_from_upload,
)
from xhht.campaigns.services import CampaignError
from xhht.directives.parser import parse_text
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit


def province_for(code: str | None, on: date) -> OrgUnit:
    provinces = OrgUnit.objects.in_force(on).filter(level=Level.PROVINCE)
    if code:
        provinces = provinces.filter(code=code)
    found = list(provinces[:2])
    if len(found) != 1:
        raise CommandError(
            _("Say which province with --province: %(count)d are in force on %(date)s.")
            % {"count": len(found), "date": f"{on:%d/%m/%Y}"},
            returncode=2,
        )
    return found[0]


class Command(BaseCommand):
    help = "Read a directive (.docx, .pdf, .txt, .doc) into a draft; with --publish, publish it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--publish", action="store_true", help="publish the campaign at once")
        parser.add_argument(
            "--province", default=None, help="province code (default: the one in force)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
            text = directive_text_from_upload(name=path.name, data=data)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}", returncode=2) from None
        except DirectiveError as error:
            raise CommandError(str(error), returncode=2) from None
        issued = parse_text(text).date
        root = province_for(options["province"], date.fromisoformat(issued) if issued else today())
        directive = directive_create(root=root, user=None, name=path.name, data=data)
        if not options["publish"]:
            self.stdout.write(str(directive.pk))
            return
        try:
            campaign = directive_publish(directive=directive, user=None)
        except CampaignError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(str(campaign.pk))
