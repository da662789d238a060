from django.contrib import admin

from core.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Operators watch the outbox here: pending rows mean the broker was (or is) unreachable."""

    list_display = ("id", "task_name", "status", "attempts", "created_at", "sent_at", "last_error")
    list_filter = ("status", "task_name")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
