"""THE table: every URL of the project and the status each role gets there
(tests/access/test_urls_by_role.py).

How to read an entry::

    "events:detail": Expect(get=EVENT_READ),
    "events:status": Expect(get=NOT_ALLOWED, post=EVENT_ACTION, data={"status": "closed"}),

- The key is the URL's full name (namespaces and name, as ``reverse`` takes it); an unnamed
  URL (a few admin ones) is keyed by its route. ``name#case`` adds a second case of one URL
  (other objects, say).
- ``get`` / ``post`` (and ``patch`` / ``delete`` for the API): the status per role for that
  method (``None``: not requested that way).
  A status set is ``statuses(default, role=status, ...)``: the default for every role not named.
  The POST body is ``data`` (empty by default: a write URL must then refuse or show its form
  again, never change anything; the test checks no row was written on a 200 or a refusal).
- URL arguments are filled from the test's objects (``world.py``) by argument name
  (``DEFAULT_KWARGS``); an entry can give its own: ``kwargs=lambda w: {"pk": w.memo.pk}``, and
  ``query="?language=en"``.
- The roles are in ``ROLES``. The objects belong to "participant" and "facilitator": the
  "other_participant" and "other_facilitator" (each with their own story and event) must get a
  404 on them. "granted_researcher" holds ``testimonies.view_original_text``; "admin" has the
  admin role and ``is_staff`` (not superuser).

A new URL without an entry fails the test, which prints the entry to add with the statuses it
saw: check each against what the page should allow before pasting it here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ANON = "anonymous"
PART = "participant"
OTHER_PART = "other_participant"
FAC = "facilitator"
OTHER_FAC = "other_facilitator"
RES = "researcher"
GRANTED = "granted_researcher"
ADMIN = "admin"
ROLES = (ANON, PART, OTHER_PART, FAC, OTHER_FAC, RES, GRANTED, ADMIN)


def statuses(default: int, **by_role: int) -> dict[str, int]:
    """The status for every role: ``default`` unless the role is named."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; the roles are {ROLES}")
    return {role: by_role.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Expect:
    get: dict[str, int] | None = None
    post: dict[str, int] | None = None
    patch: dict[str, int] | None = None  # API only (JSON body)
    delete: dict[str, int] | None = None  # API only
    # The body of POST/PATCH: a dict, or a function of the objects (``lambda w: {...}``).
    data: dict[str, Any] | Callable[[Any], dict[str, Any]] | None = None
    kwargs: Callable[[Any], dict[str, Any]] | None = None
    query: str = ""
    # A POST answered 200 may write: the page shows what it made (a new API key).
    post_writes: bool = False


# URL argument name -> the object it is filled with, unless the entry gives its own ``kwargs``.
DEFAULT_KWARGS: dict[str, Callable[[Any], Any]] = {
    "slug": lambda w: w.event.slug,
    "token": lambda w: w.event.submission_token,
    "event_id": lambda w: w.event.pk,
    "public_id": lambda w: w.story.public_id,
    "testimony_id": lambda w: w.story.pk,
    "job_id": lambda w: w.export.pk,
    "language": lambda w: "en",
    # The admin: an object that does not exist, the same for every model (a staff user is sent
    # back to the list, whatever their permissions).
    "object_id": lambda w: 0,
    "content_type_id": lambda w: w.event_content_type.pk,
    "url": lambda w: "no-such-page/",
}

# --- Status sets used by many entries (read a name as "who may") ---------------------------
PUBLIC = statuses(200)
NOT_ALLOWED = statuses(405)  # a POST-only URL that says so before asking who you are
SIGNED_IN = statuses(200, anonymous=302)
ADMIN_ONLY = statuses(403, anonymous=302, admin=200)
ADMIN_POST_ONLY = statuses(403, anonymous=302, admin=405)
# Events: our facilitator's event is a 404 for the other facilitator.
EVENT_READERS = statuses(200, anonymous=302, participant=403, other_participant=403)
EVENT_READ = {**EVENT_READERS, OTHER_FAC: 404}
EVENT_TEAM = statuses(403, anonymous=302, facilitator=200, other_facilitator=200, admin=200)
EVENT_EDIT = {**EVENT_TEAM, OTHER_FAC: 404}
EVENT_ACTION = statuses(403, anonymous=302, facilitator=302, other_facilitator=404, admin=302)
# Research: researchers (with or without the original-text grant) and administrators.
RESEARCH = statuses(403, anonymous=302, researcher=200, granted_researcher=200, admin=200)
RESEARCH_POST_ONLY = {**RESEARCH, RES: 405, GRANTED: 405, ADMIN: 405}
RESEARCH_ACTION = {**RESEARCH, RES: 302, GRANTED: 302, ADMIN: 302}
# Participants: their own story is a 404 for everyone else.
OWN_STORY = statuses(404, anonymous=302, participant=200)
# The API answers 401 to anonymous callers.
API_SIGNED_IN = statuses(200, anonymous=401)
API_EVENT_READERS = statuses(200, anonymous=401, participant=403, other_participant=403)
API_EVENT_READ = {**API_EVENT_READERS, OTHER_FAC: 404}
API_EVENT_WRITE = statuses(403, anonymous=401, facilitator=400, other_facilitator=400, admin=400)
API_RESEARCH = statuses(403, anonymous=401, researcher=200, granted_researcher=200, admin=200)
API_RESEARCH_400 = {**API_RESEARCH, RES: 400, GRANTED: 400, ADMIN: 400}
API_RESEARCH_405 = {**API_RESEARCH, RES: 405, GRANTED: 405, ADMIN: 405}
API_ADMIN_ONLY = statuses(403, anonymous=401, admin=200)
# The Django admin: non-staff users are sent to its sign-in page; our "admin" is staff without
# model permissions (a superuser would get 200).
ADMIN_SITE = statuses(302, admin=200)
ADMIN_MODEL = statuses(302, admin=403)

URLS: dict[str, Expect] = {
    "home": Expect(get=PUBLIC),
    "dashboard": Expect(get=SIGNED_IN),
    "account_login": Expect(get=statuses(302, anonymous=200)),
    "account_logout": Expect(get=SIGNED_IN, post=statuses(302)),
    "account_inactive": Expect(get=PUBLIC, post=NOT_ALLOWED),
    "account_signup": Expect(get=statuses(302, anonymous=200)),
    "account_reauthenticate": Expect(get=SIGNED_IN),
    "account_request_reauthentication_code": Expect(get=SIGNED_IN),
    "account_confirm_reauthentication_code": Expect(get=statuses(302)),
    "account_email": Expect(get=SIGNED_IN, post=statuses(302)),
    "account_email_verification_sent": Expect(get=PUBLIC, post=NOT_ALLOWED),
    "account_change_password": Expect(get=SIGNED_IN),
    "account_set_password": Expect(get=statuses(302)),
    "account_reset_password": Expect(get=PUBLIC),
    "account_confirm_login_code": Expect(get=statuses(302)),
    "account_confirm_email": Expect(
        get=PUBLIC,
        post=statuses(404),
        kwargs=lambda w: {"key": "not-a-real-key"},
    ),
    "account_reset_password_from_key_done": Expect(get=PUBLIC, post=NOT_ALLOWED),
    "account_reset_password_from_key": Expect(
        get=PUBLIC,
        kwargs=lambda w: {"uidb36": "zz", "key": "not-a-real-key"},
    ),
    "account_reset_password_done": Expect(get=PUBLIC, post=NOT_ALLOWED),
    "mfa_index": Expect(get=SIGNED_IN, post=statuses(405, anonymous=302)),
    "mfa_authenticate": Expect(get=statuses(302)),
    # Researchers and admins have an authenticator app (the factories give one to the roles
    # that need it): they may re-check their code; a role that needs it can't switch it off.
    "mfa_reauthenticate": Expect(
        get=statuses(302, researcher=200, granted_researcher=200, admin=200)
    ),
    "mfa_activate_totp": Expect(get=statuses(302)),
    "mfa_deactivate_totp": Expect(
        get=statuses(404, anonymous=302, researcher=302, granted_researcher=302, admin=302)
    ),
    "mfa_view_recovery_codes": Expect(
        get=statuses(404, anonymous=302),
        post=statuses(405, anonymous=302),
    ),
    "mfa_generate_recovery_codes": Expect(get=statuses(302)),
    "mfa_download_recovery_codes": Expect(get=statuses(404, anonymous=302)),
    # People (issue 17.1): admins only; the person is our facilitator. An empty POST changes
    # nothing (an invalid form is a message and a redirect; the invitation form is shown again).
    "people:list": Expect(get=ADMIN_ONLY),
    "people:invite": Expect(get=ADMIN_ONLY, post=ADMIN_ONLY),
    "people:detail": Expect(get=ADMIN_ONLY, kwargs=lambda w: {"pk": w.users[FAC].pk}),
    "people:role": Expect(
        get=ADMIN_POST_ONLY,
        post=statuses(403, anonymous=302, admin=302),
        kwargs=lambda w: {"pk": w.users[FAC].pk},
    ),
    "people:grant": Expect(
        get=ADMIN_POST_ONLY,
        post=statuses(403, anonymous=302, admin=302),
        kwargs=lambda w: {"pk": w.users[FAC].pk},
    ),
    "people:active": Expect(
        get=ADMIN_POST_ONLY,
        post=statuses(403, anonymous=302, admin=302),
        kwargs=lambda w: {"pk": w.users[FAC].pk},
    ),
    "people:invitation": Expect(
        get=ADMIN_POST_ONLY,
        post=statuses(403, anonymous=302, admin=302),
        kwargs=lambda w: {"pk": w.users[FAC].pk},
    ),
    "person_events:list": Expect(
        get=ADMIN_ONLY, post=ADMIN_ONLY, kwargs=lambda w: {"pk": w.users[FAC].pk}
    ),
    "person_events:remove": Expect(
        get=ADMIN_POST_ONLY,
        post=statuses(403, anonymous=302, admin=404),
        kwargs=lambda w: {"pk": w.users[FAC].pk, "event_id": w.other_event.pk},
    ),
    # A POST makes a new key and shows it once on the 200 page.
    # Creating a token needs a fresh two-factor check: without an authenticator app
    # (participants, facilitators) the page sends them to set one up first.
    "accounts:api_token": Expect(
        get=SIGNED_IN,
        post=statuses(302, researcher=200, granted_researcher=200, admin=200),
        data={"action": "create", "name": "Script"},
        post_writes=True,
    ),
    # The researcher's own token: only they may revoke it; for anyone else it does not exist.
    "accounts:api_token_revoke": Expect(
        get=NOT_ALLOWED | {ANON: 302},
        post=statuses(404, anonymous=302, researcher=302),
        kwargs=lambda w: {"pk": w.api_token.pk},
        post_writes=True,
    ),
    "events:list": Expect(get=EVENT_READERS),
    "events:create": Expect(get=EVENT_TEAM, post=EVENT_TEAM),
    "events:import": Expect(get=EVENT_TEAM, post=EVENT_TEAM),
    "events:export": Expect(get=EVENT_READERS),
    "events:programme": Expect(get=ADMIN_ONLY),
    "events:detail": Expect(get=EVENT_READ),
    "events:edit": Expect(get=EVENT_EDIT, post=EVENT_EDIT),
    # Closing first shows a confirmation page (nothing changes); the confirmed POST closes.
    "events:status": Expect(
        get=NOT_ALLOWED,
        post={**EVENT_ACTION, FAC: 200, ADMIN: 200},
        data={"status": "closed"},
    ),
    "events:status#confirmed": Expect(
        get=NOT_ALLOWED, post=EVENT_ACTION, data={"status": "closed", "confirm": "on"}
    ),
    "events:facilitators": Expect(get=EVENT_EDIT, post=EVENT_EDIT),
    "events:facilitator_remove": Expect(
        get=NOT_ALLOWED,
        post=EVENT_ACTION,
        kwargs=lambda w: {"slug": w.event.slug, "user_id": w.users["facilitator"].pk},
    ),
    "events:session_create": Expect(get=EVENT_EDIT, post=EVENT_EDIT),
    "events:session_edit": Expect(
        get=EVENT_EDIT,
        post=EVENT_EDIT,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.session.pk},
    ),
    "events:session_delete": Expect(
        get=NOT_ALLOWED,
        post=EVENT_ACTION,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.session.pk},
    ),
    "events:session_log": Expect(
        get=EVENT_EDIT,
        post=EVENT_EDIT,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.session.pk},
    ),
    "events:commitments": Expect(get=EVENT_READ),
    "events:commitment_create": Expect(get=EVENT_EDIT, post=EVENT_EDIT),
    "events:commitment_edit": Expect(
        get=EVENT_EDIT,
        post=EVENT_EDIT,
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.commitment.pk},
    ),
    "events:commitment_status": Expect(
        get=NOT_ALLOWED,
        post=EVENT_ACTION,
        data={"status": "done"},
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.commitment.pk},
    ),
    "events:link": Expect(get=EVENT_EDIT),
    "events:link_rotate": Expect(get=NOT_ALLOWED, post=EVENT_ACTION),
    "events:qr_png": Expect(get=EVENT_EDIT),
    "events:qr_svg": Expect(get=EVENT_EDIT),
    "events:public": Expect(get=PUBLIC),
    "coding:queue": Expect(get=RESEARCH),
    "coding:story": Expect(get=RESEARCH),
    "coding:story_parts": Expect(get=RESEARCH),
    "coding:apply": Expect(
        get=RESEARCH_POST_ONLY,
        post=statuses(403, anonymous=302, researcher=400, granted_researcher=400, admin=400),
    ),
    "coding:blind": Expect(get=RESEARCH_POST_ONLY, post=RESEARCH_ACTION),
    "coding:blind_mode": Expect(get=RESEARCH_POST_ONLY, post=RESEARCH_ACTION),
    "coding:complete": Expect(get=RESEARCH_POST_ONLY, post=RESEARCH_ACTION),
    "coding:application_delete": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.application.pk},
    ),
    "coding:application_comment": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.application.pk},
    ),
    "coding:suggestion_accept": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.suggestion.pk},
    ),
    "coding:suggestion_reject": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.suggestion.pk},
    ),
    "coding:codebooks": Expect(get=RESEARCH),
    "coding:codebook_create": Expect(get=ADMIN_ONLY, post=ADMIN_ONLY),
    "coding:codebook_import": Expect(get=ADMIN_ONLY, post=statuses(403, anonymous=302, admin=400)),
    "coding:codebook": Expect(get=RESEARCH, kwargs=lambda w: {"slug": w.codebook.slug}),
    "coding:code_create": Expect(
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        kwargs=lambda w: {"slug": w.codebook.slug},
    ),
    "coding:codebook_export_qdc": Expect(get=RESEARCH, kwargs=lambda w: {"slug": w.codebook.slug}),
    "coding:codebook_export_csv": Expect(get=RESEARCH, kwargs=lambda w: {"slug": w.codebook.slug}),
    "coding:codebook_versions": Expect(get=RESEARCH, kwargs=lambda w: {"slug": w.codebook.slug}),
    "coding:codebook_version": Expect(
        get=RESEARCH,
        kwargs=lambda w: {"slug": w.codebook.slug, "number": w.version.number},
    ),
    "coding:code": Expect(get=RESEARCH, kwargs=lambda w: {"pk": w.code.pk}),
    "coding:code_edit": Expect(get=ADMIN_ONLY, post=ADMIN_ONLY, kwargs=lambda w: {"pk": w.code.pk}),
    "coding:code_move": Expect(get=ADMIN_ONLY, post=ADMIN_ONLY, kwargs=lambda w: {"pk": w.code.pk}),
    "coding:code_merge": Expect(
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        kwargs=lambda w: {"pk": w.code.pk},
    ),
    "coding:code_delete": Expect(
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        kwargs=lambda w: {"pk": w.code.pk},
    ),
    "coding:memos": Expect(get=RESEARCH),
    "coding:memo_create": Expect(get=RESEARCH_POST_ONLY, post=RESEARCH_ACTION),
    "coding:memo_edit": Expect(
        get=statuses(403, anonymous=302, researcher=200),
        post=statuses(403, anonymous=302, researcher=200),
        kwargs=lambda w: {"pk": w.memo.pk},
    ),
    "coding:memo_delete": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.memo.pk},
    ),
    "coding:agreement": Expect(get=RESEARCH),
    "coding:disagreements": Expect(get=RESEARCH),
    "coding:reconcile": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"testimony_id": w.story.pk, "code_id": w.code.pk},
    ),
    "analysis:themes": Expect(get=RESEARCH),
    "analysis:timeline": Expect(get=RESEARCH),
    "analysis:cooccurrence": Expect(get=RESEARCH),
    "analysis:trust": Expect(get=RESEARCH),
    "analysis:chart_csv": Expect(get=RESEARCH, kwargs=lambda w: {"key": "themes"}),
    "analysis:chart_svg": Expect(get=RESEARCH, kwargs=lambda w: {"key": "themes"}),
    "analysis:search": Expect(get=RESEARCH),
    "analysis:quotes": Expect(get=RESEARCH),
    "analysis:quote_sheet": Expect(get=RESEARCH_POST_ONLY, post=RESEARCH_ACTION),
    "analysis:exports": Expect(get=RESEARCH, post=RESEARCH),
    "analysis:qdpx_import": Expect(get=RESEARCH, post=RESEARCH),
    "analysis:qdpx_import_codes": Expect(
        get=statuses(403, anonymous=302, researcher=404, granted_researcher=404, admin=404),
        kwargs=lambda w: {"event_id": w.event.pk, "token": "x" * 32},
    ),
    "analysis:export_detail": Expect(
        get=statuses(403, anonymous=302, researcher=200, granted_researcher=404, admin=404),
    ),
    "analysis:export_download": Expect(
        get=statuses(403, anonymous=302, researcher=404, granted_researcher=404, admin=404),
    ),
    "nlp:overview": Expect(get=RESEARCH, post=RESEARCH),
    "nlp:job": Expect(get=RESEARCH, kwargs=lambda w: {"pk": w.job.pk}),
    "nlp:job-action": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.job.pk, "action": "pause"},
    ),
    "nlp:lexicon": Expect(get=RESEARCH, post=RESEARCH),
    "nlp:lexicon-toggle": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.lexicon_entry.pk},
    ),
    "nlp:lexicon-delete": Expect(
        get=RESEARCH_POST_ONLY,
        post=RESEARCH_ACTION,
        kwargs=lambda w: {"pk": w.lexicon_entry.pk},
    ),
    "nlp:classifier": Expect(get=RESEARCH, post=RESEARCH_ACTION),
    "nlp:failures": Expect(get=ADMIN_ONLY),
    "nlp:failure-resolve": Expect(
        get=statuses(403, anonymous=302, admin=405),
        post=statuses(403, anonymous=302, admin=302),
        kwargs=lambda w: {"pk": w.failure.pk},
    ),
    "testimonies:submit": Expect(get=PUBLIC, post=statuses(400)),
    "testimonies:withdraw": Expect(get=PUBLIC, post=statuses(400)),
    "testimonies:receipt_print": Expect(get=PUBLIC, post=statuses(400)),
    "testimonies:consent_text": Expect(
        get=PUBLIC,
        kwargs=lambda w: {"language": "en", "version": w.consent_text.version},
    ),
    "testimonies:my_receipts": Expect(get=SIGNED_IN),
    "testimonies:my_receipt": Expect(get=OWN_STORY),
    "testimonies:my_receipt_json": Expect(get=OWN_STORY),
    "testimonies:my_receipt_print": Expect(get=OWN_STORY),
    "testimonies:my_withdraw": Expect(
        get=OWN_STORY,
        post=statuses(404, anonymous=302, participant=400),
    ),
    "testimonies:my_data": Expect(get=SIGNED_IN),
    "programme:you_said_we_did": Expect(get=PUBLIC),
    "programme:you_said_we_did_csv": Expect(get=PUBLIC),
    # Closing the loop (issue 20): the code is the only secret; an empty POST finds no story.
    "testimonies:my_story": Expect(get=PUBLIC, post=statuses(400)),
    "testimonies:my_story_own": Expect(
        get=OWN_STORY, post=statuses(404, anonymous=302, participant=200)
    ),
    # An unknown token: the page says so and nothing changes.
    "testimonies:unsubscribe": Expect(get=PUBLIC, post=PUBLIC),
    "testimonies:quote_request": Expect(
        get=RESEARCH, post={**RESEARCH, RES: 400, GRANTED: 400, ADMIN: 400}
    ),
    "testimonies:commitment_quotes": Expect(
        get=EVENT_EDIT,
        post=EVENT_ACTION,
        kwargs=lambda w: {"event_id": w.event.pk, "pk": w.commitment.pk},
    ),
    "testimonies:research_list": Expect(get=RESEARCH),
    "testimonies:research_detail": Expect(get=RESEARCH),
    "testimonies:original_text": Expect(
        get=statuses(
            404, anonymous=302, participant=403, other_participant=403, granted_researcher=200
        ),
    ),
    "testimonies:consent_text_admin": Expect(
        get=ADMIN_ONLY,
        post=statuses(403, anonymous=302, admin=400),
    ),
    "testimonies:consent_text_edit": Expect(
        get=ADMIN_ONLY,
        post=statuses(403, anonymous=302, admin=409),
        kwargs=lambda w: {"pk": w.consent_text.pk},
    ),
    "testimonies:original_text_audit": Expect(
        get=ADMIN_ONLY,
        post=statuses(403, anonymous=302, admin=400),
    ),
    # Spoken stories (voice app). A recording is reached only by the browser session that
    # started it (or came back with its code): from any other session, whoever signs in, 404
    # (the URL is filled with a story's id, not a recording's: found for nobody).
    "voice:speak": Expect(get=statuses(405), post=statuses(400)),
    "voice:return": Expect(get=statuses(200), post=statuses(400)),
    "voice:facilitator_speak": Expect(
        get=statuses(403, anonymous=302, facilitator=405, other_facilitator=405, admin=405),
        post=statuses(403, anonymous=302, facilitator=400, other_facilitator=404, admin=400),
    ),
    "voice:recording": Expect(get=statuses(404), post=statuses(404)),
    "voice:upload": Expect(get=statuses(404), post=statuses(404)),
    "voice:progress": Expect(get=statuses(404)),
    "voice:audio": Expect(get=statuses(404)),
    # Researchers only; the story has no recording here, so even the granted one finds none.
    "voice:research_recording": Expect(
        get=statuses(403, anonymous=302, researcher=404, granted_researcher=404, admin=404)
    ),
    "testimonies:facilitator_overview": Expect(get=EVENT_TEAM),
    "testimonies:import_template": Expect(get=EVENT_TEAM),
    "testimonies:facilitator_event": Expect(get=EVENT_EDIT),
    "testimonies:facilitator_entry": Expect(
        get=EVENT_EDIT,
        post=statuses(403, anonymous=302, facilitator=400, other_facilitator=404, admin=400),
    ),
    "testimonies:facilitator_import": Expect(
        get=EVENT_EDIT,
        post=statuses(403, anonymous=302, facilitator=400, other_facilitator=404, admin=400),
    ),
    # The import's withdrawal codes, once: an unknown or used token goes back to the import page.
    "testimonies:import_codes": Expect(
        get=EVENT_ACTION,
        post=statuses(403, anonymous=302, facilitator=405, other_facilitator=405, admin=405),
    ),
    "set_language": Expect(get=statuses(302)),
    "javascript_catalog": Expect(get=PUBLIC, post=NOT_ALLOWED),
    "api:me": Expect(get=API_SIGNED_IN),
    "api:events-api:event-list": Expect(
        get=API_EVENT_READERS,
        post=statuses(403, anonymous=401, facilitator=400, other_facilitator=400, admin=400),
    ),
    "api:events-api:event-detail": Expect(
        get=API_EVENT_READ,
        patch=statuses(403, anonymous=401, facilitator=200, other_facilitator=404, admin=200),
    ),
    "api:events-api:event-status": Expect(
        get=statuses(405, anonymous=401, participant=403, other_participant=403),
        post=statuses(403, anonymous=401, facilitator=400, other_facilitator=404, admin=400),
    ),
    "api:events-api:session-list": Expect(
        get=API_EVENT_READERS,
        post=statuses(403, anonymous=401, facilitator=400, other_facilitator=400, admin=400),
    ),
    "api:events-api:session-detail": Expect(
        get=API_EVENT_READ,
        patch=statuses(403, anonymous=401, facilitator=200, other_facilitator=404, admin=200),
        delete=statuses(403, anonymous=401, facilitator=204, other_facilitator=404, admin=204),
        kwargs=lambda w: {"pk": w.session.pk},
    ),
    "api:events-api:session-log-list": Expect(
        get=API_EVENT_READERS,
        post=statuses(403, anonymous=401, facilitator=400, other_facilitator=400, admin=400),
    ),
    "api:events-api:session-log-detail": Expect(
        get=API_EVENT_READ,
        patch=statuses(403, anonymous=401, facilitator=200, other_facilitator=404, admin=200),
        kwargs=lambda w: {"pk": w.log.pk},
    ),
    "api:events-api:commitment-list": Expect(
        get=API_EVENT_READERS,
        post=statuses(403, anonymous=401, facilitator=400, other_facilitator=400, admin=400),
    ),
    "api:events-api:commitment-detail": Expect(
        get=API_EVENT_READ,
        patch=statuses(403, anonymous=401, facilitator=200, other_facilitator=404, admin=200),
        kwargs=lambda w: {"pk": w.commitment.pk},
    ),
    "api:testimonies-api:consent-text-current": Expect(get=PUBLIC),
    "api:testimonies-api:testimony-create": Expect(get=NOT_ALLOWED, post=statuses(400)),
    "api:testimonies-api:receipt-list": Expect(get=API_SIGNED_IN),
    "api:testimonies-api:receipt-detail": Expect(get=statuses(404, anonymous=401, participant=200)),
    "api:testimonies-api:withdrawal": Expect(get=NOT_ALLOWED, post=statuses(400)),
    "api:testimonies-api:research-copy-list": Expect(get=API_RESEARCH),
    "api:testimonies-api:research-copy-detail": Expect(get=API_RESEARCH),
    "api:testimonies-api:event-testimony-counts": Expect(get=API_EVENT_READ),
    "api:testimonies-api:my-data": Expect(get=API_SIGNED_IN),
    "api:coding-api:codebooks": Expect(
        get=API_RESEARCH,
        post=statuses(403, anonymous=401, admin=400),
    ),
    "api:coding-api:codebook-import": Expect(
        get=API_RESEARCH_405,
        post=statuses(403, anonymous=401, admin=415),
    ),
    "api:coding-api:codebook": Expect(get=API_RESEARCH, kwargs=lambda w: {"pk": w.codebook.pk}),
    "api:coding-api:codebook-versions": Expect(
        get=API_RESEARCH,
        kwargs=lambda w: {"pk": w.codebook.pk},
    ),
    "api:coding-api:codebook-export": Expect(
        get=API_RESEARCH,
        kwargs=lambda w: {"pk": w.codebook.pk},
    ),
    "api:coding-api:codes": Expect(get=API_RESEARCH, post=statuses(403, anonymous=401, admin=400)),
    "api:coding-api:code": Expect(
        get=API_RESEARCH,
        patch=API_ADMIN_ONLY,
        delete=statuses(403, anonymous=401, admin=400),
        kwargs=lambda w: {"pk": w.code.pk},
    ),
    "api:coding-api:code-move": Expect(
        get=API_RESEARCH_405,
        post=statuses(403, anonymous=401, admin=400),
        kwargs=lambda w: {"pk": w.code.pk},
    ),
    "api:coding-api:code-merge": Expect(
        get=API_RESEARCH_405,
        post=statuses(403, anonymous=401, admin=400),
        kwargs=lambda w: {"pk": w.code.pk},
    ),
    "api:coding-api:applications": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:coding-api:application": Expect(
        get=API_RESEARCH,
        patch=API_RESEARCH_400,
        # Only the coder who made it (or the memo's author) may delete it.
        delete=statuses(403, anonymous=401, researcher=204, granted_researcher=400, admin=400),
        kwargs=lambda w: {"pk": w.application.pk},
    ),
    "api:coding-api:suggestions": Expect(get=API_RESEARCH),
    "api:coding-api:suggestion-accept": Expect(
        get=API_RESEARCH_405,
        post=API_RESEARCH,
        kwargs=lambda w: {"pk": w.suggestion.pk},
    ),
    "api:coding-api:suggestion-reject": Expect(
        get=API_RESEARCH_405,
        post=API_RESEARCH,
        kwargs=lambda w: {"pk": w.suggestion.pk},
    ),
    "api:coding-api:memos": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:coding-api:memo": Expect(
        get=API_RESEARCH,
        patch=statuses(403, anonymous=401, researcher=200, granted_researcher=400, admin=400),
        # Only the coder who made it (or the memo's author) may delete it.
        delete=statuses(403, anonymous=401, researcher=204, granted_researcher=400, admin=400),
        kwargs=lambda w: {"pk": w.memo.pk},
    ),
    "api:coding-api:agreement": Expect(get=API_RESEARCH),
    "api:coding-api:reconciliations": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:coding-api:disagreements": Expect(get=API_RESEARCH),
    "api:analysis-aggregate": Expect(get=API_RESEARCH, kwargs=lambda w: {"key": "themes"}),
    "api:analysis-search": Expect(get=API_RESEARCH),
    "api:analysis-quotes": Expect(get=API_RESEARCH),
    "api:analysis-exports": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:analysis-export-detail": Expect(
        get=statuses(403, anonymous=401, researcher=200, granted_researcher=404, admin=404),
    ),
    "api:analysis-export-download": Expect(
        get=statuses(403, anonymous=401, researcher=404, granted_researcher=404, admin=404),
    ),
    "api:nlp-api:jobs": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:nlp-api:job": Expect(get=API_RESEARCH, kwargs=lambda w: {"pk": w.job.pk}),
    "api:nlp-api:job-action": Expect(
        get=API_RESEARCH_405,
        post=API_RESEARCH_400,
        kwargs=lambda w: {"pk": w.job.pk, "action": "pause"},
    ),
    "api:nlp-api:lexicon-entries": Expect(get=API_RESEARCH, post=API_RESEARCH_400),
    "api:nlp-api:lexicon-entry": Expect(
        get=API_RESEARCH,
        patch=API_RESEARCH_400,
        delete={**API_RESEARCH, RES: 204, GRANTED: 204, ADMIN: 204},
        kwargs=lambda w: {"pk": w.lexicon_entry.pk},
    ),
    "api:nlp-api:classifiers": Expect(get=API_RESEARCH),
    "api:nlp-api:train": Expect(
        get=API_RESEARCH_405,
        post=statuses(403, anonymous=401, researcher=202, granted_researcher=202, admin=202),
    ),
    "api:nlp-api:failures": Expect(get=API_ADMIN_ONLY),
    "api:nlp-api:story-analyse": Expect(
        get=API_RESEARCH_405,
        post=statuses(403, anonymous=401, researcher=202, granted_researcher=202, admin=202),
    ),
    "api:schema": Expect(get=PUBLIC),
    "api:docs": Expect(get=PUBLIC),
    "api:redoc": Expect(get=PUBLIC),
    # --- The Django admin: a few pages by name; every other admin URL follows DEFAULTS below.
    "admin:index": Expect(get=ADMIN_SITE),
    "admin:login": Expect(get=statuses(200, admin=302)),
    "admin:logout": Expect(get=statuses(302, admin=405)),
    "admin:password_change": Expect(get=ADMIN_SITE),
    "admin:password_change_done": Expect(get=ADMIN_SITE),
    "admin:jsi18n": Expect(get=ADMIN_SITE),
    "admin:app_list": Expect(
        get=statuses(302, admin=404), kwargs=lambda w: {"app_label": "events"}
    ),
    "admin:view_on_site": Expect(get=statuses(302, admin=404)),
    "admin/(?P<url>.*)$": Expect(get=statuses(302, admin=404)),
    # The audit log: the admin reads, filters and downloads it; nobody adds, changes or deletes.
    "admin:audit_auditentry_changelist": Expect(get=ADMIN_SITE),
    "admin:audit_auditentry_csv": Expect(get=ADMIN_SITE),
    # An entry that does not exist: back to the list.
    "admin:audit_auditentry_change": Expect(get=statuses(302)),
    "admin:auth_user_password_change": Expect(
        get=ADMIN_MODEL, kwargs=lambda w: {"id": w.users["participant"].pk}
    ),
    # --- Second cases of one URL ("name#case").
    # Not public: nobody sees it, whatever their role.
    "events:public#not-public": Expect(
        get=statuses(404), kwargs=lambda w: {"slug": w.other_event.slug}
    ),
    # A session of another event under our event's address is a 404 even for the admin.
    "events:session_log#other-events-session": Expect(
        get=statuses(403, anonymous=302, facilitator=404, other_facilitator=404, admin=404),
        kwargs=lambda w: {"slug": w.event.slug, "pk": w.other_session.pk},
    ),
    # The other facilitator reaches their own event: our facilitator gets the 404.
    "events:detail#other-event": Expect(
        get={**EVENT_READ, FAC: 404, OTHER_FAC: 200},
        kwargs=lambda w: {"slug": w.other_event.slug},
    ),
}

# A key not in URLS gets the expectation of the first pattern here it matches (``re.match``):
# every admin model page (change list, add, change, delete, history; unnamed admin routes are
# keyed by their route).
DEFAULTS: dict[str, Expect] = {
    # The history of an object that does not exist: back to the list.
    r"admin:\w+_history$": Expect(get=statuses(302)),
    "admin:": Expect(get=ADMIN_MODEL),
    # Unnamed "<model>/<id>/": the old address of a change page, sent on to it.
    "admin/": Expect(get=statuses(302)),
}
