"""Every page of the events app renders in French: no English string of our catalogue leaks
(a string shadowed by another catalogue, e.g. Django's own "Sessions", would)."""

from pathlib import Path

import polib
import pytest

from tests.events.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parents[2] / "events/locale/fr/LC_MESSAGES/django.po"
# English strings long enough to be unambiguous, whose French differs.
ENGLISH = sorted(
    {
        e.msgid
        for e in polib.pofile(str(PO))
        if e.msgstr and e.msgstr != e.msgid and len(e.msgid) >= 8 and "%" not in e.msgid
    }
)

PAGES = [
    "/events/",
    "/events/new/",
    "/events/import/",
    "/events/programme/",
    "/events/{e}/",
    "/events/{e}/edit/",
    "/events/{e}/facilitators/",
    "/events/{e}/sessions/new/",
    "/events/{e}/sessions/{s}/edit/",
    "/events/{e}/sessions/{s}/log/",
    "/events/{e}/commitments/",
    "/events/{e}/commitments/new/",
    "/events/{e}/commitments/{c}/edit/",
    "/events/{e}/link/",
    "/events/{e}/public/",
]


@pytest.mark.parametrize("pattern", PAGES)
def test_page_is_french(pattern, client_for, admin_user, event, session, log):
    commitment = CommitmentFactory(event=event)
    c = client_for(admin_user)
    url = pattern.format(e=event.slug, s=session.pk, c=commitment.pk)
    body = c.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in body
    leaks = [msgid for msgid in ENGLISH if f">{msgid}<" in body or f">{msgid}:<" in body]
    assert leaks == [], url
