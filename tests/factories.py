from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_grant_role
from events.models import Event, EventFacilitator

PASSWORD = "a-test-password-123"


def totp_code(user=None, *, secret: str | None = None, offset: int = 0) -> str:
    """The code ``user``'s authenticator app (or one holding ``secret``) shows now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    if secret is None:
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        secret = decrypt(totp.data["secret"])
    counter = int(time.time()) // app_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))


def mfa_enable(user, secret: str | None = None):
    """Give ``user`` an authenticator app (allauth's TOTP), as if they had set it up. Each user
    gets their own secret (a code works once per user, and user ids repeat between tests)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret or generate_totp_secret()).instance


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address; pass ``roles=[Role.X]`` to grant roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
        for role in extracted or []:
            user_grant_role(user=self, role=role)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """Roles that require two-factor authentication get an authenticator app unless
        ``mfa=False``; ``mfa=True`` gives one to anyone. ``client.force_login`` then counts as
        having passed it (tests/conftest.py)."""
        from accounts.selectors import mfa_required_for

        if not create:
            return
        if extracted if extracted is not None else mfa_required_for(self):
            mfa_enable(self)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Dialogue {n}")
    slug = factory.Sequence(lambda n: f"dialogue-{n}")
    kind = Event.Kind.DIALOGUE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    timezone = "Europe/Paris"
    country = "FR"
    city = "Lyon"
    languages = factory.LazyFunction(lambda: ["fr"])


class EventFacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventFacilitator

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.FACILITATOR])
    role = EventFacilitator.Role.LEAD


# Stories --------------------------------------------------------------------------------------
# NOTE: the one way tests make a story: a SubmissionDraft through ``testimony_create``, so every
# story has what the service gives it (consent record, research copy, outbox rows).
# tests/test_story_factory.py fails if a test writes Testimony or ResearchCopy rows directly.

STORY = "The doctor did not listen to me when I described my pain."


def consent_texts_ensure() -> None:
    """Transactional tests flush the data migration's consent texts; put them back."""
    from testimonies.services import consent_texts_ensure_defaults

    consent_texts_ensure_defaults()


def open_event(**kwargs) -> Event:
    """An event collecting stories, with a participant link token."""
    consent_texts_ensure()
    kwargs.setdefault("status", Event.Status.OPEN)
    # NOTE: the participant link opens in the browser's language among the event's, else in the
    # event's first: English first, so that pages without Accept-Language are in English.
    kwargs.setdefault("languages", ["en", "fr"])
    kwargs.setdefault("submission_token", f"tok-{Event.objects.count()}-abcdefghijklmnopqrstuvwxyz")
    return EventFactory(**kwargs)


def story_submit(
    *,
    event: Event | None = None,
    text: str = STORY,
    scopes=("research",),
    detected_language: str | None = None,
    submitted_at=None,
    relay_on_commit: bool = True,
    **draft_fields,
):
    """Save a story through ``testimony_create``; returns the ``Submission`` (the story and its
    withdrawal code). ``draft_fields`` are ``SubmissionDraft`` fields (channel, consent_method,
    declared_language, characteristics, contact, participant, entered_by, ...).

    ``detected_language`` writes it on the research copy as the NLP pipeline would
    (``research_copy_save``); ``submitted_at`` moves the story back in time.
    """
    from testimonies.models import ResearchCopy, Testimony
    from testimonies.selectors import consent_text_current
    from testimonies.services import SubmissionDraft, research_copy_save, testimony_create

    consent_texts_ensure()
    draft_fields.setdefault("consent_text", consent_text_current(language="en"))
    draft = SubmissionDraft(event=event or open_event(), scopes=scopes, text=text, **draft_fields)
    submission = testimony_create(draft=draft, relay_on_commit=relay_on_commit)
    testimony = submission.testimony
    if detected_language is not None:
        copy = ResearchCopy.objects.get(testimony=testimony)
        research_copy_save(
            testimony_id=testimony.pk,
            redacted_text=copy.redacted_text,
            method=copy.redaction_method,
            version=copy.redaction_version,
            detected_language=detected_language,
        )
    if submitted_at is not None:
        # NOTE: the service stamps "now"; dashboards by month need stories from the past.
        Testimony.objects.filter(pk=testimony.pk).update(submitted_at=submitted_at)
        testimony.refresh_from_db()
    return submission


def story_create(**kwargs):
    """``story_submit``'s story (a Testimony with its research copy)."""
    return story_submit(**kwargs).testimony
