"""URLs of campaigns: one block per area; each view module owns its block."""

from django.urls import URLPattern, URLResolver, path

from xhht.campaigns.views import dashboard, directives, feeds, work

app_name = "campaigns"

urlpatterns: list[URLPattern | URLResolver] = [
    # -- directives: upload, review of the plan read from them, publishing (views/directives.py) --
    path("directives/", directives.directive_list, name="directive_list"),
    path("directives/<int:pk>/", directives.directive_review, name="directive_review"),
    path(
        "directives/<int:pk>/publish/",
        directives.directive_publish_confirm,
        name="directive_publish",
    ),
    path(
        "campaigns/<int:pk>/withdraw/",
        directives.campaign_withdraw_confirm,
        name="withdraw",
    ),
    # -- dashboards (views/dashboard.py) --
    path("campaigns/", dashboard.campaign_list, name="list"),
    path("campaigns/<int:pk>/", dashboard.campaign_dashboard, name="dashboard"),
    path("campaigns/<int:pk>/print/", dashboard.campaign_print, name="print"),
    path("campaigns/<int:pk>/calendar/", dashboard.campaign_calendar, name="calendar"),
    path(
        "campaigns/<int:pk>/calendar.xlsx", dashboard.campaign_calendar_xlsx, name="calendar_xlsx"
    ),
    path("campaigns/<int:pk>/status.xlsx", dashboard.campaign_status_xlsx, name="status_xlsx"),
    # -- feeds and exports (views/feeds.py) --
    path("campaigns/feeds/", feeds.subscribe, name="feeds"),
    path("campaigns/feeds/<str:token>.ics", feeds.user_ics, name="user_ics"),
    path("campaigns/units/<int:unit_pk>/deadlines.ics", feeds.unit_ics, name="unit_ics"),
    # -- a unit's own work: conferences, rules for its subtree (views/work.py); what it owes
    # is a page of the site, beside its reports' progress --
    path(
        "campaigns/<int:campaign_id>/work/<int:unit_id>/conference/",
        work.conference_record,
        name="conference_record",
    ),
    path(
        "campaigns/<int:campaign_id>/work/<int:unit_id>/conference/announce/",
        work.conference_announce,
        name="conference_announce",
    ),
    path("campaigns/<int:campaign_id>/rules/", work.rules, name="rules"),
    path(
        "campaigns/<int:campaign_id>/rules/deadlines/",
        work.rules_deadlines,
        name="rules_deadlines",
    ),
    path("campaigns/<int:campaign_id>/sector/", work.sector_line, name="sector_line"),
    path(
        "campaigns/<int:campaign_id>/sector/branches/",
        work.sector_line_branch,
        name="sector_line_branch",
    ),
    path(
        "campaigns/<int:campaign_id>/sector/branches/<int:branch_id>/invite/",
        work.sector_line_invite,
        name="sector_line_invite",
    ),
    path(
        "campaigns/<int:campaign_id>/sector/cascade/",
        work.sector_line_cascade,
        name="sector_line_cascade",
    ),
    path("campaigns/attachments/<int:attachment_id>/", work.attachment, name="attachment"),
]
