"""URLs of the awards: one block per area; each view module owns its block."""

from django.urls import URLPattern, URLResolver

from xhht.awards.views import nominations, papers, review, rules

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = [
    *rules.urlpatterns,  # a district's criteria and quotas (views/rules.py)
    *nominations.urlpatterns,  # a unit's own nominations and one nomination's page
    *review.urlpatterns,  # the level above: what it received, review, decision, the list
    *papers.urlpatterns,  # conference papers: proposed upward, selected for the programme
]
