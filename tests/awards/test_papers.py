"""Conference papers' pages: a district proposes a paper with its file (judged by its
content), the province selects papers for its programme and orders them, a paper not
selected is withdrawn; another unit's paper answers 404."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from tests.conftest import (
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_table,
    client_for,
    streamed,
    unit,
)
from xhht.audit.models import AuditEntry
from xhht.awards.models import Paper, PaperKind, PaperState
from xhht.awards.papers import PaperInput, paper_decide, paper_propose
from xhht.awards.selectors import programme
from xhht.campaigns import attachments
from xhht.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(title: str) -> bytes:
    """A real Word document, as Word or LibreOffice would write it."""
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph("Kinh nghiệm xây dựng mô hình gia đình học tập ở khu phố.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 20), MEDIA_ROOT=tmp_path / "media")


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def propose(campaign: Campaign, code: str, title: str) -> Paper:
    return paper_propose(
        campaign=campaign,
        unit=unit(code),
        data=PaperInput(
            author="Nguyễn Thị Hạnh",
            kind=PaperKind.INDIVIDUAL,
            author_unit="Trung tâm HTCĐ phường Hồng Hải",
            title=title,
        ),
        upload=SimpleUploadedFile("tham-luan.pdf", PDF),
        user=None,
    )


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Xây dựng dòng họ học tập ở phường Hồng Hải",
        "author": "Phạm Văn Tuấn",
        "kind": PaperKind.COLLECTIVE,
        "author_unit": "Hội Khuyến học phường Hồng Hải",
    }
    data.update(overrides)
    return data


def papers_url(campaign: Campaign) -> str:
    return reverse("awards:papers", args=[campaign.pk])


def propose_url(campaign: Campaign) -> str:
    return reverse("awards:paper_propose", args=[campaign.pk])


def decide(client: Client, paper: Paper, state: str) -> int:
    response = client.post(
        reverse("awards:paper_decide", args=[paper.pk]),
        {"state": state, "shown_state": Paper.objects.get(pk=paper.pk).state},
    )
    return response.status_code


def titles(papers: list[Paper]) -> list[str]:
    return [p.title for p in papers]


def test_a_district_proposes_a_word_paper_to_the_province(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    page = client.get(papers_url(campaign)).content.decode()
    assert propose_url(campaign) in page and 'enctype="multipart/form-data"' in page
    content = docx_bytes("Xây dựng dòng họ học tập")
    upload = SimpleUploadedFile("Tham luận Hồng Hải.docx", content)
    response = client.post(propose_url(campaign), form_data(file=upload))
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert (paper.unit, paper.recipient) == (unit("193"), unit("22"))
    assert paper.content_type == attachments.DOCX and paper.state == PaperState.PROPOSED
    assert paper.original_name == "Tham luận Hồng Hải.docx"
    assert AuditEntry.objects.filter(action="awards.paper_proposed").count() == 1
    page = client.get(papers_url(campaign)).content.decode()
    assert "Xây dựng dòng họ học tập ở phường Hồng Hải" in page and "20/06/2013" in page
    # the file, to the district and the province; not to another district
    file_url = reverse("awards:paper_file", args=[paper.pk])
    for persona in (personas.halong_officer, personas.province_officer):
        assert streamed(client_for(persona).get(file_url)) == content
    assert client_for(personas.mongcai_officer).get(file_url).status_code == 404


def test_a_fake_file_is_refused_naming_it_with_nothing_written(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    client = english(client_for(personas.halong_officer))
    fake = SimpleUploadedFile("tham-luan.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(propose_url(campaign), form_data(file=fake))
    assert response.status_code == 200
    html = response.content.decode()
    assert "“tham-luan.pdf” is not a PDF" in html
    assert "choose them again" in html
    assert "Xây dựng dòng họ học tập ở phường Hồng Hải" in html  # what was typed is kept
    assert 'value="Phạm Văn Tuấn"' in html
    assert not Paper.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_paper_without_a_title_or_a_file_is_refused_on_its_field(
    personas: Personas, campaign: Campaign
) -> None:
    client = english(client_for(personas.halong_officer))
    html = client.post(propose_url(campaign), form_data(title=" ")).content.decode()
    assert "Write the title of the paper." in html
    html = client.post(propose_url(campaign), form_data()).content.decode()
    assert "Attach the paper (PDF, Word or OpenDocument)." in html
    assert not Paper.objects.exists()


def test_the_province_selects_papers_for_its_programme_in_order(
    personas: Personas, campaign: Campaign
) -> None:
    first = propose(campaign, "193", "Gia đình học tập ở Hạ Long")
    second = propose(campaign, "194", "Trung tâm HTCĐ vùng biên giới Móng Cái")
    third = propose(campaign, "193", "Khuyến học trong doanh nghiệp")
    client = client_for(personas.province_officer)
    assert decide(client, second, PaperState.SELECTED) == 302
    assert decide(client, first, PaperState.SELECTED) == 302
    assert decide(client, third, PaperState.DECLINED) == 302
    assert titles(programme(campaign)) == [second.title, first.title]
    response = client.post(reverse("awards:paper_move", args=[first.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert titles(programme(campaign)) == [first.title, second.title]
    page = client.get(papers_url(campaign)).content.decode()
    assert page.index(first.title) < page.index(second.title) < page.index(third.title)
    assert propose_url(campaign) not in page  # the province proposes to nobody
    # taken out of the programme, the others close up
    assert decide(client, first, PaperState.PROPOSED) == 302
    assert titles(programme(campaign)) == [second.title]
    assert Paper.objects.get(pk=second.pk).position == 1


def test_a_choice_made_meanwhile_is_told_not_overwritten(
    personas: Personas, campaign: Campaign
) -> None:
    paper = propose(campaign, "193", "Gia đình học tập ở Hạ Long")
    client = english(client_for(personas.province_officer))
    paper_decide(paper=paper, state=PaperState.DECLINED, user=None)
    response = client.post(
        reverse("awards:paper_decide", args=[paper.pk]),
        {"state": PaperState.SELECTED, "shown_state": PaperState.PROPOSED},
        follow=True,
    )
    assert "it is now not selected" in response.content.decode()
    assert Paper.objects.get(pk=paper.pk).state == PaperState.DECLINED


def test_the_district_withdraws_a_paper_not_selected(
    personas: Personas,
    campaign: Campaign,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    kept = propose(campaign, "193", "Gia đình học tập ở Hạ Long")
    taken_back = propose(campaign, "193", "Khuyến học trong doanh nghiệp")
    paper_decide(paper=kept, state=PaperState.SELECTED, user=None)
    client = english(client_for(personas.halong_officer))
    url = reverse("awards:paper_withdraw", args=[taken_back.pk])
    page = client.get(url).content.decode()
    assert "Yes, withdraw it" in page and taken_back.title in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert list(Paper.objects.all()) == [kept]
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [Path(str(kept.file.name)).name]
    # a selected paper stays
    url = reverse("awards:paper_withdraw", args=[kept.pk])
    assert "can no longer be withdrawn" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "only a paper not yet selected can be withdrawn" in response.content.decode()
    assert Paper.objects.filter(pk=kept.pk).exists()


def test_another_unit_gets_404_and_buttons_take_post_only(
    personas: Personas, campaign: Campaign
) -> None:
    paper = propose(campaign, "193", "Gia đình học tập ở Hạ Long")
    decide_url = reverse("awards:paper_decide", args=[paper.pk])
    move_url = reverse("awards:paper_move", args=[paper.pk])
    withdraw_url = reverse("awards:paper_withdraw", args=[paper.pk])
    for persona in (personas.mongcai_officer, personas.commune_officer_of_bai_chay):
        client = client_for(persona)
        assert client.post(decide_url, {"state": PaperState.SELECTED}).status_code == 404
        assert client.post(move_url, {"direction": "up"}).status_code == 404
        assert client.get(withdraw_url).status_code == 404
        assert client.post(withdraw_url).status_code == 404
        assert client.get(reverse("awards:paper_file", args=[paper.pk])).status_code == 404
    # the district proposes; only the province chooses, and only the district withdraws
    halong = client_for(personas.halong_officer)
    assert halong.post(decide_url, {"state": PaperState.SELECTED}).status_code == 404
    province = client_for(personas.province_officer)
    assert province.post(withdraw_url).status_code == 404
    assert province.post(decide_url, {"state": "accepted"}).status_code == 404
    assert Paper.objects.get(pk=paper.pk).state == PaperState.PROPOSED
    for url in (propose_url(campaign), decide_url, move_url):
        assert halong.get(url).status_code == 405


def test_the_papers_page_is_for_a_unit_of_the_campaign_working_for_itself(
    personas: Personas, campaign: Campaign
) -> None:
    page = Row(
        "papers",
        papers_url,
        set(PERSONAS) - {"viewer", "administrator", "outsider"},
    )
    assert_table(personas, [page], campaign)


def test_a_district_sees_what_its_communes_proposed_and_a_commune_only_its_own(
    personas: Personas, campaign: Campaign
) -> None:
    commune = client_for(personas.commune_officer_of_bai_chay)
    response = commune.post(
        propose_url(campaign),
        form_data(file=SimpleUploadedFile("bai-chay.pdf", PDF), title="Mô hình ở Bãi Cháy"),
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.recipient == unit("193")
    assert 'id="received"' not in commune.get(papers_url(campaign)).content.decode()
    page = client_for(personas.halong_officer).get(papers_url(campaign)).content.decode()
    assert 'id="received"' in page and "Mô hình ở Bãi Cháy" in page
    assert reverse("awards:paper_decide", args=[paper.pk]) in page
