"""A generated demo corpus, so that every analysis page has data above the small-cell threshold.

A few hundred stories (``CORPUS_SIZE``) spread over the demo events, the six programme languages
and the events' dates (up to four months after each event), assembled from the pieces in
``testimonies.demo_corpus_texts`` with a seeded random generator: the same stories every time.
Survey answers and characteristics vary, and lean towards each event's population focus.

Demo only, and fast: the rows are bulk-created (one query per table, not one service call per
story). What ``testimony_create`` does for a real story is done here in bulk, with these
documented differences: no outbox job is queued (the stories are marked processed and their
research copies are made by the rules redaction at once, so NLP never runs on them), no audit
entry is written for their consent (``ConsentChange`` rows are), and ``submitted_at`` is set
after insertion (a demo-only update: ``auto_now_add`` would date every story today).

Idempotent: each story's ``submission_key_hash`` is derived from its place in the corpus; the
stories already there are skipped.
"""

import hashlib
import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction

from events.models import Event
from testimonies import withdrawal_codes
from testimonies.demo_corpus_texts import CORPUS_TEXTS
from testimonies.models import (
    Channel,
    ConsentChange,
    ConsentMethod,
    ResearchCopy,
    Testimony,
    TestimonyCharacteristics,
)
from testimonies.selectors import consent_text_current
from testimonies.services import consent_texts_ensure_defaults
from testimonies.services.research_copy import rules_copy_fields

CORPUS_SIZE = 360
SEED = 20260517
STORY_DAYS = 120  # stories arrive up to four months after their event

# Reasons for lost trust that a passage's code suggests.
CODE_REASONS = {
    "not_listened_to": "not_listened_to",
    "judged": "judged",
    "not_welcome": "not_welcome",
}
# Each ending's consequence (the last ending is a wish, with none).
ENDING_CONSEQUENCES = ["stopped_seeing_any", "changed_professional", "mental_health_worse", None]
# Population focus of an event (events.models) -> the characteristic that shows it.
FOCUS = {
    "women": ("gender", "woman"),
    "over_65": ("age_band", "65_plus"),
    "ethnic_minorities": ("ethnic_minority", "yes"),
    "disability": ("disability", "yes"),
    "lgbtq": ("lgbtq", "yes"),
}
AGE_BANDS = ["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]


@dataclass
class CorpusStory:
    index: int
    event: Event
    language: str
    text: str
    passages: list[tuple[str, str]]
    submitted_at: datetime
    scopes: set[str] = field(default_factory=set)
    characteristics: dict[str, str] = field(default_factory=dict)
    trust: str = ""
    reasons: list[str] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)

    @property
    def key_hash(self) -> str:
        return corpus_key_hash(self.index)


def corpus_key_hash(index: int) -> str:
    return hashlib.sha256(f"entendu-demo-corpus:{index}".encode()).hexdigest()


def corpus_key_hashes() -> list[str]:
    return [corpus_key_hash(i) for i in range(CORPUS_SIZE)]


def _language(event: Event, rng: random.Random) -> str:
    known = [code for code in event.languages if code in CORPUS_TEXTS]
    return rng.choice(known) if known else "en"


def _characteristics(story: CorpusStory, rng: random.Random) -> None:
    """Shared with consent or not, each characteristic; a focus group's share is higher."""
    inside = dict(FOCUS[key] for key in story.event.population_focus if key in FOCUS)
    gender = rng.choices(["woman", "man", "non_binary", "self_described"], [55, 37, 6, 2])[0]
    values = {
        "gender": gender,
        "age_band": rng.choice(AGE_BANDS),
        "ethnic_minority": "yes" if rng.random() < 0.35 else "no",
        "disability": "yes" if rng.random() < 0.25 else "no",
        "lgbtq": "yes" if rng.random() < 0.2 else "no",
    }
    for name, value in inside.items():
        if rng.random() < 0.5:
            values[name] = value
    for name, value in values.items():
        if rng.random() < (0.9 if name in inside else 0.7):
            story.scopes.add(name)
            story.characteristics[name] = value


