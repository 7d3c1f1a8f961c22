"""A unit's own Word template: kept when it is right and used for its documents, refused
with the faulty placeholder named and nothing kept, removed to go back to the default;
another unit's template is never used."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.documents.test_docx import edited
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.documents.kinds import consolidated_made
from xhht.documents.models import WordTemplate
from xhht.documents.template_check import UNKNOWN

pytestmark = pytest.mark.django_db

MOTTO = "Độc lập - Tự do - Hạnh phúc"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def texts(data: bytes) -> list[str]:
    doc = Document(BytesIO(data))
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        found += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return found


def upload(name: str, data: bytes) -> dict[str, object]:
    return {"file": SimpleUploadedFile(name, data)}


def test_an_edited_template_is_kept_and_used(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    own = edited({"{{ issuing_body }}": "{{ issuing_body }} (MẪU RIÊNG)"})
    url = reverse("documents:template_upload", args=[campaign.pk, "bao-cao.docx"])
    assert client.post(url, upload("mau-bao-cao.docx", own)).status_code == 302
    assert WordTemplate.objects.get().original_name == "mau-bao-cao.docx"
    assert AuditEntry.objects.filter(action="documents.template_uploaded").exists()
    made = consolidated_made(campaign, unit("22"), None, "")
    assert any("(MẪU RIÊNG)" in text for text in texts(made.data))
    # a district of the province uses it too; another province's unit never would
    district = consolidated_made(campaign, unit("193"), None, "")
    assert any("(MẪU RIÊNG)" in text for text in texts(district.data))
    downloaded = client.get(reverse("documents:template", args=[campaign.pk, "bao-cao.docx"]))
    assert downloaded.content == own
    remove = reverse("documents:template_remove", args=[campaign.pk, "bao-cao.docx"])
    assert client.post(remove).status_code == 302
    assert not WordTemplate.objects.exists()
    made = consolidated_made(campaign, unit("22"), None, "")
    assert not any("(MẪU RIÊNG)" in text for text in texts(made.data))


def test_a_broken_template_is_refused_by_name(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    broken = edited({"{{ signer_name }}": "{{ ten_nguoi_ky }}"})
    url = reverse("documents:template_upload", args=[campaign.pk, "bao-cao.docx"])
    page = client.post(url, upload("mau.docx", broken), follow=True).content.decode()
    assert "was not kept" in page and "ten_nguoi_ky" in page
    assert UNKNOWN.split("%")[0][:10] in page
    assert not WordTemplate.objects.exists()
    junk = client.post(url, upload("mau.docx", b"not a word file"), follow=True)
    assert "not a Word document" in junk.content.decode()
    assert not WordTemplate.objects.exists()


def test_only_a_consolidating_unit_changes_its_templates(
    personas: Personas, campaign: Campaign
) -> None:
    url = reverse("documents:template_upload", args=[campaign.pk, "bao-cao.docx"])
    own = edited({"{{ issuing_body }}": "{{ issuing_body }} X"})
    for persona in ("commune_officer_of_bai_chay", "home_affairs_officer", "viewer"):
        response = client_for(personas.of(persona)).post(url, upload("m.docx", own))
        assert response.status_code == 404, persona
    bad_name = reverse("documents:template_upload", args=[campaign.pk, "x.docx"])
    assert (
        client_for(personas.province_officer).post(bad_name, upload("m.docx", own)).status_code
        == 404
    )
    assert not WordTemplate.objects.exists()
