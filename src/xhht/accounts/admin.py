from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import ManyToManyField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import User

# Django stores a permission's name in English ("Can add user"); the admin names it from
# its codename's action and its model's Vietnamese name instead.
PERMISSION_ACTIONS = {
    "add": _("may add"),
    "change": _("may change"),
    "delete": _("may delete"),
    "view": _("may view"),
}


def permission_label(permission: Permission) -> str:
    """“Tài khoản | người dùng | được thêm”: the app, the model, the action."""
    action = permission.codename.partition("_")[0]
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return str(permission)
    app = apps.get_app_config(model._meta.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {PERMISSION_ACTIONS[action]}"


class PermissionsField(forms.ModelMultipleChoiceField[Permission]):
    def label_from_instance(self, obj: Any) -> str:
        return permission_label(obj)


def _permissions_field(db_field: ManyToManyField[Any, Any], kwargs: dict[str, Any]) -> None:
    if db_field.name in ("permissions", "user_permissions"):
        kwargs["form_class"] = PermissionsField
        kwargs["queryset"] = Permission.objects.select_related("content_type")


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ("username", "unit", "role", "email", "is_active", "must_change_password")
    list_filter = ("role", "is_active", "must_change_password", "unit__level")
    search_fields = ("username", "email", "first_name", "last_name", "unit__name", "unit__code")
    autocomplete_fields = ("unit",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Acts for"), {"fields": ("unit", "role", "phone", "must_change_password")}),
    )

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        _permissions_field(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        _permissions_field(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
