"""The storyteller's own reading (issue 20): optional, after the story, in plain words."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from testimonies.choices import CHANGE_SENTENCE_MAX_LENGTH, TrustChange
from testimonies.models import OwnReading, Testimony
from testimonies.selectors_loop import theme_labels
from testimonies.services.checks import text_problem


@transaction.atomic
def own_reading_save(
    *, testimony: Testimony, themes, trust_change: str = "", what_should_change: str = ""
) -> OwnReading | None:
    """Save (or replace) the participant's own reading; all empty removes it."""
    locked = Testimony.objects.select_for_update().get(pk=testimony.pk)
    if not locked.is_active:
        raise ApplicationError(_("This story has been withdrawn."))
    themes = sorted({str(t) for t in themes or ()})
    sentence = (what_should_change or "").strip()
    errors: dict[str, list[str]] = {}
    if set(themes) - set(theme_labels()):
        errors["themes"] = [_("Choose among the themes shown.")]
    if trust_change and trust_change not in TrustChange.values:
        errors["trust_change"] = [_("Choose one of the answers shown.")]
    if len(sentence) > CHANGE_SENTENCE_MAX_LENGTH:
        errors["what_should_change"] = [_("Please keep it to one sentence (300 characters).")]
    elif sentence and (problem := text_problem(sentence)):
        errors["what_should_change"] = [problem]
    if errors:
        raise ApplicationError(_("Your answers were not saved."), field_errors=errors)
    if not (themes or trust_change or sentence):
        OwnReading.objects.filter(testimony=locked).delete()
        return None
    reading, _created = OwnReading.objects.update_or_create(
        testimony=locked,
        defaults={"themes": themes, "trust_change": trust_change, "what_should_change": sentence},
    )
    return reading
