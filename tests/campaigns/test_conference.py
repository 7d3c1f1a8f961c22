"""Recording a conference: it fulfils the conference obligation as of the day held;
a future date and a file of the wrong type or size are refused with nothing written;
minutes and photos are stored outside the database and served only within scope."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from tests.conftest import Personas, PublishedCampaign, client_for, streamed, unit
from xhht.campaigns import attachments
from xhht.campaigns.models import (
    Campaign,
    Conference,
    ConferenceAttachment,
    Deliverable,
    Obligation,
)
from xhht.campaigns.selectors import state_counts
from xhht.campaigns.services import CampaignError, conference_record
from xhht.kernel import clock

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", attachments.ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(
        today=date(2013, 6, 12), MEDIA_ROOT=tmp_path / "media", XHHT_ATTACHMENT_MAX_MB=1
    )


def obligation_of(campaign: Campaign, code: str) -> Obligation:
    return campaign.obligations.get(unit=unit(code), deliverable=Deliverable.CONFERENCE)


def english(client: Client) -> Client:
    """Messages in English (the language switch's cookie), whatever the catalogue holds."""
    client.cookies["django_language"] = "en"
    return client


def record_url(campaign: Campaign, code: str) -> str:
    return reverse("campaigns:conference_record", args=[campaign.pk, unit(code).pk])


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "held_on": "2013-06-08",
        "venue": "Hội trường UBND phường Bãi Cháy",
        "chair": "Nguyễn Văn Bình, Chủ tịch UBND phường",
        "participants": "85",
        "exhibition_held": "on",
        "notes": "Trưng bày 12 mô hình học tập.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, attachments.PDF),
        (JPEG, attachments.JPEG),
        (PNG, attachments.PNG),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, attachments.DOC),
        (docx_bytes(), attachments.DOCX),
        (odt_bytes(), attachments.ODT),
        (b"MZ\x90\x00 a Windows program", None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_a_file_is_judged_by_its_content(content: bytes, expected: str | None) -> None:
    assert attachments.sniff(io.BytesIO(content)) == expected


def test_a_zip_that_is_not_a_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    assert attachments.sniff(buffer) is None


def test_recording_fulfils_the_obligation_as_of_the_day_held(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    response = client.post(
        record_url(campaign, "06673"),
        form_data(minutes=SimpleUploadedFile("biên bản.pdf", PDF)),
    )
    assert response.status_code == 302
    obligation = obligation_of(campaign, "06673")
    obligation.refresh_from_db()
    assert obligation.fulfilled_on == date(2013, 6, 8)  # held, not entered (12/6)
    assert obligation.fulfilled_at is not None
    assert clock.local_date(obligation.fulfilled_at) == date(2013, 6, 12)
    assert obligation.fulfilled_by == personas.commune_officer_of_bai_chay
    conference = Conference.objects.get(obligation=obligation)
    assert conference.exhibition_held is True
    assert conference.participants == 85
    assert conference.attachments.get().original_name == "biên bản.pdf"


def test_held_before_the_last_day_is_on_time_though_entered_after_it(campaign: Campaign) -> None:
    communes = campaign.obligations.filter(
        unit__parent=unit("193"), deliverable=Deliverable.CONFERENCE
    ).order_by("pk")
    held_on_the_last_day, held_after_it = communes[0], communes[1]
    for obligation, held_on in ((held_on_the_last_day, 10), (held_after_it, 11)):
        conference_record(
            obligation=obligation,
            user=None,
            held_on=date(2013, 6, held_on),
            venue="Hội trường",
            chair="Chủ tịch",
            participants=50,
        )
    today = date(2013, 6, 12)  # both entered on 12/6, after the last day 10/6
    assert state_counts(communes.filter(pk=held_on_the_last_day.pk), today)["on_time"] == 1
    assert state_counts(communes.filter(pk=held_after_it.pk), today)["late"] == 1


def test_a_conference_in_the_future_is_refused_and_the_form_keeps_what_was_typed(
    personas: Personas, campaign: Campaign
) -> None:
    client = english(client_for(personas.commune_officer_of_bai_chay))
    response = client.post(record_url(campaign, "06673"), form_data(held_on="2013-06-15"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "15/06/2013" in html and "in the future" in html
    assert 'value="Hội trường UBND phường Bãi Cháy"' in html
    assert 'value="2013-06-15"' in html
    assert "Trưng bày 12 mô hình học tập." in html
    assert not Conference.objects.exists()
    assert obligation_of(campaign, "06673").fulfilled_on is None


def test_the_service_refuses_a_future_date(campaign: Campaign) -> None:
    with pytest.raises(CampaignError) as refused:
        conference_record(
            obligation=obligation_of(campaign, "06673"),
            user=None,
            held_on=date(2013, 6, 13),
            venue="x",
            chair="y",
            participants=1,
        )
    assert refused.value.field == "held_on"
    assert not Conference.objects.exists()


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        ("minutes", SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf"), "not a PDF"),
        ("photos", SimpleUploadedFile("photo.jpg", PDF), "not a JPEG or PNG"),
        ("minutes", SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)), "larger than 1 MB"),
    ],
    ids=["wrong type", "a pdf as a photo", "too large"],
)
def test_a_bad_attachment_is_refused_with_nothing_written(
    personas: Personas,
    campaign: Campaign,
    settings: Settings,
    field: str,
    upload: SimpleUploadedFile,
    message: str,
) -> None:
    client = english(client_for(personas.commune_officer_of_bai_chay))
    files: dict[str, list[SimpleUploadedFile]] = {"photos": [SimpleUploadedFile("ok.png", PNG)]}
    files.setdefault(field, []).append(upload)
    response = client.post(record_url(campaign, "06673"), form_data(**files))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Conference.objects.exists()
    assert not ConferenceAttachment.objects.exists()
    assert obligation_of(campaign, "06673").fulfilled_on is None
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_district_records_on_behalf_of_its_commune_but_not_of_another_district(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(record_url(campaign, "06673"), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("site:unit_work", args=[campaign.pk, unit("06673").pk])
    assert obligation_of(campaign, "06673").conference.recorded_by == personas.halong_officer
    assert client.post(record_url(campaign, "06712"), form_data()).status_code == 404
    assert not Conference.objects.filter(obligation__unit=unit("06712")).exists()


def test_a_viewer_and_the_province_cannot_record_for_a_commune(
    personas: Personas, campaign: Campaign
) -> None:
    for persona in (personas.viewer, personas.province_officer):
        assert (
            client_for(persona).post(record_url(campaign, "06673"), form_data()).status_code == 404
        )
    assert not Conference.objects.exists()


def test_correcting_the_date_moves_the_fulfilment(
    personas: Personas,
    campaign: Campaign,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    client.post(record_url(campaign, "06673"), form_data(photos=SimpleUploadedFile("a.png", PNG)))
    conference = Conference.objects.get()
    photo = conference.attachments.get()
    stored = Path(photo.file.path)
    assert stored.is_file()
    page = client.get(record_url(campaign, "06673")).content.decode()
    assert 'value="08/06/2013"' in page  # the form opens with what was recorded
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            record_url(campaign, "06673"),
            form_data(
                held_on="2013-06-11", remove=[photo.pk], minutes=SimpleUploadedFile("m.pdf", PDF)
            ),
        )
    assert response.status_code == 302
    obligation = obligation_of(campaign, "06673")
    assert obligation.fulfilled_on == date(2013, 6, 11)
    assert [a.kind for a in Conference.objects.get().attachments.all()] == ["minutes"]
    assert not stored.exists()  # a removed file leaves the disk too
    assert Conference.objects.count() == 1


def test_an_attachment_is_served_only_within_scope(personas: Personas, campaign: Campaign) -> None:
    conference_record(
        obligation=obligation_of(campaign, "06673"),
        user=None,
        held_on=date(2013, 6, 8),
        venue="Hội trường",
        chair="Chủ tịch",
        participants=50,
        uploads=[("minutes", SimpleUploadedFile("biên bản.pdf", PDF))],
    )
    item = ConferenceAttachment.objects.get()
    assert item.file.name is not None
    assert "biên" not in item.file.name  # stored under a random name, outside the database
    url = reverse("campaigns:attachment", args=[item.pk])
    for persona in ("commune_officer_of_bai_chay", "halong_officer", "province_officer", "viewer"):
        response = client_for(getattr(personas, persona)).get(url)
        assert response.status_code == 200, persona
        assert streamed(response) == PDF
        assert response["Content-Type"] == "application/pdf"
    for persona in (
        "mongcai_officer",
        "commune_officer_of_tran_phu",
        "home_affairs_officer",
        "outsider",
    ):
        assert client_for(getattr(personas, persona)).get(url).status_code == 404, persona
    anonymous = Client().get(url)
    assert anonymous.status_code == 302


def test_the_exhibition_is_a_fact_never_an_obligation(campaign: Campaign) -> None:
    deliverables = set(campaign.obligations.values_list("deliverable", flat=True))
    assert deliverables == {d.value for d in Deliverable}
    assert "exhibition" not in " ".join(deliverables)


def test_a_second_record_through_the_service_is_refused(campaign: Campaign) -> None:
    obligation = obligation_of(campaign, "06673")

    def record() -> None:
        conference_record(
            obligation=obligation,
            user=None,
            held_on=date(2013, 6, 8),
            venue="x",
            chair="y",
            participants=1,
        )

    record()
    with pytest.raises(CampaignError):
        record()
    assert Conference.objects.count() == 1
