"""A unit's own Word templates: uploaded after editing in Word (wording, emblem, layout),
kept only when every placeholder is right (template_check names the faulty one), used
for its documents instead of the default; removed to go back to the default."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.documents.docx import default_template, template_name
from xhht.documents.models import TemplateName, WordTemplate
from xhht.documents.template_check import template_check
from xhht.kernel.clock import now
from xhht.kernel.text import nfc
from xhht.kernel.uploads import UploadRefused, zip_check
from xhht.orgunits.models import OrgUnit

MAX_BYTES = 10 * 1024 * 1024
TOO_LARGE = gettext_noop("“%(name)s” is larger than 10 MB: a template is a few pages.")


class TemplateRefused(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def template_for(unit: OrgUnit, type_abbr: str) -> bytes:
    """The template a document of `type_abbr` of `unit` is filled into: the unit's own, else
    its province's, else the default."""
    name = template_name(type_abbr)
    owners = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    for owner in owners:
        own = WordTemplate.objects.filter(unit_id=owner, name=name).first()
        if own is not None:
            with own.file.open("rb") as handle:
                data: bytes = handle.read()
            return data
    return default_template(type_abbr)


def template_upload(
    *, unit: OrgUnit, name: str, upload: UploadedFile[bytes], user: User | None
) -> WordTemplate:
    """Keep `upload` as the unit's template `name`; refused whole, with every fault, when
    it cannot be used."""
    shown = nfc(upload.name or "")
    if (upload.size or 0) > MAX_BYTES:
        raise TemplateRefused([_(TOO_LARGE) % {"name": shown}])
    try:
        zip_check(upload, shown)
    except UploadRefused as refused:
        raise TemplateRefused([str(refused)]) from None
    data = upload.read()
    problems = template_check(data)
    if problems:
        raise TemplateRefused(problems)
    with transaction.atomic():
        WordTemplate.objects.filter(unit=unit, name=name).delete()
        kept = WordTemplate(
            unit=unit, name=name, original_name=shown[:255], uploaded_at=now(), uploaded_by=user
        )
        kept.file.save("template.docx", ContentFile(data), save=False)
        kept.save()
        audit_log(
            action="documents.template_uploaded",
            obj=kept,
            user=user,
            unit=unit,
            changes={"name": name, "file": shown},
        )
    return kept


def template_remove(*, unit: OrgUnit, name: str, user: User | None) -> None:
    """Go back to the default template `name`."""
    with transaction.atomic():
        for own in WordTemplate.objects.filter(unit=unit, name=name):
            audit_log(
                action="documents.template_removed",
                obj=own,
                user=user,
                unit=unit,
                changes={"name": name, "file": own.original_name},
            )
            own.delete()


def templates_of(unit: OrgUnit) -> list[tuple[str, str, WordTemplate | None]]:
    """(name, label, the unit's own or None) of every template it may replace."""
    own = {t.name: t for t in WordTemplate.objects.filter(unit=unit)}
    return [(str(n.value), str(n.label), own.get(n.value)) for n in TemplateName]
