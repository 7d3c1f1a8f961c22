from django.urls import path

from xhht.directives import views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="list"),
    path("<int:pk>/", views.directive_review, name="review"),
    path("<int:pk>/publish/", views.directive_publish_confirm, name="publish"),
]
