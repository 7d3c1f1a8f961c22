"""A unit's Word template upload: a zip bomb is refused with its message and nothing kept."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.bombs import row_counts, zip_bomb
from tests.conftest import Personas, PublishedCampaign, client_for
from xhht.audit.models import AuditEntry
from xhht.documents.models import WordTemplate
from xhht.kernel.uploads import ZIP_TOO_LARGE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return zip_bomb(tmp_path_factory).read_bytes()


def test_a_template_bomb_is_refused_and_nothing_is_kept(
    personas: Personas, make_campaign: PublishedCampaign, tmp_path: Path, bomb: bytes
) -> None:
    campaign = make_campaign(content_pack=True, MEDIA_ROOT=tmp_path)
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    url = reverse("documents:template_upload", args=[campaign.pk, "bao-cao.docx"])
    before = row_counts(WordTemplate, AuditEntry)
    response = client.post(url, {"file": SimpleUploadedFile("mau.docx", bomb)}, follow=True)
    assert response.status_code == 200
    with translation.override("en"):
        message = ZIP_TOO_LARGE % {"name": "mau.docx", "size": 1024, "limit": 100}
    assert message in html.unescape(response.content.decode())
    assert row_counts(WordTemplate, AuditEntry) == before
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
