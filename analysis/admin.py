from django.contrib import admin

from analysis.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: who exported what and when, for audit. Files are not served from here."""

    list_display = ["created_at", "user", "dataset", "format", "status", "total"]
    list_filter = ["dataset", "format", "status"]
    search_fields = ["user__email"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