def _survey(story: CorpusStory, rng: random.Random, ending: int) -> None:
    """More lost trust in the groups the programme listens to, so the trust gaps show."""
    minority = story.characteristics.get("ethnic_minority") == "yes" or any(
        story.characteristics.get(name) == "yes" for name in ("disability", "lgbtq")
    )
    yes = 0.7 if minority else 0.45
    story.trust = rng.choices(["yes", "no", "unsure"], [yes, 0.85 - yes, 0.15])[0]
    if story.trust == "no":
        return
    story.reasons = list(
        dict.fromkeys(CODE_REASONS[c] for _t, c in story.passages if c in CODE_REASONS)
    ) or ["poor_care"]
    consequence = ENDING_CONSEQUENCES[ending]
    if story.trust == "yes" and consequence:
        story.consequences = [consequence]


def corpus_plan(events: list[Event]) -> list[CorpusStory]:
    """The whole corpus, the same for the same events (a seeded random generator)."""
    rng = random.Random(SEED)
    stories = []
    for index in range(CORPUS_SIZE):
        event = events[index % len(events)]
        language = _language(event, rng)
        pieces = CORPUS_TEXTS[language]
        passages = rng.sample(pieces["passages"], rng.choice([1, 2, 2, 3]))
        ending = rng.randrange(len(pieces["endings"]))
        sep = "" if language == "ja" else " "
        text = sep.join(
            [rng.choice(pieces["openings"]), *(t for t, _c in passages), pieces["endings"][ending]]
        )
        days = min(STORY_DAYS, int(rng.expovariate(1 / 30)))
        submitted_at = event.starts_at + timedelta(days=days, hours=rng.randrange(9, 18))
        story = CorpusStory(index, event, language, text, passages, submitted_at)
        story.scopes = {"research"} | ({"quote_anonymous"} if rng.random() < 0.6 else set())
        _characteristics(story, rng)
        _survey(story, rng, ending)
        stories.append(story)
    return stories


def _testimony(story: CorpusStory, consent_text, facilitator) -> Testimony:
    return Testimony(
        event=story.event,
        consent_text=consent_text,
        # NOTE: a random secret nobody is given: a generated demo story has no withdrawal code.
        withdrawal_code_hash=withdrawal_codes.code_hash(secrets.token_urlsafe(24)),
        submission_key_hash=story.key_hash,
        **{f"scope_{scope}": True for scope in story.scopes},
        text=story.text,
        declared_language=story.language,
        trust_affected=story.trust,
        reasons=story.reasons,
        consequences=story.consequences,
        channel=Channel.FACILITATOR,
        consent_method=ConsentMethod.SPOKEN,
        consent_given_at=story.submitted_at,
        processed_at=story.submitted_at,
        entered_by=facilitator,
        is_demo=True,
    )


@transaction.atomic
def corpus_seed(*, facilitator) -> int:
    """Add the corpus stories not there yet; returns how many were added."""
    events = list(Event.objects.filter(is_demo=True).order_by("starts_at", "id"))
    if not events:
        return 0
    consent_texts_ensure_defaults()
    done = set(
        Testimony.objects.filter(submission_key_hash__in=corpus_key_hashes()).values_list(
            "submission_key_hash", flat=True
        )
    )
    todo = [s for s in corpus_plan(events) if s.key_hash not in done]
    if not todo:
        return 0
    texts = {lang: consent_text_current(language=lang) for lang in {s.language for s in todo}}
    rows = Testimony.objects.bulk_create(
        [_testimony(s, texts[s.language], facilitator) for s in todo]
    )
    for row, story in zip(rows, todo, strict=True):
        row.submitted_at = story.submitted_at  # demo-only: auto_now_add dated them today
    Testimony.objects.bulk_update(rows, ["submitted_at"], batch_size=200)
    TestimonyCharacteristics.objects.bulk_create(
        [
            TestimonyCharacteristics(testimony=row, **story.characteristics)
            for row, story in zip(rows, todo, strict=True)
            if story.characteristics
        ]
    )
    ConsentChange.objects.bulk_create(
        [
            ConsentChange(
                testimony=row,
                kind=ConsentChange.Kind.GIVEN,
                actor=ConsentChange.Actor.FACILITATOR,
                scopes=sorted(story.scopes),
            )
            for row, story in zip(rows, todo, strict=True)
        ]
    )
    ResearchCopy.objects.bulk_create(
        [
            ResearchCopy(testimony=row, detected_language=story.language, **rules_copy_fields(row))
            for row, story in zip(rows, todo, strict=True)
        ]
    )
    return len(rows)


def corpus_passages() -> dict[str, list[tuple[str, str]]]:
    """Each language's passages and their code keys (for the demo coders in ``coding.demo``)."""
    return {language: pieces["passages"] for language, pieces in CORPUS_TEXTS.items()}
