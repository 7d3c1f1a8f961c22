"""The nominating unit's pages: entering an individual with a file, the quota's refusal
and a bad file shown on the page with what was typed kept and nothing written, sending
with and without a note, changing and removing a draft, who sees a nomination, the links
of the work page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.awards.factories import nominate, person
from tests.conftest import Personas, PublishedCampaign, client_for, streamed, unit
from xhht.awards.models import Nomination, State, Submission
from xhht.awards.services import NOTHING_TO_SEND, nominations_send, rule_set
from xhht.campaigns.models import Campaign, Deliverable

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, media: Path) -> Campaign:
    return make_campaign(MEDIA_ROOT=media, XHHT_ATTACHMENT_MAX_MB=1)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def individual(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Lê Văn Cường",
        "sex": "male",
        "birth_year": "1968",
        "position": "Giám đốc Trung tâm HTCĐ",
        "workplace": "Phường Hồng Gai",
        "field": "centre",
        "achievements": "Mở 40 lớp chuyên đề cho 1.200 lượt người dân.",
    }
    return data | overrides


def new_url(campaign: Campaign, kind: str = "individual") -> str:
    return reverse("awards:nomination_new", args=[campaign.pk, kind])


def mine_url(campaign: Campaign) -> str:
    return reverse("awards:mine", args=[campaign.pk])


def test_an_individual_is_entered_with_a_file_and_listed_as_a_draft(
    personas: Personas, campaign: Campaign
) -> None:
    client = english(client_for(personas.halong_officer))
    page = client.get(mine_url(campaign)).content.decode()
    assert "Tỉnh Quảng Ninh" in page and "individuals: at most 2" in page
    assert new_url(campaign) in page and new_url(campaign, "collective") in page
    response = client.post(
        new_url(campaign),
        individual(files=[SimpleUploadedFile("ly-lich.pdf", PDF, "application/pdf")]),
    )
    assert response.status_code == 302 and response["Location"] == mine_url(campaign)
    nomination = Nomination.objects.get()
    assert (nomination.unit, nomination.recipient) == (unit("193"), unit("22"))
    assert (nomination.kind, nomination.state, nomination.birth_year) == (
        "individual",
        State.DRAFT,
        1968,
    )
    [item] = nomination.files.all()
    assert (item.original_name, item.content_type) == ("ly-lich.pdf", "application/pdf")
    assert streamed(client.get(reverse("awards:file", args=[item.pk]))) == PDF
    page = client.get(mine_url(campaign)).content.decode()
    assert reverse("awards:nomination", args=[nomination.pk]) in page
    assert "1 of 2" in page and "Draft" in page
    page = client.get(reverse("awards:nomination", args=[nomination.pk])).content.decode()
    assert "ly-lich.pdf" in page and "Mở 40 lớp chuyên đề" in page and "Entered" in page


def test_the_third_individual_is_refused_on_the_page_with_what_was_typed_kept(
    personas: Personas, campaign: Campaign, media: Path
) -> None:
    halong = unit("193")
    nominate(campaign, halong, person("Nguyễn Thị Lan"))
    nominate(campaign, halong, person("Trần Văn Bình"))
    client = english(client_for(personas.halong_officer))
    # told before anything is typed
    warned = client.get(new_url(campaign)).content.decode()
    assert "The quota of Thành phố Hạ Long is 2 individual" in warned
    before = stored_files(media)
    response = client.post(
        new_url(campaign),
        individual(files=[SimpleUploadedFile("ly-lich.pdf", PDF, "application/pdf")]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errors"' in html
    assert "The quota of Thành phố Hạ Long is 2 individual" in html
    assert "Nguyễn Thị Lan (draft), Trần Văn Bình (draft)" in html
    # at the top of the form, not on a field
    assert html.index("The quota of Thành phố") < html.index('name="name"')
    assert 'value="Lê Văn Cường"' in html and 'value="1968"' in html
    assert "Mở 40 lớp chuyên đề cho 1.200 lượt người dân.</textarea>" in html
    assert '<option value="centre" selected>' in html
    assert Nomination.objects.filter(unit=halong).count() == 2
    assert stored_files(media) == before
    # the mine page says the quota of individuals is full and offers no link for one more
    page = client.get(mine_url(campaign)).content.decode()
    assert "The quota is filled." in page and new_url(campaign) not in page


def test_a_file_that_is_not_a_document_is_refused_naming_it(
    personas: Personas, campaign: Campaign, media: Path
) -> None:
    client = english(client_for(personas.halong_officer))
    response = client.post(
        new_url(campaign),
        individual(
            files=[
                SimpleUploadedFile("ly-lich.pdf", PDF, "application/pdf"),
                SimpleUploadedFile("thanh-tich.pdf", b"only text, no PDF", "application/pdf"),
            ]
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "thanh-tich.pdf" in html and 'class="errors"' in html
    assert html.index("thanh-tich.pdf") > html.index('name="files"')  # on the files field
    assert "Files are not kept when the form is refused" in html
    assert 'value="Lê Văn Cường"' in html
    assert not Nomination.objects.exists()
    assert stored_files(media) == []


def test_a_missing_name_is_refused_on_its_field(personas: Personas, campaign: Campaign) -> None:
    client = english(client_for(personas.halong_officer))
    response = client.post(new_url(campaign, "collective"), individual(name=" "))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('name="name"') < html.index("Write the full name.")
    assert html.index("Write the full name.") < html.index('name="workplace"')
    # a collective's form has no sex, year of birth or position
    assert 'name="birth_year"' not in html and 'name="sex"' not in html
    assert not Nomination.objects.exists()


def test_sending_without_a_note_is_refused_when_short_and_with_one_fulfils_the_obligation(
    personas: Personas, campaign: Campaign
) -> None:
    halong = unit("193")
    lan = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    client = english(client_for(personas.halong_officer))
    send = reverse("awards:send", args=[campaign.pk])
    assert send in client.get(mine_url(campaign)).content.decode()
    response = client.post(send, {"note": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "You put forward fewer than the quota allows (1/2 individual, 0/2 collective)" in html
    lan.refresh_from_db()
    assert lan.state == State.DRAFT
    obligation = campaign.obligations.get(unit=halong, deliverable=Deliverable.NOMINATION)
    assert obligation.fulfilled_on is None

    response = client.post(send, {"note": "Chỉ một cá nhân đủ tiêu chuẩn"})
    assert response.status_code == 302 and response["Location"] == mine_url(campaign)
    lan.refresh_from_db()
    assert (lan.state, lan.first_sent_on) == (State.SENT, date(2013, 6, 20))
    obligation.refresh_from_db()
    assert obligation.fulfilled_on == date(2013, 6, 20)
    assert Submission.objects.get().note == "Chỉ một cá nhân đủ tiêu chuẩn"
    page = client.get(mine_url(campaign)).content.decode()
    assert send not in page  # nothing left to send
    assert "Chỉ một cá nhân đủ tiêu chuẩn" in page and "20/06/2013" in page

    # a second sending with nothing to send is refused, the note kept
    response = client.post(send, {"note": "Gửi lại"})
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTHING_TO_SEND in html and ">\nGửi lại</textarea>" in html
    assert Submission.objects.count() == 1


def test_a_full_quota_is_sent_without_a_note(personas: Personas, campaign: Campaign) -> None:
    halong = unit("193")
    for name in ("Nguyễn Thị Lan", "Trần Văn Bình"):
        nominate(campaign, halong, person(name))
    client = client_for(personas.halong_officer)
    for name in ("Trung tâm HTCĐ phường Hồng Hà", "Chi hội khuyến học khu 3"):
        client.post(
            new_url(campaign, "collective"),
            {
                "name": name,
                "workplace": "Thành phố Hạ Long",
                "field": "centre",
                "achievements": "x",
            },
        )
    assert Nomination.objects.filter(kind="collective").count() == 2
    response = client.post(reverse("awards:send", args=[campaign.pk]), {"note": ""})
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("state", flat=True)) == {State.SENT}


def test_a_draft_is_changed_and_removed_through_the_pages(
    personas: Personas, campaign: Campaign
) -> None:
    lan = nominate(campaign, unit("193"), person("Nguyễn Thị Lan"))
    client = english(client_for(personas.halong_officer))
    edit = reverse("awards:nomination_edit", args=[lan.pk])
    form = client.get(edit).content.decode()
    assert 'value="Nguyễn Thị Lan"' in form and 'value="1970"' in form
    response = client.post(
        edit,
        individual(name="Nguyễn Thị Lan", position="Phó Chủ tịch Hội", kind="collective"),
    )
    assert response.status_code == 302
    lan.refresh_from_db()
    assert lan.position == "Phó Chủ tịch Hội" and lan.kind == "individual"  # the kind stays
    history = client.get(reverse("awards:nomination", args=[lan.pk])).content.decode()
    assert "Changed" in history and "position" in history

    delete = reverse("awards:nomination_delete", args=[lan.pk])
    assert "This cannot be undone" in client.get(delete).content.decode()
    response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == mine_url(campaign)
    assert not Nomination.objects.exists()


def test_a_sent_nomination_cannot_be_changed_or_removed(
    personas: Personas, campaign: Campaign
) -> None:
    lan = nominate(campaign, unit("193"), person("Nguyễn Thị Lan"))
    nominations_send(campaign=campaign, unit=unit("193"), note="Một cá nhân", user=None)
    client = english(client_for(personas.halong_officer))
    page = reverse("awards:nomination", args=[lan.pk])
    for url in ("awards:nomination_edit", "awards:nomination_delete"):
        response = client.post(reverse(url, args=[lan.pk]), individual(name="Khác"))
        assert response.status_code == 302 and response["Location"] == page
    lan.refresh_from_db()
    assert lan.name == "Nguyễn Thị Lan" and lan.state == State.SENT
    html = client.get(page).content.decode()
    assert "only a draft or a returned nomination can be changed" in html
    assert reverse("awards:nomination_edit", args=[lan.pk]) not in html
    assert "Sent" in html and "Một cá nhân" in html  # the sending in its history


def test_a_draft_is_the_units_own_and_another_district_never_sees_its_nominations(
    personas: Personas, campaign: Campaign
) -> None:
    halong = unit("193")
    lan = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    lan_file = lan.files.create(
        file="nominations/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=3,
        uploaded_at=lan.created_at,
    )
    page = reverse("awards:nomination", args=[lan.pk])
    file_url = reverse("awards:file", args=[lan_file.pk])

    def status(persona: str, url: str) -> int:
        return client_for(personas.of(persona)).get(url).status_code

    assert status("halong_officer", page) == 200
    for persona in ("province_officer", "viewer", "mongcai_officer", "commune_officer_of_bai_chay"):
        assert status(persona, page) == 404, persona
        assert status(persona, file_url) == 404, persona
    nominations_send(campaign=campaign, unit=halong, note="Một cá nhân", user=None)
    assert status("province_officer", page) == 200
    assert status("viewer", page) == 200
    assert status("mongcai_officer", page) == 404
    for url in ("awards:nomination_edit", "awards:nomination_delete"):
        for persona in ("province_officer", "mongcai_officer"):
            assert status(persona, reverse(url, args=[lan.pk])) == 404, (url, persona)


def test_the_same_person_put_forward_twice_is_shown_to_the_unit_and_the_reviewer(
    personas: Personas, campaign: Campaign
) -> None:
    lan = nominate(campaign, unit("193"), person("Nguyễn Thị Lan"))
    nominate(campaign, unit("194"), person("NGUYỄN THỊ LAN"))
    for code in ("193", "194"):
        nominations_send(campaign=campaign, unit=unit(code), note="x", user=None)
    page = reverse("awards:nomination", args=[lan.pk])
    seen = "Also put forward by Thành phố Móng Cái (sent)"
    for persona in ("halong_officer", "province_officer"):
        assert seen in english(client_for(personas.of(persona))).get(page).content.decode()
    assert seen not in english(client_for(personas.viewer)).get(page).content.decode()


def test_who_reaches_the_nominations_page(personas: Personas, campaign: Campaign) -> None:
    url = mine_url(campaign)
    assert client_for(personas.halong_officer).get(url).status_code == 200
    for persona in ("viewer", "administrator", "outsider"):
        assert client_for(personas.of(persona)).get(url).status_code == 404, persona
    assert client_for(personas.halong_officer).get(new_url(campaign, "family")).status_code == 404
    # a commune takes part in the campaign but nothing gives it a quota
    response = english(client_for(personas.commune_officer_of_bai_chay)).get(url)
    assert response.status_code == 200
    assert "Nothing gives Phường Bãi Cháy a quota" in response.content.decode()
    response = client_for(personas.commune_officer_of_bai_chay).get(new_url(campaign))
    assert response.status_code == 302 and response["Location"] == url
    assert (
        client_for(personas.halong_officer)
        .get(reverse("awards:send", args=[campaign.pk]))
        .status_code
        == 405
    )


def test_the_work_page_leads_to_the_nominations(personas: Personas, campaign: Campaign) -> None:
    mine = mine_url(campaign)
    work = reverse("site:my_work", args=[campaign.pk])
    halong = english(client_for(personas.halong_officer)).get(work).content.decode()
    assert f'href="{mine}">Nominate</a>' in halong
    commune = client_for(personas.commune_officer_of_bai_chay)
    assert mine not in commune.get(work).content.decode()
    # once Hạ Long gives its communes a quota for its own conference
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    assert mine in commune.get(work).content.decode()
    page = english(commune).get(mine).content.decode()
    assert "Thành phố Hạ Long" in page and "Gia đình học tập tiêu biểu" in page
    assert "The rule of Thành phố Hạ Long for its conference" in page
    received = reverse("awards:received", args=[campaign.pk])
    assert received in client_for(personas.province_officer).get(work).content.decode()
    assert received in client_for(personas.halong_officer).get(work).content.decode()
    assert received not in commune.get(work).content.decode()
