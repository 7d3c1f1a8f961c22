"""A Word upload waiting for confirmation is kept in the database, for its user alone: a new
session finds it, another user does not, and only the user's latest few are kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.offline.test_word import BAI_CHAY, as_upload, confirm_url, download, paragraph_after
from tests.reports.factories import report_obligation, seed_campaign
from xhht.offline.models import PendingWordUpload
from xhht.offline.views import KEEP_PENDING
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db


def test_a_pending_upload_outlives_the_session_and_stays_its_user_s(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả tốt."
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    preview = response["Location"]
    pending = PendingWordUpload.objects.get(user=officer)
    assert pending.obligation == obligation and pending.token in preview
    client.logout()
    again = client_for(officer)  # a new session, as after the browser was closed
    assert "Kết quả tốt." in again.get(preview).content.decode()
    # The district may enter the commune's report, but not confirm the commune's upload.
    assert client_for(personas.halong_officer).get(preview).status_code in (302, 404)
    assert again.post(confirm_url(preview)).status_code == 302
    assert [t.text for t in SectionText.objects.all()] == ["Kết quả tốt."]
    assert not PendingWordUpload.objects.exists()  # confirmed: no longer waiting


def test_only_the_latest_uploads_are_kept(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    for _ in range(KEEP_PENDING + 2):
        client.post(reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)})
    assert PendingWordUpload.objects.count() == KEEP_PENDING
