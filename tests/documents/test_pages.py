"""The documents page: who issues and signs, the consolidated report made and kept, who
reaches it; a bad date refused with its message and nothing made."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.conftest import (
    Personas,
    PublishedCampaign,
    Row,
    assert_table,
    client_for,
    streamed,
    unit,
)
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.documents.models import GeneratedDocument, IssuerProfile, Kind
from xhht.documents.services import document_generate, document_run
from xhht.documents.tasks import document_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def test_the_province_makes_its_consolidated_report_and_downloads_it(
    personas: Personas,
    campaign: Campaign,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(personas.province_officer)
    page = reverse("documents:page", args=[campaign.pk])
    assert page in client.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert "BCĐXDXHHT" in client.get(page).content.decode()  # the directive's symbol
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:generate", args=[campaign.pk]),
            {"kind": "consolidated", "number": "25", "issued_on": "05/07/2013"},
        )
    assert DBTaskResult.objects.filter(task_path=document_job.module_path).count() == 1
    assert response.status_code == 302
    asked = GeneratedDocument.objects.get()
    assert asked.status == "queued" and not asked.file  # the worker makes it
    assert "<progress" in client.get(page).content.decode()
    assert document_run(asked.pk) == "done"
    assert document_run(asked.pk) == "skipped"  # a second run of the job changes nothing
    made = GeneratedDocument.objects.get()
    assert made.created_by == personas.province_officer and made.regime == "tt01-2011"
    assert made.record["number"] == "25" and made.record["symbol"] == "BC-BCĐXDXHHT"
    assert made.record["issued_on"] == "2013-07-05"
    assert AuditEntry.objects.filter(action="documents.generated").count() == 1
    listed = client.get(page).content.decode()
    download = reverse("documents:download", args=[made.pk])
    assert download in listed
    body = streamed(client.get(download))
    texts = [p.text for p in Document(BytesIO(body)).paragraphs]
    assert "BÁO CÁO" in texts


def test_a_bad_date_is_refused_and_nothing_is_made(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("documents:generate", args=[campaign.pk]),
        {"kind": "consolidated", "issued_on": "31/02/2013"},
    )
    assert response.status_code == 200
    assert "31/02/2013 is not a real date: month 2/2013 has no day 31." in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_the_issuer_profile_is_saved_and_used(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(
        reverse("documents:issuer", args=[campaign.pk]),
        {
            "parent_body": "UBND thành phố Hạ Long",
            "issuing_body": "Phòng Giáo dục và Đào tạo",
            "symbol": "PGDĐT",
            "place": "Hạ Long",
            "authority": "KT.",
            "on_behalf_of": "Trưởng phòng",
            "signer_title": "Phó Trưởng phòng",
            "signer_name": "Nguyễn Văn Hải",
            "addressees": "Sở Giáo dục và Đào tạo",
            "recipients": "Như trên\nLưu: VT",
        },
    )
    assert response.status_code == 302
    assert IssuerProfile.objects.get().symbol == "PGDĐT"
    made = document_generate(kind=Kind.CONSOLIDATED, campaign=campaign, unit=unit("193"), user=None)
    assert made.record["symbol"] == "BC-PGDĐT"
    assert made.record["signer"] == "KT. TRƯỞNG PHÒNG PHÓ TRƯỞNG PHÒNG Nguyễn Văn Hải"


def test_who_reaches_the_documents(personas: Personas, campaign: Campaign) -> None:
    halong = document_generate(
        kind=Kind.CONSOLIDATED, campaign=campaign, unit=unit("193"), user=None
    )
    rows: list[Row[Campaign]] = [
        Row(
            "page",
            lambda c: reverse("documents:page", args=[c.pk]),
            {"province_officer", "halong_officer", "mongcai_officer"},
        ),
        Row(
            "Hạ Long's file",
            lambda c: reverse("documents:download", args=[halong.pk]),
            {"province_officer", "halong_officer", "viewer", "administrator"},
        ),
        Row(
            "generate",
            lambda c: reverse("documents:generate", args=[c.pk]),
            set(),
            {"province_officer", "halong_officer", "mongcai_officer"},
            post=lambda c: {"kind": "consolidated", "number": ""},
        ),
    ]
    assert_table(personas, rows, campaign, anonymous=True)


def test_a_document_that_cannot_be_made_says_so(
    personas: Personas, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xhht.documents import kinds

    def broken(*args: object) -> kinds.Made:
        raise RuntimeError("the disk is full")

    monkeypatch.setitem(kinds.MAKERS, Kind.CONSOLIDATED, (broken, ("province",)))
    asked = document_generate(kind=Kind.CONSOLIDATED, campaign=campaign, unit=unit("22"), user=None)
    assert asked.status == "failed" and not asked.file
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("documents:page", args=[campaign.pk])).content.decode()
    assert "could not be made (RuntimeError)" in page
    download = reverse("documents:download", args=[asked.pk])
    assert client.get(download).status_code == 404
