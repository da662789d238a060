"""Factories for coding tests: stories with a research copy, codebooks, codes, applications."""

import factory

from coding.models import Code, CodeApplication, Codebook, Memo
from testimonies.models import Channel, ConsentMethod
from tests.factories import EventFactory, story_create


def story(*, text: str = "A story about care.", event=None, declared_language="", **fields):
    """An active story with its research copy, through the one story factory.

    NOTE: coding does not care how a story arrived; the import channel accepts the planned
    events ``EventFactory`` makes, where a participant's online channel would be refused.
    """
    # NOTE: the follow-up work stays queued (relay_on_commit=False): in live-server tests the
    # NLP pipeline would otherwise rewrite the research copy these tests code against.
    return story_create(
        event=event or EventFactory(),
        text=text,
        declared_language=declared_language,
        detected_language=declared_language or "en",
        channel=Channel.IMPORT,
        consent_method=ConsentMethod.IMPORTED,
        relay_on_commit=False,
        **fields,
    )


class CodebookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Codebook

    name = factory.Sequence(lambda n: f"Codebook {n}")
    slug = factory.Sequence(lambda n: f"codebook-{n}")


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    codebook = factory.SubFactory(CodebookFactory)
    key = factory.Sequence(lambda n: f"code_{n}")
    translations = factory.LazyAttribute(
        lambda o: {"en": {"label": o.label_en}, "fr": {"label": o.label_fr}}
    )

    class Params:
        # Shortcuts: ``label_en=``/``label_fr=`` fill ``translations``.
        label_en = factory.Sequence(lambda n: f"Code {n}")
        label_fr = factory.Sequence(lambda n: f"Code {n} (fr)")

    position = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodeApplication

    testimony = factory.LazyFunction(story)
    code = factory.SubFactory(CodeFactory)
    source = CodeApplication.Source.HUMAN
    status = CodeApplication.Status.ACCEPTED


class MemoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memo

    kind = Memo.Kind.PROJECT
    title = factory.Sequence(lambda n: f"Memo {n}")
    body = "Thoughts."
