"""`xhht parse_directive FILE`: print what the parser reads from a directive."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from xhht.directives.parser import DirectiveReadError, ParsedDirective, parse_file

_LEVELS = {
    "commune": "cấp xã",
    "district": "cấp huyện",
    "province": "cấp tỉnh",
    "agency": "sở, ngành, hội",
    None: "không rõ cấp",
}


def summary(parsed: ParsedDirective) -> str:
    """A readable Vietnamese summary of a parsed directive."""
    data = parsed.to_dict()
    out = [
        f"Số, ký hiệu: {data['number'] or '—'}/{data['symbol'] or '—'}",
        f"Ngày: {data['date'] or '—'}   Nơi ban hành: {data['place'] or '—'}",
        f"Cơ quan ban hành: {data['issuer'] or '—'}",
        f"Trích yếu: {data['subject'] or '—'}",
        f"Số liệu tính đến: {data['data_cutoff'] or '—'}",
    ]
    out.append(f"Kính gửi ({len(data['recipients'])}):")
    out += [f"  - {item}" for item in data["recipients"]]
    out.append(f"Văn bản viện dẫn ({len(data['legal_refs'])}):")
    out += [
        f"  - {r['kind']} {r['number']}" + (f" ngày {r['date']}" if r["date"] else "")
        for r in data["legal_refs"]
    ]
    out.append(f"Thời hạn ({len(data['deadlines'])}):")
    for d in data["deadlines"]:
        rule = "đến hết" if d["inclusive"] else "trước"
        out.append(
            f"  - {rule} {d['date']} [{_LEVELS.get(d['level'], d['level'])}]: {d['applies_to']}"
        )
    out.append(f"Nhiệm vụ ({len(data['tasks'])}):")
    for task in data["tasks"]:
        out.append(f"  * {task['agency']} ({len(task['items'])} nội dung)")
        out += [f"      - {item}" for item in task["items"]]
    out.append(f"Chỉ tiêu đề nghị khen thưởng ({len(data['quotas'])}):")
    for q in data["quotas"]:
        out.append(
            f"  - {q['who'] or '—'}: {q['individuals'] or 0} cá nhân, "
            f"{q['collectives'] or 0} tập thể" + (f" — {q['for']}" if q["for"] else "")
        )
    out.append(f"Đề cương báo cáo ({len(data['report_outline'])} mục):")
    for item in data["report_outline"]:
        out.append(f"  - {item['title']}")
        out += [f"      + {child}" for child in item["children"]]
    signer = data["signer"]
    out.append(
        f"Người ký: {signer['name'] or '—'} — {signer['capacity'] or '—'}"
        + (f" — {signer['title']}" if signer["title"] else "")
    )
    out.append(f"Nơi nhận ({len(data['cc'])}): " + "; ".join(data["cc"]))
    return "\n".join(out)


class Command(BaseCommand):
    help = "Parse a directive (.txt, .docx, .pdf, .doc) and print its fields as JSON."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help="the directive file")
        parser.add_argument(
            "--text", action="store_true", help="print a readable summary in Vietnamese"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            parsed = parse_file(options["file"])
        except DirectiveReadError as error:
            raise CommandError(str(error), returncode=2) from error
        output = summary(parsed) if options["text"] else parsed.to_json()
        self.stdout.write(output)
