"""Numbers too large for the database are a form's message, never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.reports.factories import report_obligation, seed_campaign
from xhht.reports.editing import report_open
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 30


def test_a_huge_revision_is_refused_with_nothing_written(personas: Personas) -> None:
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(seed_campaign(), "06673")
    report = report_open(obligation=obligation, user=officer)
    section = report.template.sections.order_by("order").first()
    assert section is not None
    response = client_for(officer).post(
        reverse("reports:report", args=[obligation.pk]),
        {"revision": HUGE, f"s{section.pk}": "Văn bản."},
    )
    assert response.status_code in (200, 400)
    assert not SectionText.objects.exists()


def test_a_huge_figure_is_refused_with_nothing_written(personas: Personas) -> None:
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(seed_campaign(), "06673")
    report = report_open(obligation=obligation, user=officer)
    row = report.values.first()
    assert row is not None
    page = client_for(officer).get(reverse("reports:report", args=[obligation.pk]))
    data = {k: "" if v is None else v for k, v in page.context["form"].initial.items()}
    field = next(name for name in page.context["form"].fields if name.endswith("-value"))
    data[field] = HUGE
    response = client_for(officer).post(reverse("reports:report", args=[obligation.pk]), data)
    assert response.status_code in (200, 400)
    report.refresh_from_db()
    assert report.revision == 0
