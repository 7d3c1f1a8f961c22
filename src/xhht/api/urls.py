"""/api/…: the JSON API and its description; the token pages are under accounts/."""

from django.urls import path

from xhht.api import views
from xhht.api.api import api

app_name = "tokens"

urlpatterns = [
    path("accounts/tokens/", views.tokens, name="tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]

api_urls = [path("api/", api.urls)]
