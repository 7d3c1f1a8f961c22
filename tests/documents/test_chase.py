"""Chasing late units from the dashboard: the reminder mailed now, or the reminder letter
made, kept and mailed; only late units below one's own unit; a mail server down undoes
nothing."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document
from docx.document import Document as DocxDocument
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, Response, client_for, unit
from tests.mail import Mailbox, free_port
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, Obligation, Reminder
from xhht.campaigns.services import obligation_fulfil
from xhht.documents.kinds import MAKERS
from xhht.documents.letters import LISTED_BELOW, reminder_letter
from xhht.documents.models import GeneratedDocument, Kind
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db

AFTER_THE_COMMUNES_DEADLINE = date(2013, 6, 20)  # communes: conference and report by 10/06
BAI_CHAY_DESK = "vanthu.baichay@example.test"
GIENG_DAY = "06661"  # a commune of Hạ Long with no address at all
HA_KHANH = "06649"  # another commune of Hạ Long, done on time below


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    """Late communes everywhere; Bãi Cháy has a desk address and an officer, Giếng Đáy
    nothing; Hà Khánh did all its work."""
    OrgUnit.objects.filter(pk=unit("06673").pk).update(contact_email=BAI_CHAY_DESK)
    campaign = make_campaign(today=AFTER_THE_COMMUNES_DEADLINE)
    for obligation in Obligation.objects.filter(campaign=campaign, unit=unit(HA_KHANH)):
        obligation_fulfil(obligation=obligation, on=date(2013, 6, 5), user=None)
    return campaign


def chase(campaign: Campaign, letter: bool = False) -> str:
    return reverse("documents:chase_letter" if letter else "documents:chase", args=[campaign.pk])


def letter_of(document: GeneratedDocument) -> DocxDocument:
    with document.file.open("rb") as file:
        return Document(BytesIO(file.read()))


def all_text(word: DocxDocument) -> str:
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    return "\n".join([*(p.text for p in word.paragraphs), *cells])


def late_rows(word: DocxDocument) -> list[list[str]]:
    """The rows of the letter's table of late units, under its header."""
    for table in word.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and "Nội dung chưa thực hiện" in rows[0]:
            return rows[1:]
    raise AssertionError("no table of late units")


