"""`xhht parse_directive FILE`: print what the parser reads from a directive."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xhht.directives.parser import DirectiveReadError, ParsedDirective, parse_file

_NONE = "—"


def _level(level: str | None) -> str:
    names = {
        "commune": _("commune level"),
        "district": _("district level"),
        "province": _("province level"),
        "agency": _("departments, sectors, associations"),
    }
    return names.get(level, level) if level is not None else _("level unknown")


def _header(data: dict[str, Any]) -> list[str]:
    return [
        _("Number and symbol: %(number)s/%(symbol)s")
        % {"number": data["number"] or _NONE, "symbol": data["symbol"] or _NONE},
        _("Date: %(date)s   Place of issue: %(place)s")
        % {"date": data["date"] or _NONE, "place": data["place"] or _NONE},
        _("Issuing body: %(issuer)s") % {"issuer": data["issuer"] or _NONE},
        _("Subject: %(subject)s") % {"subject": data["subject"] or _NONE},
        _("Data as of: %(date)s") % {"date": data["data_cutoff"] or _NONE},
        _("Addressees (%(count)d):") % {"count": len(data["recipients"])},
        *[f"  - {item}" for item in data["recipients"]],
        _("Cited documents (%(count)d):") % {"count": len(data["legal_refs"])},
        *[
            "  - "
            + (
                _("%(kind)s %(number)s of %(date)s") % r
                if r["date"]
                else f"{r['kind']} {r['number']}"
            )
            for r in data["legal_refs"]
        ],
    ]


def _work(data: dict[str, Any]) -> list[str]:
    out = [_("Deadlines (%(count)d):") % {"count": len(data["deadlines"])}]
    for d in data["deadlines"]:
        rule = _("no later than") if d["inclusive"] else _("before")
        out.append(f"  - {rule} {d['date']} [{_level(d['level'])}]: {d['applies_to']}")
    out.append(_("Tasks (%(count)d):") % {"count": len(data["tasks"])})
    for task in data["tasks"]:
        count = {"agency": task["agency"], "count": len(task["items"])}
        out.append("  * " + _("%(agency)s (%(count)d items)") % count)
        out += [f"      - {item}" for item in task["items"]]
    out.append(_("Commendation quotas (%(count)d):") % {"count": len(data["quotas"])})
    for q in data["quotas"]:
        numbers = {
            "who": q["who"] or _NONE,
            "individuals": q["individuals"] or 0,
            "collectives": q["collectives"] or 0,
        }
        line = _("%(who)s: %(individuals)d individuals, %(collectives)d collectives") % numbers
        out.append("  - " + line + (f" — {q['for']}" if q["for"] else ""))
    out.append(_("Report outline (%(count)d sections):") % {"count": len(data["report_outline"])})
    for item in data["report_outline"]:
        out.append(f"  - {item['title']}")
        out += [f"      + {child}" for child in item["children"]]
    return out


def summary(parsed: ParsedDirective) -> str:
    """A readable summary of a parsed directive, in the active language."""
    data = parsed.to_dict()
    signer = data["signer"]
    signed = _("Signed by: %(name)s — %(capacity)s") % {
        "name": signer["name"] or _NONE,
        "capacity": signer["capacity"] or _NONE,
    }
    copies = _("Copies to (%(count)d): %(items)s") % {
        "count": len(data["cc"]),
        "items": "; ".join(data["cc"]),
    }
    closing = [signed + (f" — {signer['title']}" if signer["title"] else ""), copies]
    return "\n".join([*_header(data), *_work(data), *closing])


class Command(BaseCommand):
    help = "Parse a directive (.txt, .docx, .pdf, .doc) and print its fields as JSON."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help="the directive file")
        parser.add_argument(
            "--text",
            action="store_true",
            help="print a readable summary (in the active language) instead of JSON",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            parsed = parse_file(options["file"])
        except DirectiveReadError as error:
            raise CommandError(str(error), returncode=2) from error
        output = summary(parsed) if options["text"] else parsed.to_json()
        self.stdout.write(output)
