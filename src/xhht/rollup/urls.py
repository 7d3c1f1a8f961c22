"""URLs of the roll-up: a campaign's figures summed up the tree, in a page and a workbook."""

from django.urls import URLPattern, URLResolver, path

from xhht.rollup import views

app_name = "rollup"

urlpatterns: list[URLPattern | URLResolver] = [
    path("campaigns/<int:pk>/rollup/", views.rollup_page, name="page"),
    path("campaigns/<int:pk>/rollup.xlsx", views.rollup_xlsx, name="xlsx"),
    path("campaigns/<int:pk>/rollup/prefill/", views.rollup_prefill, name="prefill"),
]
