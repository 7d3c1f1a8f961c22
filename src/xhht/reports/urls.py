"""URLs of reports: one block per area; each view module owns its block."""

from django.urls import URLPattern, URLResolver, path

from xhht.reports.views import history as history_views
from xhht.reports.views import indicators, templates_edit
from xhht.reports.views import proposals as proposal_views
from xhht.reports.views import report as report_views
from xhht.reports.views import review as review_views
from xhht.reports.views import sending as sending_views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    # -- indicators, targets, rules, grants (views/indicators.py) --
    path("reports/indicators/", indicators.indicator_list, name="indicators"),
    path("reports/indicators/add/", indicators.indicator_add, name="indicator_add"),
    path("reports/indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("reports/indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path(
        "reports/indicators/<int:pk>/retire/", indicators.indicator_retire, name="indicator_retire"
    ),
    path(
        "reports/indicators/<int:pk>/restore/",
        indicators.indicator_restore,
        name="indicator_restore",
    ),
    path(
        "reports/indicators/<int:pk>/delete/", indicators.indicator_delete, name="indicator_delete"
    ),
    path("reports/indicators/<int:pk>/targets/add/", indicators.target_add, name="target_add"),
    path(
        "reports/indicators/<int:pk>/targets/delete/",
        indicators.target_delete,
        name="target_delete",
    ),
    path("reports/indicators/<int:pk>/grants/add/", indicators.grant_add, name="grant_add"),
    path(
        "reports/indicators/<int:pk>/grants/remove/",
        indicators.grant_remove,
        name="grant_remove",
    ),
    path("reports/rules/", indicators.rule_list, name="rules"),
    path("reports/rules/add/", indicators.rule_add, name="rule_add"),
    path("reports/rules/retire/", indicators.rule_retire, name="rule_retire"),
    path("reports/rules/restore/", indicators.rule_restore, name="rule_restore"),
    # -- a report: entry, history, sending, review, registration, proposals (views/report.py,
    # views/history.py, views/sending.py, views/proposals.py) --
    path("reports/obligations/<int:obligation_pk>/", report_views.report_page, name="report"),
    path(
        "reports/obligations/<int:obligation_pk>/open/",
        report_views.open_on_behalf,
        name="open",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/history/",
        history_views.history,
        name="history",
    ),
    path("reports/obligations/<int:obligation_pk>/send/", sending_views.send, name="send"),
    path(
        "reports/obligations/<int:obligation_pk>/send/to-leader/",
        sending_views.to_leader,
        name="to_leader",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/send/take-back/",
        sending_views.take_back,
        name="take_back",
    ),
    path("reports/obligations/<int:obligation_pk>/review/", review_views.review, name="review"),
    path(
        "reports/obligations/<int:obligation_pk>/review/accept/",
        review_views.accept,
        name="accept",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/review/return/",
        review_views.return_report,
        name="return",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/review/correct/",
        review_views.correct,
        name="correct",
    ),
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
    path(
        "reports/campaigns/<int:campaign_pk>/proposals/<int:proposal_pk>/forward/",
        proposal_views.forward,
        name="forward",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/proposals/<int:proposal_pk>/answer/",
        proposal_views.answer,
        name="answer",
    ),
    # -- editing a campaign's report templates (views/templates_edit.py) --
    path("reports/templates/", templates_edit.campaigns, name="templates"),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/",
        templates_edit.template_edit,
        name="template_edit",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/add/",
        templates_edit.section_add,
        name="template_section_add",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/rename/",
        templates_edit.section_rename,
        name="template_section_rename",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/up/",
        templates_edit.section_up,
        name="template_section_up",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/down/",
        templates_edit.section_down,
        name="template_section_down",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/retire/",
        templates_edit.section_retire,
        name="template_section_retire",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/restore/",
        templates_edit.section_restore,
        name="template_section_restore",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/sections/remove/",
        templates_edit.section_remove,
        name="template_section_remove",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/indicators/put-in/",
        templates_edit.indicator_put_in,
        name="template_indicator_in",
    ),
    path(
        "reports/campaigns/<int:campaign_pk>/templates/<str:level>/indicators/take-out/",
        templates_edit.indicator_take_out,
        name="template_indicator_out",
    ),
]
