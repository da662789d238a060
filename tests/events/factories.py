from datetime import timedelta

import factory

from coding.models import Code, Codebook
from events.models import Commitment, Session, SessionLog
from tests.factories import EventFactory


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(minutes=30))
    duration_minutes = 90
    format = Session.Format.SMALL_GROUPS


class SessionLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionLog

    session = factory.SubFactory(SessionFactory)
    attendance_total = 40
    attendance_women = 22
    topics_discussed = "Waiting times; interpreters"
    concerns_raised = "Not being listened to"
    notes = "Private note for the team"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    event = factory.SubFactory(EventFactory)
    description = factory.Sequence(lambda n: f"Train reception staff in active listening ({n})")
    organisation = "City hospital"
    status = Commitment.Status.PROPOSED
    public_progress_note = "Training planned for the spring."


class CodebookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Codebook
        django_get_or_create = ("slug",)

    name = "Six action themes"
    slug = "action-themes"
    is_default = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    codebook = factory.SubFactory(CodebookFactory)
    key = factory.Sequence(lambda n: f"theme-{n}")
    translations = factory.LazyAttribute(
        lambda o: {"en": {"label": o.label_en}, "fr": {"label": o.label_fr}}
    )

    class Params:
        # Shortcuts: ``label_en=``/``label_fr=`` fill ``translations``.
        label_en = factory.Sequence(lambda n: f"Theme {n}")
        label_fr = factory.Sequence(lambda n: f"Thème {n}")

    parent = None
