"""Quote requests (issue 20): a researcher asks to quote one passage for a named purpose; with
the "ask me before each quote" scope the participant approves or declines it. Every request and
answer is a consent change (``ConsentChange``), so it shows on the story's receipt."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, NotFoundError
from testimonies.choices import (
    PASSAGE_MAX_LENGTH,
    PURPOSE_DETAIL_MAX_LENGTH,
    Attribution,
    QuotePurpose,
    QuoteStatus,
)
from testimonies.models import CommitmentQuote, ConsentChange, QuoteRequest, Testimony
from testimonies.selectors import research_copies_for_user
from testimonies.selectors_loop import approved_anonymous_quotes_for_event
from testimonies.services.follow_up import follow_up_quote_waiting


def may_be_quoted(testimony: Testimony) -> bool:
    """Any quote scope: anonymous, named, or asked each time."""
    return bool(
        testimony.scope_quote_anonymous or testimony.scope_quote_named or testimony.scope_quote_ask
    )


def _request_problems(*, text: str, start, end, purpose: str, purpose_detail: str) -> dict:
    errors: dict[str, list[str]] = {}
    if purpose not in QuotePurpose.values:
        errors["purpose"] = [_("Choose what the quote is for.")]
    if not purpose_detail.strip():
        errors["purpose_detail"] = [_("Name the report, presentation or page.")]
    elif len(purpose_detail) > PURPOSE_DETAIL_MAX_LENGTH:
        errors["purpose_detail"] = [_("Keep the name of the purpose under 200 characters.")]
    if (
        not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text))
        or not text[start:end].strip()
    ):
        errors["start"] = [_("This passage is not in the story. Choose a passage of the story.")]
    elif end - start > PASSAGE_MAX_LENGTH:
        errors["start"] = [_("A quote may be at most 1,000 characters long.")]
    return errors


@transaction.atomic
def quote_request_create(
    *, user, public_id, start: int, end: int, purpose: str, purpose_detail: str
) -> QuoteRequest:
    """Ask to quote ``[start, end)`` of the story's research copy for ``purpose``.

    Refused, with nothing saved, when the story is not the researcher's to read, its consent
    allows no quote, the passage is not in the story, or this passage was already asked for
    this purpose (a declined one is never asked again). Without the "ask me" scope the quote
    scopes already cover it: it is approved at once."""
    copy = research_copies_for_user(user=user).filter(testimony__public_id=public_id).first()
    if copy is None:
        raise NotFoundError(_("No such story."))
    testimony = Testimony.objects.select_for_update().get(pk=copy.testimony_id)
    if not may_be_quoted(testimony):
        raise ApplicationError(_("The participant has not agreed to be quoted. Nothing was asked."))
    purpose_detail = (purpose_detail or "").strip()
    errors = _request_problems(
        text=copy.redacted_text,
        start=start,
        end=end,
        purpose=purpose,
        purpose_detail=purpose_detail,
    )
    if errors:
        raise ApplicationError(_("The quote request was not sent."), field_errors=errors)
    earlier = QuoteRequest.objects.filter(
        testimony=testimony, start=start, end=end, purpose=purpose
    ).exclude(status=QuoteStatus.CANCELLED)
    earlier = earlier.first()
    if earlier is not None and earlier.status == QuoteStatus.DECLINED:
        raise ApplicationError(
            _("The participant declined this passage for this purpose. It cannot be asked again.")
        )
    if earlier is not None:
        raise ApplicationError(_("This passage has already been requested for this purpose."))
    asks = testimony.scope_quote_ask
    quote = QuoteRequest.objects.create(
        testimony=testimony,
        start=start,
        end=end,
        passage=copy.redacted_text[start:end],
        purpose=purpose,
        purpose_detail=purpose_detail,
        attribution=Attribution.NAMED if testimony.scope_quote_named else Attribution.ANONYMOUS,
        status=QuoteStatus.PENDING if asks else QuoteStatus.APPROVED,
        requested_by=user,
        answered_at=None if asks else timezone.now(),
    )
    ConsentChange.objects.create(
        testimony=testimony,
        kind=ConsentChange.Kind.QUOTE_REQUESTED,
        actor=ConsentChange.Actor.RESEARCHER,
        scopes=[f"quote:{quote.pk}:{purpose}"],
    )
    if asks:
        follow_up_quote_waiting(testimony=testimony)
    return quote


@transaction.atomic
def quote_request_answer(*, testimony: Testimony, quote_id, approve: bool, actor: str):
    """The participant approves or declines a waiting request of their own story."""
    locked = Testimony.objects.select_for_update().get(pk=testimony.pk)
    quote = QuoteRequest.objects.filter(pk=quote_id, testimony=locked).first()
    if quote is None:
        raise NotFoundError(_("No such quote request."))
    if quote.status != QuoteStatus.PENDING:
        raise ApplicationError(_("You have already answered this request."))
    if not locked.is_active or not locked.scope_quote_ask:
        raise ApplicationError(_("This request can no longer be answered."))
    quote.status = QuoteStatus.APPROVED if approve else QuoteStatus.DECLINED
    quote.answered_at = timezone.now()
    quote.save(update_fields=["status", "answered_at"])
    kind = ConsentChange.Kind.QUOTE_APPROVED if approve else ConsentChange.Kind.QUOTE_DECLINED
    ConsentChange.objects.create(
        testimony=locked, kind=kind, actor=actor, scopes=[f"quote:{quote.pk}:{quote.purpose}"]
    )
    return quote


def quote_requests_cancel_waiting(*, testimony: Testimony) -> None:
    """Narrowing a quote scope cancels the requests still waiting (inside its transaction)."""
    QuoteRequest.objects.filter(testimony=testimony, status=QuoteStatus.PENDING).update(
        status=QuoteStatus.CANCELLED, answered_at=timezone.now()
    )


@transaction.atomic
def commitment_quotes_set(*, user, commitment, quote_ids) -> list[int]:
    """Tie a commitment to approved anonymous quotes of its event's stories (replacing the
    earlier choice). The caller has checked the user may change the event."""
    wanted = {int(q) for q in quote_ids}
    allowed = set(
        approved_anonymous_quotes_for_event(event=commitment.event)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise ApplicationError(
            _("Choose among the approved anonymous quotes of this event."),
            field_errors={
                "quotes": [_("Choose among the approved anonymous quotes of this event.")]
            },
        )
    CommitmentQuote.objects.filter(commitment=commitment).exclude(quote_id__in=wanted).delete()
    for quote_id in sorted(wanted):
        CommitmentQuote.objects.get_or_create(
            commitment=commitment, quote_id=quote_id, defaults={"linked_by": user}
        )
    return sorted(wanted)
