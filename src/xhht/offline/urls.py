"""URLs of the Word and Excel round-trips of a report."""

from django.urls import URLPattern, URLResolver, path

from xhht.offline import views

app_name = "offline"

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/obligations/<int:obligation_pk>/offline/", views.offline, name="offline"),
    path(
        "reports/obligations/<int:obligation_pk>/outline.docx",
        views.word_download,
        name="word_download",
    ),
    path("reports/obligations/<int:obligation_pk>/word/", views.word_upload, name="word_upload"),
    path(
        "reports/obligations/<int:obligation_pk>/word/<str:token>/",
        views.word_preview,
        name="word_preview",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/word/<str:token>/again/",
        views.word_show_again,
        name="word_show_again",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/word/<str:token>/confirm/",
        views.word_confirm,
        name="word_confirm",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/word/<str:token>/discard/",
        views.word_discard,
        name="word_discard",
    ),
    path(
        "reports/obligations/<int:obligation_pk>/workbook.xlsx",
        views.xlsx_download,
        name="xlsx_download",
    ),
    path("reports/campaigns/<int:campaign_pk>/xlsx/", views.xlsx_upload, name="xlsx_upload"),
]
