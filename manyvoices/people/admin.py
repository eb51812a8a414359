"""Django admin for administrators: people and invitations only (drafts never appear)."""

from django.contrib import admin

from .models import Invitation, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "department", "role", "is_active")
    list_filter = ("role", "department", "is_active")
    search_fields = ("email", "name", "department")
    exclude = ("password", "last_login")
    raw_id_fields = ("manager",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "created_at", "expires_at", "accepted_at")
    exclude = ("token_hash",)
    readonly_fields = ("invited_by", "created_at", "accepted_at")
