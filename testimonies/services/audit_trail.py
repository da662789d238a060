"""What testimonies writes to the audit log: consent given, narrowed, withdrawn; erasures.

SECURITY: ids and consent choices only, never the story, a name or a code. A participant is
recorded as "participant", never linked to their account: a story given anonymously stays so.
"""

from collections.abc import Iterable

from audit.models import Action
from audit.services import audit_record
from testimonies.models import ConsentChange, Testimony

_PARTICIPANT_LABELS = {
    ConsentChange.Actor.PARTICIPANT: "participant",
    ConsentChange.Actor.CODE: "participant (withdrawal code)",
}


def consent_audit(
    *, action: str, testimony: Testimony, actor: str, scopes: Iterable[str] = ()
) -> None:
    """One entry for a consent change; staff (facilitator, admin) are named by account."""
    audit_record(
        action=action,
        target=testimony,
        actor_label=_PARTICIPANT_LABELS.get(actor),
        details={"by": str(actor), "scopes": sorted(str(s) for s in scopes)},
    )


def erasure_audit(*, testimony: Testimony, actor: str) -> None:
    audit_record(
        action=Action.ERASED,
        target=testimony,
        actor_label=_PARTICIPANT_LABELS.get(actor),
        details={"by": str(actor)},
    )
