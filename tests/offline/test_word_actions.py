"""The Word preview's actions, each its own POST address: show again with the choices
made (nothing saved, nothing typed lost), discard, confirm; a GET there answers 405,
another unit's user 404, and a refused request leaves the upload waiting."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.conftest import Personas, client_for
from tests.offline.test_word import BAI_CHAY, as_upload, download, on_upload, paragraph_after, vi
from tests.reports.factories import report_obligation, seed_campaign
from xhht.campaigns.models import Obligation
from xhht.offline.models import PendingWordUpload
from xhht.offline.views import WORD_GONE
from xhht.reports.editing import report_save
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db

ACTIONS = ("offline:word_show_again", "offline:word_confirm", "offline:word_discard")


def uploaded(client: Client, obligation: Obligation, doc: Any) -> str:
    """Upload `doc`; the address of its preview."""
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    assert response.status_code == 302
    location: str = response["Location"]
    return location


def test_the_preview_posts_each_action_to_its_own_address(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả tốt."
    preview = uploaded(client, obligation, doc)
    page = client.get(preview).content.decode()
    assert f'action="{on_upload("offline:word_confirm", preview)}"' in page
    assert f'formaction="{on_upload("offline:word_show_again", preview)}"' in page
    assert f'formaction="{on_upload("offline:word_discard", preview)}"' in page
    assert 'name="action"' not in page


def test_each_action_takes_a_post_only_and_from_the_uploader_alone(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả tốt."
    preview = uploaded(client, obligation, doc)
    for name in ACTIONS:
        url = on_upload(name, preview)
        assert client.get(url).status_code == 405, name
        # the district too: the upload, like the commune's report until it is sent, is
        # the commune's own
        for other in (
            "commune_officer_of_tran_phu",
            "mongcai_officer",
            "outsider",
            "halong_officer",
        ):
            assert client_for(personas.of(other)).post(url).status_code == 404, (name, other)
    assert PendingWordUpload.objects.filter(user=officer).count() == 1
    assert not SectionText.objects.exists()


def test_show_again_keeps_the_places_and_choices_and_saves_nothing(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "2. ").text = "Bản Word."
    doc.add_heading("6. Hình ảnh hoạt động", level=1)
    doc.add_paragraph("Triển lãm tại nhà văn hóa.")
    preview = uploaded(client, obligation, doc)
    report = obligation.report
    sections = {s.number: s.pk for s in report.template.sections.all()}
    report_save(
        report=report,
        texts={sections["2"]: "Bản trên web."},
        values={},
        user=personas.halong_officer,
    )
    shown = next(r.shown for r in client.get(preview).context["rows"] if r.state == "conflict")
    posted = {
        "place_0": str(sections["5"]),
        f"choice_{sections['2']}": "file",
        f"shown_{sections['2']}": shown,
    }
    response = client.post(on_upload("offline:word_show_again", preview), posted)
    assert response.status_code == 200
    assert response.context["pieces"][0]["place"] == sections["5"]
    rows = {row.section.number: row for row in response.context["rows"]}
    assert rows["2"].choice == "file" and rows["2"].new == "Bản Word."
    assert rows["5"].new == "6. Hình ảnh hoạt động\nTriển lãm tại nhà văn hóa."
    page = response.content.decode()
    assert f'<option value="{sections["5"]}" selected>' in page
    assert f'name="choice_{sections["2"]}" value="file" checked' in page
    assert [t.text for t in SectionText.objects.all()] == ["Bản trên web."]  # nothing saved
    assert client.post(on_upload("offline:word_confirm", preview), posted).status_code == 302
    saved = {t.section.number: t.text for t in SectionText.objects.select_related("section")}
    assert saved == {"2": "Bản Word.", "5": "6. Hình ảnh hoạt động\nTriển lãm tại nhà văn hóa."}


def test_a_refused_confirmation_keeps_what_was_chosen(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = Document()
    doc.add_paragraph("Ghi chú của người soạn.")  # a piece: text before the first heading
    doc.add_heading("Những tồn tại cần khắc phục", level=1)
    doc.add_paragraph("Thiếu kinh phí.")
    doc.add_heading("Nguyên nhân, bài học kinh nghiệm", level=1)
    doc.add_paragraph("Thiếu cán bộ.")
    preview = uploaded(client, obligation, doc)
    report = obligation.report
    sections = {s.number: s.pk for s in report.template.sections.all()}
    report_save(report=report, texts={sections["2"]: "Trên web."}, values={}, user=None)
    posted = {"place_0": str(sections["1"])}  # a place, but the conflict left unanswered
    response = client.post(on_upload("offline:word_confirm", preview), posted)
    assert response.status_code == 200
    assert response.context["pieces"][0]["place"] == sections["1"]
    assert f'<option value="{sections["1"]}" selected>' in response.content.decode()
    assert [t.text for t in SectionText.objects.all()] == ["Trên web."]
    assert PendingWordUpload.objects.exists()


def test_discard_drops_the_upload_and_saves_nothing(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả tốt."
    preview = uploaded(client, obligation, doc)
    response = client.post(on_upload("offline:word_discard", preview))
    assert response.status_code == 302
    assert response["Location"] == reverse("offline:offline", args=[obligation.pk])
    assert not PendingWordUpload.objects.exists() and not SectionText.objects.exists()
    for name in ACTIONS:  # no longer waiting: said so, nothing done
        gone = client.post(on_upload(name, preview))
        assert gone.status_code == 302 and gone["Location"] == response["Location"]
        assert vi(WORD_GONE) in [str(m) for m in get_messages(gone.wsgi_request)]
    assert client.get(preview).status_code == 302
    assert not SectionText.objects.exists()
