"""Follow-up by consent (issue 20): with the contact scope and an e-mail address, a participant
may ask to be told when a commitment at their event changes status or a quote request waits.

E-mails go through the outbox (written in the change's transaction), in the participant's
language, each with a one-click unsubscribe link. SECURITY: neither the address nor the token
is logged; only the token's SHA-256 is stored; the choice goes with the contact details."""

import hashlib
import logging

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.outbox import outbox_enqueue
from testimonies.models import ContactDetails, FollowUp, Testimony

logger = logging.getLogger(__name__)
SEND_TASK = "testimonies.send_follow_up"
KIND_COMMITMENT = "commitment"
KIND_QUOTE = "quote"


def unsubscribe_token(testimony: Testimony) -> str:
    """Derived from the server's secret and the story's receipt id (so an e-mail can carry it
    without storing it)."""
    return salted_hmac("testimonies.follow_up.unsubscribe", str(testimony.public_id)).hexdigest()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _email(testimony: Testimony) -> str:
    contact = ContactDetails.objects.filter(testimony=testimony).first()
    return (contact.email or "").strip() if contact else ""


@transaction.atomic
def follow_up_set(
    *, testimony: Testimony, commitments: bool, quote_requests: bool, language: str
) -> FollowUp | None:
    """Save what the participant wants to hear about; both off removes the choice."""
    locked = Testimony.objects.select_for_update().get(pk=testimony.pk)
    if not (commitments or quote_requests):
        FollowUp.objects.filter(testimony=locked).delete()
        return None
    if not locked.is_active or not locked.scope_contact or not _email(locked):
        raise ApplicationError(
            _("We can only write to you if you agreed to be contacted and gave an e-mail address.")
        )
    follow_up, _created = FollowUp.objects.update_or_create(
        testimony=locked,
        defaults={
            "commitments": commitments,
            "quote_requests": quote_requests,
            "language": language or "en",
            "unsubscribe_hash": _hash(unsubscribe_token(locked)),
        },
    )
    return follow_up


@transaction.atomic
def follow_up_unsubscribe(*, token: str) -> bool:
    """One click: the choice is removed. False when the link is unknown (nothing changes)."""
    found = FollowUp.objects.filter(unsubscribe_hash=_hash(token or "")).first()
    if found is None:
        return False
    found.delete()
    return True


def follow_up_quote_waiting(*, testimony: Testimony) -> None:
    """Inside the request's transaction: tell the participant a quote request waits."""
    if FollowUp.objects.filter(testimony=testimony, quote_requests=True).exists():
        outbox_enqueue(
            task_name=SEND_TASK, kwargs={"testimony_id": testimony.pk, "kind": KIND_QUOTE}
        )


def follow_up_commitment_changed(*, commitment) -> None:
    """Registered with ``events.hooks.commitment_status_hooks``: runs inside the status change's
    transaction and writes one outbox message per participant who asked."""
    ids = FollowUp.objects.filter(
        commitments=True,
        testimony__event_id=commitment.event_id,
        testimony__status=Testimony.Status.ACTIVE,
    ).values_list("testimony_id", flat=True)
    for testimony_id in ids:
        outbox_enqueue(
            task_name=SEND_TASK,
            kwargs={"testimony_id": testimony_id, "kind": KIND_COMMITMENT, "ref": commitment.pk},
        )


def _absolute(path: str) -> str:
    return settings.ENTENDU_SITE_URL.rstrip("/") + path


def follow_up_send(*, testimony_id: int, kind: str, ref: int | None = None) -> bool:
    """Send one follow-up e-mail (the task's job). Reads the choice again: nothing goes once it
    was removed, the contact scope narrowed or the story withdrawn."""
    follow_up = FollowUp.objects.select_related("testimony", "testimony__event").filter(
        testimony_id=testimony_id, testimony__status=Testimony.Status.ACTIVE
    )
    follow_up = follow_up.first()
    wanted = follow_up and (
        follow_up.commitments if kind == KIND_COMMITMENT else follow_up.quote_requests
    )
    if not wanted or not follow_up.testimony.scope_contact:
        return False
    testimony = follow_up.testimony
    address = _email(testimony)
    if not address:
        return False
    unsubscribe = reverse("testimonies:unsubscribe", args=[unsubscribe_token(testimony)])
    with translation.override(follow_up.language):
        context = {
            "kind": kind,
            "event_title": testimony.event.title,
            "story_url": _absolute(reverse("testimonies:my_story")),
            "unsubscribe_url": _absolute(unsubscribe),
        }
        subject = render_to_string("testimonies/email/follow_up_subject.txt", context)
        body = render_to_string("testimonies/email/follow_up_message.txt", context)
    message = mail.EmailMessage(
        " ".join(subject.split()),
        body,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    logger.info("Follow-up e-mail sent (%s).", kind)
    return True
