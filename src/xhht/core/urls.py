from django.urls import path

from xhht.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
]
