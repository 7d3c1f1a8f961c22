"""A PDF is labelled digitally signed only when it carries a signature: a plain PDF, and
one with an empty signature field waiting to be signed, are not."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tests.conftest import PublishedCampaign
from tests.reports.factories import report_obligation, signature, signed_pdf
from xhht.campaigns.attachments import PdfSignature, pdf_signature
from xhht.campaigns.templatetags.attachment_tags import attachment_label
from xhht.reports.models import ReportAttachment
from xhht.reports.services import report_register

SIGNER = "Nguyễn Văn Bình"


def pdf(*, field: bool = False, signed: bool = False) -> bytes:
    """A one-page PDF made by pypdf; with `field`, a signature field, filled with `signed`
    with what a signing tool writes (byte range, contents, the signer's name)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if field:
        sig_field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject("Chu ky 1"),
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/F"): NumberObject(132),
            }
        )
        if signed:
            value = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Sig"),
                    NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
                    NameObject("/SubFilter"): NameObject("/adbe.pkcs7.detached"),
                    NameObject("/ByteRange"): ArrayObject(
                        [NumberObject(n) for n in (0, 100, 200, 300)]
                    ),
                    NameObject("/Contents"): ByteStringObject(b"\x30\x82" + b"\x00" * 62),
                    NameObject("/Name"): TextStringObject(SIGNER),
                    NameObject("/M"): TextStringObject("D:20130605090000+07'00'"),
                }
            )
            sig_field[NameObject("/V")] = writer._add_object(value)
        field_ref = writer._add_object(sig_field)
        page[NameObject("/Annots")] = ArrayObject([field_ref])
        writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject([field_ref]),
                NameObject("/SigFlags"): NumberObject(3),
            }
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_plain_pdf_carries_no_signature() -> None:
    assert pdf_signature(io.BytesIO(pdf())) is None


def test_an_empty_signature_field_is_no_signature() -> None:
    assert pdf_signature(io.BytesIO(pdf(field=True))) is None


def test_a_signed_field_is_a_signature_with_its_signer() -> None:
    assert pdf_signature(io.BytesIO(pdf(field=True, signed=True))) == PdfSignature(signer=SIGNER)


def test_a_damaged_pdf_is_not_called_signed() -> None:
    broken = pdf(field=True, signed=True)[:200]
    assert pdf_signature(io.BytesIO(broken)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "label"),
    [
        (pdf(), "PDF (no digital signature)"),
        (pdf(field=True), "PDF (no digital signature)"),
        (pdf(field=True, signed=True), f"Digitally signed PDF, signed by {SIGNER}"),
    ],
    ids=["plain", "empty field", "signed"],
)
def test_a_report_attachment_is_labelled_by_what_its_file_carries(
    make_campaign: PublishedCampaign, tmp_path: Path, data: bytes, label: str
) -> None:
    campaign = make_campaign(today=date(2013, 6, 12), content_pack=True, MEDIA_ROOT=tmp_path)
    report_register(
        obligation=report_obligation(campaign, "06649"),
        user=None,
        channel="paper",
        received_number="12",
        received_on=date(2013, 6, 9),
        signature=signature(),
        scan=signed_pdf(data=data),
    )
    with translation.override("en"):
        assert attachment_label(ReportAttachment.objects.get()).startswith(label)
