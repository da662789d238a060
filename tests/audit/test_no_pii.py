"""After a full flow, no entry holds the story, an e-mail address, a token, a code or an IP."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.roles import Role
from accounts.services import api_token_create, user_create
from audit.models import AuditEntry
from tests.factories import PASSWORD, mfa_enable, story_submit

pytestmark = pytest.mark.django_db

STORY = "My aunt Rosalind waited nine hours at the clinic in Valence and nobody explained why."
EMAIL = "rosalind.person@example.org"


def test_a_full_flow_leaves_no_personal_data_in_the_log(client_for, admin_user):
    researcher = user_create(email=EMAIL, password=PASSWORD, roles=[Role.RESEARCHER], verified=True)
    web = Client(REMOTE_ADDR="203.0.113.77")
    web.post("/accounts/login/", {"login": EMAIL, "password": "wrong-password-1"})
    web.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    mfa_enable(researcher)
    # The password step is audited; the two-factor step is passed as a signed-in session.
    web.force_login(researcher)
    token = api_token_create(user=researcher, name="Script")
    client_for(admin_user).post("/manage/original-text-log/", {"email": EMAIL})
    submission = story_submit(text=STORY, scopes=["research", "quote_anonymous"])
    story = submission.testimony
    web.get(f"/research/stories/{story.public_id}/")
    web.get(f"/stories/{story.public_id}/original/", REMOTE_ADDR="203.0.113.77")
    researcher.user_permissions.add(Permission.objects.get(codename="export_characteristics"))
    Client().post(
        "/withdraw/",
        {
            "code": submission.withdrawal_code,
            "step": "confirm",
            "what": "everything",
            "erase_confirmed": "yes",
        },
    )
    web.post("/accounts/logout/")

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "auth.login_failed",
        "auth.login",
        "auth.logout",
        "api_token.created",
        "original_text.granted",
        "original_text.read",
        "research_copy.read",
        "consent.given",
        "consent.withdrawn",
        "story.erased",
        "permission.granted",
    } <= actions
    dump = json.dumps(list(AuditEntry.objects.values()), default=str)
    for secret in (
        STORY,
        "Rosalind",
        "Valence",
        EMAIL,
        "example.org",
        token.key,
        submission.withdrawal_code,
        "203.0.113.77",
        "127.0.0.1",
        PASSWORD,
    ):
        assert secret not in dump, secret
