"""A participant's own data as JSON, streamed story by story (no whole-file buffer)."""

import json
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import timezone

from testimonies.models import ConsentChange, Testimony
from testimonies.receipts import testimony_receipt
from testimonies.selectors import testimonies_for_participant


def _story(testimony: Testimony, request) -> dict:
    try:
        chars = testimony.characteristics
    except Testimony.characteristics.RelatedObjectDoesNotExist:
        chars = None
    try:
        contact = testimony.contact
    except Testimony.contact.RelatedObjectDoesNotExist:
        contact = None
    return {
        "receipt": testimony_receipt(testimony=testimony, request=request),
        "story": {
            "title": testimony.title,
            "text": testimony.text,
            "language": testimony.declared_language,
            "firstNameForQuotes": testimony.first_name,
            "trustAffected": testimony.trust_affected,
            "reasons": testimony.reasons,
            "consequences": testimony.consequences,
            "whatWouldRestoreTrust": testimony.restore_trust,
        },
        "characteristics": (
            {
                k: getattr(chars, k)
                for k in ("gender", "age_band", "ethnic_minority", "disability", "lgbtq")
                if getattr(chars, k)
            }
            if chars
            else {}
        ),
        "contact": (
            {"name": contact.name, "email": contact.email, "phone": contact.phone}
            if contact
            else {}
        ),
        "consentHistory": [
            {"kind": c.kind, "by": c.actor, "scopes": c.scopes, "at": c.at.isoformat()}
            for c in testimony.changes.all()
        ],
    }


def participant_data_export(*, user, request=None) -> Iterator[str]:
    """Yield the JSON document in pieces: the account, then each story with its receipt."""
    head = {
        "exportedAt": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "displayName": user.display_name,
            "dateJoined": user.date_joined.isoformat(),
        },
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "stories": ['
    testimonies = (
        testimonies_for_participant(user=user)
        .select_related("characteristics", "contact", "participant")
        .prefetch_related(Prefetch("changes", queryset=ConsentChange.objects.order_by("at", "id")))
    )
    first = True
    for testimony in testimonies.iterator(chunk_size=100):
        yield ("" if first else ",") + json.dumps(_story(testimony, request), ensure_ascii=False)
        first = False
    yield "]}"
