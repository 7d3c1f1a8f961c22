"""URLs of reports: one block per area; each view module owns its block."""

from django.urls import path

app_name = "reports"

urlpatterns: list = [
    # -- indicators, targets, rules, grants, roll-up (views/indicators.py, views/rollup.py) --
    # -- a report: entry, sending, review, registration, proposals (views/report.py, views/proposals.py) --
    # -- Word and Excel round-trips (views/roundtrip.py) --
]
