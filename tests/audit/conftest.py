import pytest

from audit.models import AuditEntry


@pytest.fixture
def entries():
    """``entries(action)``: the entries of one action, oldest first."""

    def read(action):
        return list(AuditEntry.objects.filter(action=action).order_by("sequence"))

    return read
