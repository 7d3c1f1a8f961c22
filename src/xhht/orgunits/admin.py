from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xhht.orgunits.models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin[OrgUnit]):
    list_display = (
        "code",
        "shown_name",
        "type_label",
        "level",
        "parent",
        "valid_from",
        "valid_until",
    )
    list_filter = ("level", "type_label", "valid_from")
    search_fields = ("code", "name", "full_name", "short_name", "name_key")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "name_key")
    fields = (
        "code",
        "name",
        "full_name",
        "short_name",
        "type_label",
        "level",
        "parent",
        "valid_from",
        "valid_until",
        "contact_name",
        "contact_phone",
        "contact_email",
        "path",
        "name_key",
    )

    @admin.display(description=_("Name"), ordering="name")
    def shown_name(self, unit: OrgUnit) -> str:
        return unit.display_name
