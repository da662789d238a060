"""The audit log in the admin: read-only, for admins only, filtered and downloadable as CSV."""

import csv
import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry

# SECURITY: a cell starting with one of these runs as a formula in a spreadsheet; it gets a
# leading apostrophe. NOTE: the same rule as core.exports, which audit (below core) cannot import.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = (
    "sequence",
    "at",
    "action",
    "actor_ref",
    "actor_label",
    "target_type",
    "target_id",
    "details",
    "prev_hash",
    "hash",
)


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(entries):
    """CSV lines for ``entries``, one at a time (the download streams)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                csv_safe(entry.sequence),
                csv_safe(entry.at.isoformat()),
                csv_safe(entry.action),
                csv_safe(entry.actor_ref),
                csv_safe(entry.actor_label),
                csv_safe(entry.target_type),
                csv_safe(entry.target_id),
                csv_safe(json.dumps(entry.details, sort_keys=True, ensure_ascii=False)),
                csv_safe(entry.prev_hash),
                csv_safe(entry.hash),
            ]
        )


class ActorFilter(admin.SimpleListFilter):
    """By account: the accounts that acted most recently (an id and roles, never a name)."""

    title = _("account")
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        seen: dict[int, str] = {}
        rows = AuditEntry.objects.exclude(actor_ref=None).order_by("-sequence")
        for ref, label in rows.values_list("actor_ref", "actor_label")[:2000]:
            seen.setdefault(ref, label)
            if len(seen) >= 50:
                break
        return sorted(seen.items())

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(actor_ref=int(value)) if value.isdigit() else queryset.none()


def _is_admin(user) -> bool:
    # NOTE: "admin" is accounts.roles.Role.ADMIN's group name (audit sits below accounts).
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name="admin").exists())
    )


class SequencePaginator(Paginator):
    """The admin's numbered pages at any depth (issue 22): ``OFFSET`` runs over the entries'
    numbers alone, read from the unique index on ``sequence``, and only the page's hundred rows
    are read in full, instead of reading and dropping every row before the page."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        wanted = list(queryset.values_list("sequence", flat=True)[bottom:top])
        rows = {row.sequence: row for row in queryset.filter(sequence__in=wanted)}
        return self._get_page([rows[s] for s in wanted if s in rows], number, self)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("sequence", "at", "action", "actor_label", "target_type", "target_id")
    list_filter = ("action", ActorFilter, ("at", admin.DateFieldListFilter))
    search_fields = ("=actor_ref", "actor_label", "=target_id")
    search_help_text = _("Search by account number, role or object number.")
    date_hierarchy = "at"
    # NOTE: the account itself (its name) is not shown: the log names actors by number and role.
    exclude = ("actor",)
    readonly_fields = [f.name for f in AuditEntry._meta.fields if f.name != "actor"]
    list_per_page = 100
    paginator = SequencePaginator
    show_full_result_count = False
    actions = None
    change_list_template = "admin/audit/auditentry/change_list.html"

    def has_module_permission(self, request):
        return _is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_csv)
        return [path("csv/", download, name="audit_auditentry_csv"), *super().get_urls()]

    def download_csv(self, request):
        """The list as filtered on the page (same query string), streamed as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        entries = self.get_changelist_instance(request).get_queryset(request)
        response = StreamingHttpResponse(
            csv_rows(entries.order_by("sequence")), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
        return response
