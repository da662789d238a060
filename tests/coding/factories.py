"""Factories for coding tests: stories with a research copy, codebooks, codes, applications."""

import hashlib
import secrets

import factory
from django.utils import timezone

from coding.models import Code, CodeApplication, Codebook, Memo
from testimonies.models import (
    Channel,
    ConsentMethod,
    ConsentText,
    ResearchCopy,
    Testimony,
)
from tests.factories import EventFactory


def consent_text() -> ConsentText:
    text = ConsentText.objects.order_by("id").first()
    if text is None:
        text = ConsentText.objects.create(
            language="en", version=1, title="Consent", body="Consent", sha256="0" * 64
        )
    return text


def story(*, text: str = "A story about care.", event=None, research: bool = True, **fields):
    """An active story with a research copy whose redacted text is ``text``."""
    testimony = Testimony.objects.create(
        event=event or EventFactory(),
        channel=Channel.ONLINE,
        consent_method=ConsentMethod.ONLINE,
        consent_text=consent_text(),
        consent_given_at=timezone.now(),
        scope_research=research,
        text=text,
        withdrawal_code_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
        **fields,
    )
    ResearchCopy.objects.create(
        testimony=testimony,
        redacted_text=text,
        redaction_method=ResearchCopy.Method.RULES,
        redaction_version="test",
        detected_language=fields.get("declared_language", "en"),
    )
    return testimony


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
