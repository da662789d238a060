from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StrictIntegerField
from nlp.models import JOB_BATCH_SIZE, JOB_MAX_BATCH_SIZE, LexiconEntry, NlpJob
from nlp.pipelines import SUPPORTED_LANGUAGES

LANGUAGE_NAMES = {
    "fr": _("French"),
    "en": _("English"),
    "pt": _("Portuguese"),
    "es": _("Spanish"),
    "de": _("German"),
    "ja": _("Japanese"),
}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in SUPPORTED_LANGUAGES]


class JobForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to run"), choices=NlpJob.Kind.choices)
    event = forms.TypedChoiceField(
        label=_("Event"), required=False, coerce=int, empty_value=None, choices=()
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *LANGUAGE_CHOICES]
    )
    submitted_from = forms.DateField(
        label=_("Submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    submitted_to = forms.DateField(
        label=_("Submitted until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    untagged_only = forms.BooleanField(label=_("Only stories never tagged"), required=False)
    batch_size = StrictIntegerField(
        label=_("Stories per batch"),
        min_value=1,
        max_value=JOB_MAX_BATCH_SIZE,
        initial=JOB_BATCH_SIZE,
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("All events"))] + [(e.pk, e.title) for e in events]

    def filters(self) -> dict:
        data = self.cleaned_data
        out = {}
        if data.get("event"):
            out["event"] = data["event"]
        if data.get("language"):
            out["language"] = data["language"]
        for name in ("submitted_from", "submitted_to"):
            if data.get(name):
                out[name] = data[name].isoformat()
        if data.get("untagged_only"):
            out["untagged_only"] = True
        return out


class LexiconEntryForm(forms.Form):
    code_key = forms.ChoiceField(label=_("Code"), choices=())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=LexiconEntry.Kind.choices, initial=LexiconEntry.Kind.TERM
    )
    value = forms.CharField(
        label=_("Term, phrase or pattern"),
        max_length=500,
        help_text=_(
            "A word or phrase as people write it (matched on lemmas where the language allows), "
            'or a spaCy token pattern in JSON, e.g. [{"LOWER": "not"}, {"LEMMA": "listen"}].'
        ),
    )

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code_key"].choices = list(codes)


class LexiconFilterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    code = forms.ChoiceField(label=_("Code"), required=False, choices=())

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", _("All codes")), *codes]
