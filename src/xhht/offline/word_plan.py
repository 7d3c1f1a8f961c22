"""What a Word upload writes: for each section, the file's text, the saved text, or the
user's choice between them when both changed since the form was made."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xhht.offline.word import (
    FormVersion,
    form_key,
    form_numbers,
    heading_differs,
)
from xhht.reports.models import TemplateSection
from xhht.reports.seen import Seen, text_digest, text_key

KEEP_SAVED = "saved"
TAKE_FILE = "file"


def sections_changed(
    texts: dict[int, str], version: FormVersion | None, saved: dict[int, str]
) -> set[int]:
    """The sections the user changed in the file: against what the form showed when it
    carries its version; against the text saved now when it does not."""
    if version is not None:
        return {pk for pk, text in texts.items() if version.changed(pk, text)}
    return {pk for pk, text in texts.items() if form_key(text) != form_key(saved.get(pk, ""))}


@dataclass
class PlanRow:
    """One section in the preview. `state`: missing (no heading in the file), empty, same,
    newer (unchanged in the file, changed on the site since: the site's text stays),
    changed (the file's text is written), conflict (both changed: the user chooses)."""

    section: TemplateSection
    number: str
    heading: str  # the file's heading, when it says something else than the title
    saved: str
    new: str
    state: str
    choice: str = ""  # a conflict's choice: KEEP_SAVED, TAKE_FILE or not yet
    shown: str = ""  # a conflict: digest of the saved text the user chose against


@dataclass
class Plan:
    rows: list[PlanRow]
    texts: dict[int, str]  # what report_save is given
    seen: Seen  # what it merges against
    unresolved: list[PlanRow]

    @property
    def changes(self) -> int:
        return len(self.texts)


def word_plan(
    *,
    sections: Sequence[TemplateSection],
    pending: dict[str, Any],
    saved: dict[int, str],
    places: dict[int, int | None],
    choices: dict[int, tuple[str, str]],
) -> Plan:
    """What confirming an upload writes, section by section. `pending` is the upload as
    kept in the session (texts, headings, pieces, changed, seen); `choices` the user's
    answer to each conflict: (KEEP_SAVED or TAKE_FILE, digest of the saved text it was
    given against — a choice made against an older saved text no longer counts)."""
    numbers = form_numbers(sections)
    in_file: dict[int, str] = {int(pk): text for pk, text in pending["texts"].items()}
    changed = {int(pk) for pk in pending["changed"]}
    seen = {int(pk): digest for pk, digest in pending["seen"].items()}
    headings = {int(pk): text for pk, text in pending["headings"].items()}
    rows: list[PlanRow] = []
    new: dict[int, str] = {}
    baseline: dict[int, str] = {}
    for section in sections:
        pk, now = section.pk, saved.get(section.pk, "")
        text = in_file.get(pk)
        shown = seen.get(pk, text_digest(""))
        row = PlanRow(section, numbers[pk], "", now, text or "", "missing")
        if heading_differs(headings.get(pk, ""), section):
            row.heading = headings[pk]
        if text is not None and not text.strip():
            row.state = "empty"
        elif text is not None and (pk not in changed or form_key(text) == form_key(now)):
            row.state = "same" if text_digest(now) == shown or pk in changed else "newer"
        elif text is not None and text_digest(now) == shown:
            row.state = "changed"
            new[pk], baseline[pk] = text, shown
        elif text is not None:
            row.state = "conflict"
            choice, against = choices.get(pk, ("", ""))
            if against == text_digest(now) and choice in (KEEP_SAVED, TAKE_FILE):
                row.choice, row.shown = choice, against
                if choice == TAKE_FILE:
                    new[pk], baseline[pk] = text, against
            else:
                row.shown = text_digest(now)
        rows.append(row)
    for index, piece in enumerate(pending["pieces"]):
        target = places.get(index)
        if target is None:
            continue
        base = new.get(target, saved.get(target, ""))
        baseline.setdefault(target, text_digest(saved.get(target, "")))
        addition = "\n".join(part for part in (piece["heading"], piece["text"]) if part)
        new[target] = f"{base}\n{addition}".strip()
    texts = {pk: text for pk, text in new.items() if text_key(text) != text_key(saved.get(pk))}
    for row in rows:
        row.new = new.get(row.section.pk, row.new)
    return Plan(
        rows=rows,
        texts=texts,
        seen=Seen(texts={pk: baseline[pk] for pk in texts}),
        unresolved=[row for row in rows if row.state == "conflict" and not row.choice],
    )
