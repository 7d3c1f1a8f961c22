"""URL map of the whole site."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from xhht.api.urls import api_urls
from xhht.site.views.pages import healthz

admin.site.site_header = _("XHHT administration")
admin.site.site_title = _("XHHT")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("xhht.accounts.urls")),
    path("", include("xhht.campaigns.urls")),
    path("", include("xhht.reports.urls")),
    path("", include("xhht.rollup.urls")),
    path("", include("xhht.offline.urls")),
    path("", include("xhht.awards.urls")),
    path("", include("xhht.documents.urls")),
    path("", include("xhht.api.urls")),
    *api_urls,
    path("", include("xhht.site.urls")),
]
