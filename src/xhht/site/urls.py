"""URLs of the site's own pages: home, unit pages, a unit's work in a campaign."""

from django.urls import path

from xhht.site.views import pages, work

app_name = "site"

urlpatterns = [
    path("", pages.home, name="home"),
    path("units/<int:unit_id>/", pages.unit_detail, name="unit"),
    path("campaigns/work/", work.my_work_current, name="my_work_current"),
    path("campaigns/<int:campaign_id>/work/", work.my_work, name="my_work"),
    path("campaigns/<int:campaign_id>/work/<int:unit_id>/", work.unit_work, name="unit_work"),
]
