from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import User


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
