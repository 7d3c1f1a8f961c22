"""A Word form knows the version it was made from: uploading an old form writes only the
sections its user changed, a section changed both in the file and on the site waits for
the user's choice, and a form without a version says so."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from tests.conftest import Personas, client_for
from tests.offline.test_word import (
    BAI_CHAY,
    as_upload,
    confirm_url,
    download,
    paragraph_after,
    vi,
)
from tests.reports.factories import report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Obligation
from xhht.offline.views import WORD_CHOOSE
from xhht.offline.word import PROPERTY_CHUNK, _read_properties, _write_properties
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report, SectionText
from xhht.reports.seen import seen_of

pytestmark = pytest.mark.django_db


def numbered(report: Report) -> dict[str, int]:
    return {s.number: s.pk for s in report.template.sections.all()}


def saved_texts() -> dict[str, str]:
    return {t.section.number: t.text for t in SectionText.objects.select_related("section")}


def upload(client: Any, obligation: Obligation, doc: Any) -> str:
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def states(response: Any) -> dict[str, str]:
    return {row.section.number: row.state for row in response.context["rows"]}


@pytest.fixture
def started(personas: Personas) -> tuple[Obligation, Report]:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=obligation, user=officer)
    n = numbered(report)
    texts = {n["1"]: "Cũ một.", n["2"]: "Cũ hai.", n["4.1"]: "Cũ bốn một."}
    report_save(report=report, texts=texts, values={}, user=officer)
    return obligation, report


def test_an_old_form_writes_only_the_sections_changed_in_it(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, report = started
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    n = numbered(report)
    # A colleague updates 2 and 4.1 on the site after the form was downloaded.
    report_save(
        report=report,
        texts={n["2"]: "Mới hai.", n["4.1"]: "Mới bốn một."},
        values={},
        user=personas.halong_officer,
        seen=seen_of(report),
    )
    paragraph_after(doc, "1. ").text = "Sửa một trong Word."
    location = upload(client, obligation, doc)
    preview = client.get(location)
    assert states(preview) == {
        "1": "changed",
        "2": "newer",
        "3": "empty",
        "4": "empty",
        "4.1": "newer",
        "4.2": "empty",
        "4.3": "empty",
        "5": "empty",
    }
    assert 'id="word-no-version"' not in preview.content.decode()
    assert client.post(confirm_url(location)).status_code == 302
    assert saved_texts() == {"1": "Sửa một trong Word.", "2": "Mới hai.", "4.1": "Mới bốn một."}
    changes = AuditEntry.objects.filter(action="report.text_changed", user=officer)
    assert changes.count() == 3 + 1  # the three first texts, then section 1 only


def test_a_section_changed_on_both_sides_is_written_only_after_the_user_chooses(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, report = started
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    n = numbered(report)
    report_save(
        report=report,
        texts={n["2"]: "Bản trên web."},
        values={},
        user=personas.halong_officer,
        seen=seen_of(report),
    )
    paragraph_after(doc, "2. ").text = "Bản Word."
    paragraph_after(doc, "3. ").text = "Nguyên nhân trong Word."
    location = upload(client, obligation, doc)
    preview = client.get(location)
    page = preview.content.decode()
    assert states(preview)["2"] == "conflict" and states(preview)["3"] == "changed"
    assert 'id="word-conflicts"' in page and "Bản trên web." in page and "Bản Word." in page
    assert f'name="choice_{n["2"]}"' in page

    response = client.post(confirm_url(location))  # no choice made
    assert response.status_code == 200 and vi(WORD_CHOOSE) in response.content.decode()
    assert saved_texts()["2"] == "Bản trên web." and "3" not in saved_texts()  # nothing

    against = next(row.shown for row in preview.context["rows"] if row.section.pk == n["2"])
    report_save(  # the site changes again while the user reads the preview
        report=report,
        texts={n["2"]: "Bản trên web, sửa lần hai."},
        values={},
        user=personas.halong_officer,
        seen=seen_of(report),
    )
    choose_file = {f"choice_{n['2']}": "file", f"shown_{n['2']}": against}
    response = client.post(confirm_url(location), choose_file)
    assert response.status_code == 200  # chosen against a text that is no longer saved
    assert "Bản trên web, sửa lần hai." in response.content.decode()
    assert saved_texts()["2"] == "Bản trên web, sửa lần hai." and "3" not in saved_texts()

    against = next(row.shown for row in response.context["rows"] if row.section.pk == n["2"])
    keep = {f"choice_{n['2']}": "saved", f"shown_{n['2']}": against}
    assert client.post(confirm_url(location), keep).status_code == 302
    assert saved_texts()["2"] == "Bản trên web, sửa lần hai."
    assert saved_texts()["3"] == "Nguyên nhân trong Word."


def test_taking_the_files_text_for_a_conflict_writes_it(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, report = started
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    n = numbered(report)
    report_save(
        report=report, texts={n["4.1"]: "Trên web."}, values={}, user=None, seen=seen_of(report)
    )
    paragraph_after(doc, "4.1. ").text = "Trong Word."
    location = upload(client, obligation, doc)
    against = next(r.shown for r in client.get(location).context["rows"] if r.state == "conflict")
    choice = {f"choice_{n['4.1']}": "file", f"shown_{n['4.1']}": against}
    assert client.post(confirm_url(location), choice).status_code == 302
    assert saved_texts()["4.1"] == "Trong Word."


def test_text_typed_with_blank_lines_left_alone_in_word_is_not_written_back(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, report = started
    officer = personas.commune_officer_of_bai_chay
    n = numbered(report)
    report_save(  # typed in the browser: blank lines, spaces at the ends
        report=report,
        texts={n["3"]: "Đoạn một. \r\n\r\n  Đoạn hai."},
        values={},
        user=officer,
        seen=seen_of(report),
    )
    client = client_for(officer)
    doc = download(client, obligation.pk)
    assert paragraph_after(doc, "3. ").text == "Đoạn một."  # one paragraph a line
    report_save(
        report=report,
        texts={n["3"]: "Đã sửa trên web."},
        values={},
        user=None,
        seen=seen_of(report),
    )
    paragraph_after(doc, "1. ").text = "Sửa một."
    location = upload(client, obligation, doc)
    assert states(client.get(location))["3"] == "newer"  # not a conflict: Word left it
    client.post(confirm_url(location))
    assert saved_texts()["3"] == "Đã sửa trên web." and saved_texts()["1"] == "Sửa một."


def test_a_form_without_a_version_replaces_what_differs_and_says_so(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, _report = started
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = Document()  # made by hand, or downloaded before forms carried their version
    doc.add_heading("1. Kết quả thực hiện", level=1)
    doc.add_paragraph("Cũ một.")
    doc.add_heading("2. Những tồn tại cần khắc phục", level=1)
    doc.add_paragraph("Hai viết tay.")
    location = upload(client, obligation, doc)
    preview = client.get(location)
    assert 'id="word-no-version"' in preview.content.decode()
    assert states(preview)["1"] == "same" and states(preview)["2"] == "changed"
    assert client.post(confirm_url(location)).status_code == 302
    assert saved_texts() == {"1": "Cũ một.", "2": "Hai viết tay.", "4.1": "Cũ bốn một."}
    changes = AuditEntry.objects.filter(action="report.text_changed", user=officer)
    assert changes.count() == 3 + 1  # the three first texts, then section 2 only


def test_the_version_travels_in_custom_properties_word_keeps(
    personas: Personas, started: tuple[Obligation, Report]
) -> None:
    obligation, _report = started
    response = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("offline:word_download", args=[obligation.pk])
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        custom = package.read("docProps/custom.xml").decode()
        assert "docProps/custom.xml" in package.read("[Content_Types].xml").decode()
    assert 'name="xhht-seen.1"' in custom and 'name="xhht-shown.1"' in custom
    doc = Document()
    long = "x" * (PROPERTY_CHUNK * 3 + 7)
    _write_properties(doc, {"xhht-seen": long, "other": "ngắn"})
    buffer = io.BytesIO()
    doc.save(buffer)
    again = Document(io.BytesIO(buffer.getvalue()))
    assert _read_properties(again) == {"xhht-seen": long, "other": "ngắn"}
    values = again.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
    ).blob.decode()
    assert values.count("<vt:lpwstr>") == 5  # Word keeps a text property of ≤ 255 characters
