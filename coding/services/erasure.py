"""What a story's withdrawal (or narrowed consent) removes from coding."""

from coding.models import CodeApplication, CodingCompletion, Memo, Reconciliation


def erase_for_testimony(testimony_id: int) -> None:
    """Full withdrawal: delete every code, suggestion, memo and decision derived from a story.

    Called by the testimonies withdrawal service inside its transaction; idempotent.
    """
    CodeApplication.objects.filter(testimony_id=testimony_id).update(suggestion=None)
    CodeApplication.objects.filter(testimony_id=testimony_id).delete()
    Memo.objects.filter(testimony_id=testimony_id).delete()
    CodingCompletion.objects.filter(testimony_id=testimony_id).delete()
    Reconciliation.objects.filter(testimony_id=testimony_id).delete()


def on_scopes_narrowed(testimony_id: int, scopes: set[str]) -> None:
    """Without research consent nothing derived from the story may stay."""
    if "research" in scopes:
        erase_for_testimony(testimony_id)
