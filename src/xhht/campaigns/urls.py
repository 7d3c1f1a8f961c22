"""URLs of campaigns: one block per area; each view module owns its block."""

from django.urls import path

app_name = "campaigns"

urlpatterns: list = [
    # -- dashboards (views/dashboard.py) --
    # -- feeds and exports (views/feeds.py) --
    # -- a unit's own work: what it owes, conferences, rules for its subtree (views/work.py) --
]
