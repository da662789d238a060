"""What the testimony pages share: no caching, no logged token, the receipt page's context."""

from urllib.parse import unquote_to_bytes

from django.shortcuts import get_object_or_404

from accounts.roles import EVENT_TEAM, RESEARCH_TEAM
from core.validation import parse_positive_int
from testimonies import selectors
from testimonies.models import ConsentText, Testimony
from testimonies.receipt_pages import (  # noqa: F401  (re-exported for the views)
    receipt_context,
    scope_rows,
    withdraw_link,
    withdraw_qr,
)

FACILITATOR_ROLES = EVENT_TEAM
RESEARCH_ROLES = RESEARCH_TEAM


def no_store(response):
    # SECURITY: pages holding a story, a code or a receipt are never cached by browsers/proxies.
    response["Cache-Control"] = "no-store"
    return response


def unlogged(response):
    """SECURITY: the participant link's path carries the event token, and Django logs the path
    of every 4xx response ("Bad Request: /t/<token>/"). Errors on this page are expected user
    input, so they are not logged at all."""
    if response.status_code >= 400:
        response._has_been_logged = True
    return response


def invalid_form_encoding(request) -> bool:
    """True when a urlencoded body carries bytes that are not valid UTF-8 (Django would
    silently replace them)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    for pair in request.body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return True
    return False


def consent_text_from_post(request) -> ConsentText | None:
    pk = parse_positive_int(request.POST.get("consent_text", ""))
    return ConsentText.objects.filter(pk=pk).first() if pk is not None else None


def own_testimony(request, public_id) -> Testimony:
    """One of the signed-in participant's own stories, else 404."""
    return get_object_or_404(
        selectors.testimonies_for_participant(user=request.user), public_id=public_id
    )
