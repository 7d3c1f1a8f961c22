from django.urls import path

app_name = "directives"

urlpatterns: list = []
