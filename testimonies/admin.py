from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from core.exceptions import ApplicationError
from testimonies import services
from testimonies.models import ConsentText, OriginalTextAccess
from testimonies.selectors import consent_text_is_used


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    """Admins publish consent texts. A version someone agreed to is read-only: publish a new
    version instead (the service refuses any change to a used version)."""

    list_display = ("language", "version", "title", "created_at", "sha256")
    list_filter = ("language",)
    fields = ("language", "title", "body", "version", "sha256", "created_by", "created_at")
    readonly_fields = ("version", "sha256", "created_by", "created_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and consent_text_is_used(consent_text=obj):
            return ("language", "title", "body", *self.readonly_fields)
        if obj is not None:
            return ("language", *self.readonly_fields)
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change and not form.changed_data:
            return
        try:
            if change:
                saved = services.consent_text_update(
                    consent_text=obj, title=obj.title, body=obj.body
                )
            else:
                saved = services.consent_text_create(
                    language=obj.language, title=obj.title, body=obj.body, user=request.user
                )
        except ApplicationError as error:
            messages.error(request, error.message)
            raise PermissionDenied(error.message) from error
        obj.pk = saved.pk
        obj.version = saved.version
        obj.sha256 = saved.sha256


@admin.register(OriginalTextAccess)
class OriginalTextAccessAdmin(admin.ModelAdmin):
    """The audit log of reads of original texts: read-only."""

    list_display = ("at", "user", "testimony", "via")
    list_select_related = ("user", "testimony")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
