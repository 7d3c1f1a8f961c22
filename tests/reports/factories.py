"""Reports in tests: the seed campaign with the content pack, and a signed PDF."""

from __future__ import annotations

import io
from datetime import date

from django.test import Client

from tests.campaigns.factories import publish, seed_directive
from tests.conftest import unit
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.content import content_pack_load
from xhht.reports.services import Signature, SignedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def seed_campaign() -> Campaign:
    content_pack_load()
    return publish(seed_directive())


def report_obligation(campaign: Campaign, code: str) -> Obligation:
    return campaign.obligations.get(unit=unit(code), deliverable=Deliverable.REPORT)


def signed_pdf(name: str = "bao-cao-ky.pdf", data: bytes = PDF_BYTES) -> SignedFile:
    return SignedFile(name=name, stream=io.BytesIO(data), size=len(data))


def signature(on: date = date(2013, 6, 5)) -> Signature:
    return Signature(
        number="25/BC-UBND",
        signed_on=on,
        signer_name="Nguyễn Văn Hùng",
        signer_capacity="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    )


def page_data(client: Client, url: str, **typed: str) -> dict[str, str]:
    """What the browser posts for the report page as it stands, with some fields typed over."""
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if not name.endswith("-remove")}
    out = {name: "" if value is None else str(value) for name, value in data.items()}
    out.update(typed)
    return out
