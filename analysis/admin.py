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

    def has_delete_permission(self, request, obj=None):
        # NOTE: a job is deleted with its file when it expires; the lasting record of who
        # exported what is the audit log (audit.AuditEntry), which nobody can delete.
        return False
