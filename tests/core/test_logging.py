import logging

import pytest

from core.logging import redact

pytestmark = pytest.mark.django_db

TOKEN = "Zq8-secret-token-VALUE-that-must-not-leak"


@pytest.mark.parametrize(
    "path",
    [
        f"/t/{TOKEN}/",
        f"/accounts/confirm-email/{TOKEN}/",
        f"/accounts/password/reset/key/{TOKEN}/",
        f"/api/v1/anything/?code={TOKEN}&page=2",
    ],
)
def test_url_secrets_are_redacted(path):
    assert TOKEN not in redact(f"Not Found: {path}")
    assert "[redacted]" in redact(f"Not Found: {path}")


def test_ordinary_paths_are_kept():
    assert redact("Not Found: /events/demo-tie-summit/") == "Not Found: /events/demo-tie-summit/"


def test_a_mistyped_participant_link_does_not_log_its_token(client, caplog):
    # NOTE: a path no route matches, so Django's own 404 handling logs it.
    caplog.set_level(logging.DEBUG)
    response = client.get(f"/t/{TOKEN}/extra/")
    assert response.status_code == 404
    assert any("Not Found" in r.getMessage() for r in caplog.records)
    assert TOKEN not in caplog.text
