"""Stories, codes and applications for the analysis tests, written straight to the models."""

import hashlib
import secrets
from datetime import UTC, datetime

from coding.models import Code, CodeApplication, Codebook
from testimonies.models import (
    Channel,
    ConsentMethod,
    ConsentText,
    ResearchCopy,
    Testimony,
    TestimonyCharacteristics,
)
from tests.factories import EventFactory

STORY = "Zoé 🙂 said the doctor did not listen. She lost trust in care."


def consent_text() -> ConsentText:
    text = ConsentText.objects.order_by("id").first()
    if text is None:
        text = ConsentText.objects.create(
            language="en", version=1, title="Consent", body="Consent", sha256="a" * 64
        )
    return text


def codebook_with_themes(n: int = 3) -> tuple[Codebook, list[Code]]:
    """The default codebook with ``n`` top-level themes; the first has one sub-code."""
    book = Codebook.objects.filter(is_default=True).first() or Codebook.objects.create(
        name="Default", slug="default-analysis", is_default=True
    )
    colours = ["#1f5f8b", "#a1441b", "#2e6b30", "#6b3fa0", "#8a6100", "#0f6f74"]
    themes = [
        Code.objects.create(
            codebook=book,
            key=f"theme_{i}",
            label_en=f"Theme {i}",
            label_fr=f"Thème {i}",
            colour=colours[i % 6],
            position=i,
        )
        for i in range(n)
    ]
    Code.objects.create(
        codebook=book,
        parent=themes[0],
        key="theme_0_child",
        label_en="Not listened to",
        label_fr="Pas écouté",
        position=100,
    )
    return book, themes


def story(
    *,
    event=None,
    text: str = STORY,
    language: str = "en",
    trust: str = "",
    scopes: tuple[str, ...] = (),
    characteristics: dict | None = None,
    first_name: str = "",
    submitted_at: datetime | None = None,
    **fields,
) -> Testimony:
    """An active story with research consent, its research copy and optional characteristics."""
    flags = {f"scope_{s}": True for s in scopes}
    testimony = Testimony.objects.create(
        event=event or EventFactory(),
        channel=Channel.ONLINE,
        consent_method=ConsentMethod.ONLINE,
        consent_text=consent_text(),
        consent_given_at=submitted_at or datetime.now(UTC),
        scope_research=True,
        text=text,
        declared_language=language,
        trust_affected=trust,
        first_name=first_name,
        withdrawal_code_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
        **flags,
        **fields,
    )
    if submitted_at:
        Testimony.objects.filter(pk=testimony.pk).update(submitted_at=submitted_at)
        testimony.refresh_from_db()
    ResearchCopy.objects.create(
        testimony=testimony,
        redacted_text=text,
        redaction_method=ResearchCopy.Method.RULES,
        redaction_version="test",
        detected_language=language,
    )
    if characteristics:
        TestimonyCharacteristics.objects.create(testimony=testimony, **characteristics)
    return testimony


def apply(testimony, code, *, start=None, end=None, coder=None, **fields) -> CodeApplication:
    return CodeApplication.objects.create(
        testimony=testimony,
        code=code,
        coder=coder,
        start=start,
        end=end,
        source=fields.pop("source", CodeApplication.Source.HUMAN),
        status=fields.pop("status", CodeApplication.Status.ACCEPTED),
        **fields,
    )
