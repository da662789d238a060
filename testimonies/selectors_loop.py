"""Reads for closing the loop (issue 20): what happened to a story, the quotes waiting for its
participant, and the approved anonymous quotes shown beside commitments."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from events import selectors as events_selectors
from events.models import Commitment, CommitmentStatusChange
from testimonies import hooks
from testimonies.choices import QuoteStatus
from testimonies.models import FollowUp, OwnReading, QuoteRequest, Testimony
from testimonies.redaction import redact

QUOTABLE = Q(scope_quote_anonymous=True) | Q(scope_quote_named=True) | Q(scope_quote_ask=True)


class StoryState:
    RECEIVED = "received"
    BEING_READ = "being_read"
    QUOTED = "quoted"
    WITHDRAWN = "withdrawn"


@dataclass
class StoryPage:
    testimony: Testimony
    state: str
    themes: list[str] = field(default_factory=list)
    commitments: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    follow_up: FollowUp | None = None
    own_reading: OwnReading | None = None


def theme_labels(*, kept: bool = False) -> dict[str, str]:
    """The six themes' names in the reader's language, by key (in the codebook's order);
    ``kept``: as this process read them lately (``events.selectors.themes_kept``)."""
    themes = events_selectors.themes_kept() if kept else events_selectors.theme_choices()
    return {code.key: str(code.label) for code in themes}


def story_page(*, testimony: Testimony) -> StoryPage:
    """Everything the participant's own page shows: theme names only (never a coder, never a
    pending suggestion), the event's commitments with their history, their quotes."""
    if not testimony.is_active:
        return StoryPage(testimony=testimony, state=StoryState.WITHDRAWN)
    keys = hooks.story_themes([testimony.pk]).get(testimony.pk, set())
    labels = theme_labels()
    themes = [label for key, label in labels.items() if key in keys]
    requests = list(QuoteRequest.objects.filter(testimony=testimony).order_by("-requested_at"))
    quotes = [q for q in requests if q.status == QuoteStatus.APPROVED]
    if quotes:
        state = StoryState.QUOTED
    elif keys:
        state = StoryState.BEING_READ
    else:
        state = StoryState.RECEIVED
    history = CommitmentStatusChange.objects.order_by("changed_at", "id")
    commitments = list(
        Commitment.objects.filter(event=testimony.event)
        .prefetch_related(Prefetch("history", queryset=history), "themes")
        .order_by("created_at", "id")
    )
    return StoryPage(
        testimony=testimony,
        state=state,
        themes=themes,
        commitments=commitments,
        quotes=quotes,
        waiting=[q for q in requests if q.status == QuoteStatus.PENDING],
        follow_up=FollowUp.objects.filter(testimony=testimony).first(),
        own_reading=OwnReading.objects.filter(testimony=testimony).first(),
    )


def approved_quotes() -> QuerySet[QuoteRequest]:
    """Approved quotes whose story is active and still allows quoting (read now)."""
    return QuoteRequest.objects.filter(
        status=QuoteStatus.APPROVED,
        testimony__status=Testimony.Status.ACTIVE,
        testimony__in=Testimony.objects.filter(QUOTABLE),
    )


def approved_anonymous_quotes_for_event(*, event) -> QuerySet[QuoteRequest]:
    """What a facilitator may tie to a commitment: approved, anonymous, of the event's stories."""
    return approved_quotes().filter(testimony__event=event, attribution="anonymous")


def quotes_for_commitments(*, commitments) -> dict[int, list[str]]:
    """Registered with ``events.hooks.commitment_quote_hooks``: the passages (anonymous, never a
    name) of the approved quotes tied to each commitment."""
    ids = [c.pk for c in commitments]
    rows = (
        approved_quotes()
        .filter(attribution="anonymous", commitment_links__commitment_id__in=ids)
        .values_list("commitment_links__commitment_id", "passage")
        .order_by("commitment_links__linked_at", "id")
    )
    found: dict[int, list[str]] = {}
    for commitment_id, passage in rows:
        found.setdefault(commitment_id, []).append(passage)
    return found


def quote_requests_for_story(*, testimony: Testimony) -> QuerySet[QuoteRequest]:
    return QuoteRequest.objects.filter(testimony=testimony).order_by("-requested_at", "-id")


def own_reading_for_research(*, testimony: Testimony) -> dict | None:
    """The participant's own reading as researchers see it: theme names, trust, and the sentence
    with e-mail addresses and phone numbers redacted (as in the research copy)."""
    reading = OwnReading.objects.filter(testimony=testimony).first()
    if reading is None:
        return None
    labels = theme_labels()
    return {
        "themes": [labels.get(key, key) for key in reading.themes],
        "trust_change": reading.get_trust_change_display(),
        "what_should_change": redact(reading.what_should_change),
    }
