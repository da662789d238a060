from django.contrib import admin

from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    EventFacilitator,
    ProgrammeCountry,
    Session,
    SessionLog,
)
from events.services import commitment_status_change


class EventFacilitatorInline(admin.TabularInline):
    model = EventFacilitator
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "country", "starts_at", "status", "is_public", "is_demo"]
    list_filter = ["status", "kind", "country", "is_public", "is_demo"]
    search_fields = ["title", "slug", "city"]
    date_hierarchy = "starts_at"
    # SECURITY: the participant link's secret is managed by the rotate action, never shown here.
    exclude = ["submission_token", "paused_submission_token", "closed_at"]
    inlines = [EventFacilitatorInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "starts_at", "duration_minutes", "format"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    raw_id_fields = ["event"]
    filter_horizontal = ["facilitators"]


@admin.register(SessionLog)
class SessionLogAdmin(admin.ModelAdmin):
    list_display = ["session", "attendance_total", "updated_at"]
    list_select_related = ["session__event"]
    raw_id_fields = ["session", "logged_by"]


class CommitmentStatusChangeInline(admin.TabularInline):
    model = CommitmentStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_at", "changed_by", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "event", "status", "due_date"]
    list_filter = ["status"]
    list_select_related = ["event"]
    search_fields = ["organisation", "description", "event__title"]
    raw_id_fields = ["event", "session", "created_by"]
    filter_horizontal = ["themes"]
    inlines = [CommitmentStatusChangeInline]

    def save_model(self, request, obj, form, change):
        # NOTE: a status changed here goes through the same service as in the pages, so it is
        # checked, locked and recorded in the history the same way; the service runs first,
        # while the stored row still has the old status, then the admin saves the other fields.
        if change and "status" in form.changed_data:
            commitment_status_change(
                commitment=obj, user=request.user, status=obj.status, note="admin"
            )
        super().save_model(request, obj, form, change)


@admin.register(ProgrammeCountry)
class ProgrammeCountryAdmin(admin.ModelAdmin):
    list_display = ["country", "surveyed_since"]
