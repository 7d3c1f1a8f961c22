"""URLs of reports: one block per area; each view module owns its block."""

from django.urls import URLPattern, URLResolver, path

from xhht.reports.views import indicators, templates_edit
from xhht.reports.views import proposals as proposal_views
from xhht.reports.views import report as report_views
from xhht.reports.views import review as review_views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    # -- indicators, targets, rules, grants (views/indicators.py) --
    path("reports/indicators/", indicators.indicator_list, name="indicators"),
    path("reports/indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("reports/rules/", indicators.rule_list, name="rules"),
    # -- a report: entry, sending, review, registration, proposals (views/report.py, views/proposals.py) --
    path("reports/obligations/<int:obligation_pk>/", report_views.report_page, name="report"),
    path("reports/obligations/<int:obligation_pk>/send/", report_views.send, name="send"),
    path("reports/obligations/<int:obligation_pk>/review/", review_views.review, name="review"),
    path(
        "reports/obligations/<int:obligation_pk>/register/",
        review_views.register,
        name="register",
    ),
    path("reports/attachments/<int:attachment_pk>/", report_views.attachment, name="attachment"),
    path("reports/campaigns/<int:campaign_pk>/received/", review_views.received, name="received"),
    path(
        "reports/campaigns/<int:campaign_pk>/proposals/",
        proposal_views.register,
        name="proposals",
    ),
    # -- editing a campaign's report templates (views/templates_edit.py) --
    path("reports/templates/", templates_edit.campaigns, name="templates"),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/",
        templates_edit.template_edit,
        name="template_edit",
    ),
]
