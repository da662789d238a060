"""The receipt page's context, shared by every page that shows a receipt (the written story's
form, facilitator entry, a confirmed spoken story in the voice app). Not a view module, so a
later app may use it."""

import base64
import json
from urllib.parse import urlencode

from django.urls import reverse

from core.qrcodes import qr_image
from testimonies.forms_loop import OwnReadingForm
from testimonies.models import Scope
from testimonies.receipts import testimony_receipt
from testimonies.selectors_loop import theme_labels


def _receipt_json(receipt: dict, withdrawal_code: str = "") -> str:
    """The receipt to download; right after submitting it also carries the withdrawal code, so
    that the participant's own copy is enough to withdraw later."""
    if withdrawal_code:
        receipt = {**receipt, "entendu": {**receipt["entendu"], "withdrawalCode": withdrawal_code}}
    return json.dumps(receipt, ensure_ascii=False, indent=2)


def receipt_context(
    request, testimony, *, code="", entered_for_participant=False, just_saved=False
) -> dict:
    """Every variable the receipt template reads (NOTE: a missing one makes django.template
    log the whole context at DEBUG, code included). ``just_saved``: the story was saved by
    this request (``testimonies.receipts.testimony_receipt``)."""
    receipt = testimony_receipt(testimony=testimony, request=request, just_saved=just_saved)
    rows = scope_rows(testimony)
    offer_reading = bool(code) and testimony.is_active and not entered_for_participant
    labels = theme_labels(kept=True) if offer_reading else {}
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
        "own_reading_form": OwnReadingForm(theme_labels=labels) if offer_reading else None,
        # The empty questions render the same for everyone with these themes in this language:
        # kept rendered, keyed by them (a renamed or added theme is a new copy).
        "own_reading_kept": ("themes", *labels.items()) if offer_reading else (),
    }


# Drawn for every receipt: a fixed mask pattern (core.qrcodes.qr_image) saves 5 ms a story.
RECEIPT_QR_MASK = 0


def withdraw_link(request, code: str) -> str:
    """The withdrawal page with the code filled in (the log filters redact ``code=``)."""
    query = urlencode({"code": code})
    return request.build_absolute_uri(f"{reverse('testimonies:withdraw')}?{query}")


def withdraw_qr(request, code: str) -> str:
    """The withdrawal link as a QR code, an SVG drawn here, as a data: URI for an <img>.
    SECURITY: it carries the code: made for this response only, never stored or cached."""
    svg, content_type = qr_image(withdraw_link(request, code), kind="svg", mask=RECEIPT_QR_MASK)
    return f"data:{content_type};base64,{base64.b64encode(svg).decode('ascii')}"


def scope_rows(testimony) -> list[dict]:
    return [{"label": s.label, "granted": getattr(testimony, f"scope_{s.value}")} for s in Scope]
