"""The admin page: read-only, admins only, filtered by action, actor and date; CSV download."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import Action, AuditEntry
from audit.services import audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/audit/auditentry/"
CSV = "/admin/audit/auditentry/csv/"


@pytest.fixture
def log(admin_user):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    audit_record(action=Action.LOGIN, actor=researcher, target=researcher)
    audit_record(action=Action.EXPORT_CREATED, actor=admin_user, details={"dataset": "codes"})
    audit_record(action=Action.LOGIN_FAILED, actor_label='=HYPERLINK("http://x")')
    return {"researcher": researcher}


def _rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_only_admins_see_the_log(client_for, admin_user, log):
    assert client_for(admin_user).get(LIST).status_code == 200
    staff_researcher = UserFactory(roles=[Role.RESEARCHER], is_staff=True)
    assert client_for(staff_researcher).get(LIST).status_code == 403
    assert client_for(staff_researcher).get(CSV).status_code == 403
    assert client_for(None).get(LIST).status_code == 302
    assert client_for(None).get(CSV).status_code == 302


def test_nothing_can_be_added_changed_or_deleted(client_for, admin_user, log):
    admin_user.is_superuser = True
    admin_user.save()
    c = client_for(admin_user)
    entry = AuditEntry.objects.get(action=Action.LOGIN, actor=log["researcher"])
    assert c.get(f"{LIST}add/").status_code == 403
    detail = c.get(f"{LIST}{entry.pk}/change/")
    assert detail.status_code == 200
    assert entry.hash in detail.content.decode()
    assert log["researcher"].email not in detail.content.decode()
    c.post(f"{LIST}{entry.pk}/change/", {"action": "auth.logout"})
    assert c.get(f"{LIST}{entry.pk}/delete/").status_code == 403
    assert c.post(f"{LIST}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == Action.LOGIN
    page = c.get(LIST).content.decode()
    assert "Download as CSV" in page
    assert 'name="action"' not in page  # no bulk actions (no "delete selected")


def test_filters_by_action_actor_and_date(client_for, admin_user, log):
    c = client_for(admin_user)
    by_action = list(c.get(LIST, {"action__exact": Action.LOGIN}).context["cl"].result_list)
    assert {e.action for e in by_action} == {Action.LOGIN}
    assert log["researcher"].pk in {e.actor_ref for e in by_action}
    assert AuditEntry.objects.exclude(action=Action.LOGIN).exists()
    by_actor = c.get(LIST, {"actor": str(log["researcher"].pk)})
    assert [e.actor_ref for e in by_actor.context["cl"].result_list] == [log["researcher"].pk]
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
    later = c.get(LIST, {"at__gte": tomorrow})
    assert list(later.context["cl"].result_list) == []


def test_csv_downloads_the_filtered_list_and_guards_formulas(client_for, admin_user, log):
    c = client_for(admin_user)
    everything = _rows(c.get(CSV))
    assert [int(r["sequence"]) for r in everything] == list(range(1, len(everything) + 1))
    assert len(everything) == AuditEntry.objects.count()
    assert {r["action"] for r in everything} >= {"auth.login", "export.created"}
    failed = [r for r in everything if r["action"] == "auth.login_failed"]
    assert failed[0]["actor_label"] == '\'=HYPERLINK("http://x")'
    only_exports = _rows(c.get(CSV, {"action__exact": Action.EXPORT_CREATED}))
    assert [r["action"] for r in only_exports] == ["export.created"]
    assert only_exports[0]["details"] == '{"dataset": "codes"}'
    assert only_exports[0]["hash"] == AuditEntry.objects.get(action="export.created").hash


def test_pages_at_depth_read_the_page_by_entry_number(client_for, admin_user):
    """SequencePaginator: page 3 of 250 entries holds entries 50 to 1, newest first, as the
    OFFSET over whole rows did."""
    for _ in range(250):
        audit_record(action=Action.LOGIN_FAILED, actor_label="bench")
    c = client_for(admin_user)
    numbers = sorted(AuditEntry.objects.values_list("sequence", flat=True), reverse=True)
    third = c.get(LIST, {"p": 3})
    assert third.status_code == 200
    shown = [entry.sequence for entry in third.context["cl"].result_list]
    assert shown == numbers[200:]
    second = c.get(LIST, {"p": 2, "o": "-1"})
    assert [e.sequence for e in second.context["cl"].result_list] == numbers[100:200]
