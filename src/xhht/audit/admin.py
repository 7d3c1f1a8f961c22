from django.contrib import admin

from xhht.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("at", "user", "action", "object_type", "object_id", "unit")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "action", "user__username")
    readonly_fields = ("at", "user", "action", "object_type", "object_id", "unit", "changes")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