def said(response: Response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_letter_lists_the_late_units_chosen_and_reaches_them(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    client = client_for(personas.halong_officer)
    chosen = [unit("06673").pk, unit(GIENG_DAY).pk]
    response = client.post(chase(campaign, letter=True), {"unit": chosen})
    assert response.status_code == 302
    letter = GeneratedDocument.objects.get(kind=Kind.REMINDER)
    assert letter.unit == unit("193") and letter.created_by == personas.halong_officer
    word = letter_of(letter)
    assert "V/v đôn đốc thực hiện sơ kết" in all_text(word)
    rows = late_rows(word)
    listed = {row[1] for row in rows if row[1]}
    assert listed == {unit("06673").display_name, unit(GIENG_DAY).display_name}
    assert {row[3] for row in rows} == {"10/06/2013"} and {row[4] for row in rows} == {"10"}
    # Bãi Cháy's desk and its officer get the letter; Giếng Đáy has nowhere to be reached.
    [mail] = smtp_server.to(BAI_CHAY_DESK)
    assert personas.commune_officer_of_bai_chay.email in mail["To"]
    attached = [part.get_filename() for part in mail.iter_attachments()]
    assert attached == [letter.name]
    assert "10/06/2013" in Mailbox.text_of(mail)
    assert len(smtp_server.messages) == 1
    messages = said(response)
    assert any(unit(GIENG_DAY).display_name in m for m in messages)
    outcomes = AuditEntry.objects.filter(action="documents.chase_letter_mailed")
    assert sorted(e.changes["outcome"] for e in outcomes) == ["no_address", "sent"]
    assert Reminder.objects.filter(obligation__unit=unit("06673"), kind="after").count() == 2


def test_the_reminder_mail_now_counts_and_names_units_without_address(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(chase(campaign), {"unit": [unit("06673").pk, unit(GIENG_DAY).pk]})
    assert response.status_code == 302
    assert not GeneratedDocument.objects.exists()
    [mail] = smtp_server.to(BAI_CHAY_DESK)
    assert not list(mail.iter_attachments())
    messages = said(response)
    assert any("1" in m and unit(GIENG_DAY).display_name in m for m in messages)
    assert AuditEntry.objects.filter(action="documents.chase_mailed").count() == 2


def test_units_not_below_or_not_late_are_ignored(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    client = client_for(personas.halong_officer)
    posted = [unit("06673").pk, unit(HA_KHANH).pk, unit("06712").pk, unit("193").pk, "x"]
    client.post(chase(campaign, letter=True), {"unit": posted})
    word = letter_of(GeneratedDocument.objects.get())
    assert {row[1] for row in late_rows(word) if row[1]} == {unit("06673").display_name}
    assert [m["To"] for m in smtp_server.messages] == [smtp_server.messages[0]["To"]]
    assert BAI_CHAY_DESK in smtp_server.messages[0]["To"]


def test_a_district_cannot_chase_another_districts_communes(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    tran_phu = unit("06712")  # in Móng Cái
    for letter in (False, True):
        response = client_for(personas.halong_officer).post(
            chase(campaign, letter), {"unit": [tran_phu.pk]}
        )
        assert response.status_code == 302
    assert not smtp_server.messages
    assert not GeneratedDocument.objects.exists()
    assert not AuditEntry.objects.filter(unit=tran_phu).exists()


def test_only_a_province_or_district_chases_and_only_by_post(
    personas: Personas, campaign: Campaign
) -> None:
    for letter in (False, True):
        url = chase(campaign, letter)
        assert client_for(personas.halong_officer).get(url).status_code == 405
        for persona in ("commune_officer_of_bai_chay", "viewer", "outsider"):
            response = client_for(personas.of(persona)).post(url, {"unit": [unit("06673").pk]})
            assert response.status_code == 404, persona


def test_the_dashboard_offers_chasing_to_the_district_only(
    personas: Personas, campaign: Campaign
) -> None:
    dashboard = reverse("campaigns:dashboard", args=[campaign.pk])
    page = client_for(personas.halong_officer).get(dashboard).content.decode()
    assert chase(campaign) in page and chase(campaign, letter=True) in page
    assert f'name="unit" value="{unit("06673").pk}" checked' in page
    for persona in ("commune_officer_of_bai_chay", "viewer"):
        assert (
            chase(campaign) not in client_for(personas.of(persona)).get(dashboard).content.decode()
        )


def test_a_mail_server_down_keeps_the_letter_and_says_so(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    client = client_for(personas.halong_officer)
    response = client.post(chase(campaign, letter=True), {"unit": [unit("06673").pk]})
    assert response.status_code == 302
    assert GeneratedDocument.objects.filter(kind=Kind.REMINDER).count() == 1
    assert any(unit("06673").display_name in m for m in said(response))
    [entry] = AuditEntry.objects.filter(action="documents.chase_letter_mailed")
    assert entry.changes["outcome"] == "failed" and entry.changes["error"]
    assert not Reminder.objects.exists()


def test_the_provinces_letter_to_many_units_points_to_its_list(
    personas: Personas, campaign: Campaign
) -> None:
    document = reminder_letter(campaign, unit("22"), issued_on=AFTER_THE_COMMUNES_DEADLINE)
    assert document.addressees == [LISTED_BELOW]
    assert document.type_abbr == "" and document.subject.startswith("đôn đốc thực hiện sơ kết")
    [table] = document.sections[0].tables
    named = {row[1] for row in table.rows if row[1]}
    assert unit(HA_KHANH).display_name not in named
    assert unit("06712").display_name in named and unit("06673").display_name in named
    deliverables = {row[2] for row in table.rows}
    assert deliverables <= {"Tổ chức hội nghị sơ kết", "Báo cáo sơ kết"}


def test_the_documents_page_makes_the_letter_to_every_late_unit(
    personas: Personas, campaign: Campaign
) -> None:
    maker, levels = MAKERS[Kind.REMINDER]
    assert set(levels) == {Level.COUNTRY, Level.PROVINCE, Level.DISTRICT}
    made = maker(campaign, unit("193"), AFTER_THE_COMMUNES_DEADLINE, "12")
    assert made.name.endswith(".docx") and made.record["symbol"] == "BCĐ"
    names = {row[1] for row in late_rows(Document(BytesIO(made.data))) if row[1]}
    assert unit("06673").display_name in names and unit(GIENG_DAY).display_name in names
    assert unit(HA_KHANH).display_name not in names and unit("06712").display_name not in names
