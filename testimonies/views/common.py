"""What the testimony pages share: no caching, no logged token, the receipt page's context."""

import base64
import json
from urllib.parse import unquote_to_bytes, urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.roles import EVENT_TEAM, RESEARCH_TEAM
from core.qrcodes import qr_image
from core.validation import parse_positive_int
from testimonies import selectors
from testimonies.forms_loop import OwnReadingForm
from testimonies.models import ConsentText, Scope, Testimony
from testimonies.receipts import testimony_receipt
from testimonies.selectors_loop import theme_labels

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


def _receipt_json(receipt: dict, withdrawal_code: str = "") -> str:
    """The receipt to download; right after submitting it also carries the withdrawal code, so
    that the participant's own copy is enough to withdraw later."""
    if withdrawal_code:
        receipt = {**receipt, "entendu": {**receipt["entendu"], "withdrawalCode": withdrawal_code}}
    return json.dumps(receipt, ensure_ascii=False, indent=2)


def receipt_context(request, testimony, *, code="", entered_for_participant=False) -> dict:
    """Every variable the receipt template reads (NOTE: a missing one makes django.template
    log the whole context at DEBUG, code included)."""
    receipt = testimony_receipt(testimony=testimony, request=request)
    rows = scope_rows(testimony)
    return {
        "testimony": testimony,
        "receipt": receipt,
        "receipt_json": _receipt_json(receipt, code),
        "withdrawal_code": code,
        "scope_rows": rows,
        "agreed": [row["label"] for row in rows if row["granted"]],
        "declined": [row["label"] for row in rows if not row["granted"]],
        "just_submitted": bool(code),
        "entered_for_participant": entered_for_participant,
        "withdraw_page": request.build_absolute_uri(reverse("testimonies:withdraw")),
        "withdraw_qr": withdraw_qr(request, code) if code and testimony.is_active else "",
        # The storyteller's own reading, offered right after the story (issue 20).
        "own_reading_form": (
            OwnReadingForm(theme_labels=theme_labels())
            if code and testimony.is_active and not entered_for_participant
            else None
        ),
    }


def withdraw_link(request, code: str) -> str:
    """The withdrawal page with the code filled in (the log filters redact ``code=``)."""
    query = urlencode({"code": code})
    return request.build_absolute_uri(f"{reverse('testimonies:withdraw')}?{query}")


def withdraw_qr(request, code: str) -> str:
    """The withdrawal link as a QR code, an SVG drawn here, as a data: URI for an <img>.
    SECURITY: it carries the code: made for this response only, never stored or cached."""
    svg, content_type = qr_image(withdraw_link(request, code), kind="svg")
    return f"data:{content_type};base64,{base64.b64encode(svg).decode('ascii')}"


def scope_rows(testimony) -> list[dict]:
    return [{"label": s.label, "granted": getattr(testimony, f"scope_{s.value}")} for s in Scope]


def own_testimony(request, public_id) -> Testimony:
    """One of the signed-in participant's own stories, else 404."""
    return get_object_or_404(
        selectors.testimonies_for_participant(user=request.user), public_id=public_id
    )
