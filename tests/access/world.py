"""The objects every URL of tests/access/test_urls_by_role.py is requested with, built once per
test: one event with its facilitator and everything hanging from it, a participant's story with
its receipt, the coding, analysis and NLP objects, and a second event run by someone else.

The roles (``expectations.ROLES``) are users of the same world: "other participant" and "other
facilitator" are real users with their own story and event, so that reaching *our* objects is a
404 for them, not a 403.
"""

from types import SimpleNamespace

from accounts.roles import Role
from tests.factories import EventFacilitatorFactory, UserFactory, open_event, story_submit


def users() -> dict:
    """One user per role of the table; ``None`` is the anonymous visitor."""
    from django.contrib.auth.models import Permission

    granted = UserFactory(roles=[Role.RESEARCHER])
    granted.user_permissions.add(
        Permission.objects.get(codename="view_original_text", content_type__app_label="testimonies")
    )
    return {
        "anonymous": None,
        "participant": UserFactory(roles=[Role.PARTICIPANT]),
        "other_participant": UserFactory(roles=[Role.PARTICIPANT]),
        "facilitator": UserFactory(roles=[Role.FACILITATOR]),
        "other_facilitator": UserFactory(roles=[Role.FACILITATOR]),
        "researcher": UserFactory(roles=[Role.RESEARCHER]),
        "granted_researcher": granted,
        "admin": UserFactory(roles=[Role.ADMIN], is_staff=True),
    }


def build() -> SimpleNamespace:
    from analysis.models import ExportJob
    from coding.models import CodeApplication
    from coding.services import codebook_default_seed
    from coding.services.codebooks import codebook_version_record
    from nlp.models import LexiconEntry, NlpFailure, NlpJob
    from testimonies.selectors import consent_text_current
    from tests.coding.factories import MemoFactory
    from tests.events.factories import CommitmentFactory, SessionFactory, SessionLogFactory

    who = users()
    event = open_event(title="Trust dialogue", slug="trust-dialogue", is_public=True)
    EventFacilitatorFactory(event=event, user=who["facilitator"])
    other_event = open_event(title="Another dialogue", slug="another-dialogue", is_public=False)
    EventFacilitatorFactory(event=other_event, user=who["other_facilitator"])
    session = SessionFactory(event=event)
    other_session = SessionFactory(event=other_event)
    log = SessionLogFactory(session=session)
    submission = story_submit(
        event=event, participant=who["participant"], detected_language="en", relay_on_commit=False
    )
    # The other participant's own story: their receipts page is not empty.
    story_submit(event=other_event, participant=who["other_participant"], relay_on_commit=False)
    story = submission.testimony
    codebook = codebook_default_seed()
    code = codebook.codes.filter(parent=None).order_by("position").first()
    version = codebook.versions.first() or codebook_version_record(
        codebook=codebook, user=who["researcher"], summary="Seeded"
    )
    from django.contrib.contenttypes.models import ContentType

    from accounts.services import api_token_create

    return SimpleNamespace(
        users=who,
        event_content_type=ContentType.objects.get_for_model(event),
        event=event,
        other_event=other_event,
        session=session,
        other_session=other_session,
        log=log,
        commitment=CommitmentFactory(event=event),
        story=story,
        withdrawal_code=submission.withdrawal_code,
        consent_text=consent_text_current(language="en"),
        codebook=codebook,
        version=version,
        code=code,
        application=CodeApplication.objects.create(
            testimony=story, code=code, coder=who["researcher"]
        ),
        suggestion=CodeApplication.objects.create(
            testimony=story,
            code=code,
            source=CodeApplication.Source.MACHINE,
            status=CodeApplication.Status.SUGGESTED,
            confidence=0.8,
        ),
        memo=MemoFactory(author=who["researcher"]),
        export=ExportJob.objects.create(user=who["researcher"], dataset="codes", format="csv"),
        job=NlpJob.objects.create(kind="retag", status="done", total=0),
        lexicon_entry=LexiconEntry.objects.filter(language="en").first(),
        failure=NlpFailure.objects.create(task_name="nlp.run_job_batch", exception_type="X"),
        api_token=api_token_create(user=who["researcher"], name="Script").token,
    )
