"""The dependencies' apps under Vietnamese names, for the admin's index.

django-tasks-db names its app in plain English ("Tasks Database Backend") and
django-axes not at all ("Axes"); neither goes through gettext, so the catalogue
cannot reword them. settings.INSTALLED_APPS lists these configs instead.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    # Lazy, as Django's own apps' names are (django-tasks-db types it as a plain str).
    verbose_name = _("Background tasks")  # type: ignore[assignment]


class AxesConfig(AxesAppConfig):  # type: ignore[misc]  # django-axes is untyped
    verbose_name = _("Login throttling")
