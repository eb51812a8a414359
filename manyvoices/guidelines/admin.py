"""Django admin: policy history is read-only there; compliance edits in the pages."""

from django.contrib import admin

from .models import Acknowledgement, PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "created_at", "published_at")
    readonly_fields = (
        "name",
        "version",
        "yaml",
        "sha256",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
    )

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("user", "policy_version", "acknowledged_at")
    list_filter = ("policy_version",)
