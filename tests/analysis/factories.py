"""Stories, codes and applications for the analysis tests."""

from datetime import datetime

from coding.models import Code, CodeApplication, Codebook
from testimonies.models import Channel, ConsentMethod, Testimony, TestimonyCharacteristics
from tests.factories import EventFactory, story_create

STORY = "Zoé 🙂 said the doctor did not listen. She lost trust in care."


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
            translations={"en": {"label": f"Theme {i}"}, "fr": {"label": f"Thème {i}"}},
            colour=colours[i % 6],
            position=i,
        )
        for i in range(n)
    ]
    Code.objects.create(
        codebook=book,
        parent=themes[0],
        key="theme_0_child",
        translations={"en": {"label": "Not listened to"}, "fr": {"label": "Pas écouté"}},
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
    """An active story with research consent, its research copy and optional characteristics,
    through the one story factory (import channel: ``EventFactory`` events are not open)."""
    # NOTE: the follow-up work stays queued (relay_on_commit=False): in live-server tests the
    # NLP pipeline would otherwise rewrite the research copy these tests code against.
    characteristics = characteristics or {}
    testimony = story_create(
        event=event or EventFactory(),
        text=text,
        scopes=("research", *scopes),
        declared_language=language,
        detected_language=language,
        trust_affected=trust,
        first_name=first_name,
        characteristics={k: v for k, v in characteristics.items() if k in scopes},
        consent_given_at=submitted_at,
        submitted_at=submitted_at,
        channel=Channel.IMPORT,
        consent_method=ConsentMethod.IMPORTED,
        relay_on_commit=False,
        **fields,
    )
    unconsented = {k: v for k, v in characteristics.items() if k not in scopes}
    if unconsented:
        # NOTE: the service refuses an answer without its scope; this row stands for one that
        # got in anyway (an old row, a bug) so the tests show dashboards and exports ignore it.
        TestimonyCharacteristics.objects.update_or_create(testimony=testimony, defaults=unconsented)
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
