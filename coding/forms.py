from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coding.models import Code, CodeApplication, Codebook, Memo, Reconciliation
from coding.selectors import code_descendants
from coding.translations import (
    BASE_LANGUAGE,
    LABEL_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    language_normalise,
)
from core.forms import StrictIntegerField, StrictModelChoiceField
from events.models import Event


class ColourInput(forms.TextInput):
    input_type = "color"


TEXT_LABELS = {
    "label": _("Label"),
    "description": _("Description"),
    "inclusion_criteria": _("Inclusion criteria"),
    "exclusion_criteria": _("Exclusion criteria"),
    "example": _("Example"),
}


def _language_name(language: str) -> str:
    try:
        return get_language_info(language)["name_translated"]
    except KeyError:
        return language


class CodeForm(forms.ModelForm):
    """A code's key, colour and flags, its English texts and its texts in one other language
    (``language``; the page offers the others). ``cleaned_data["translations"]`` holds both."""

    class Meta:
        model = Code
        fields = ["key", "colour", "is_codable", "is_exclusive_group"]
        widgets = {"colour": ColourInput()}

    def __init__(self, *args, codebook: Codebook, language: str = "", with_parent=False, **kw):
        super().__init__(*args, **kw)
        self.language = language_normalise(language)
        if self.language == BASE_LANGUAGE:
            self.language = ""
        self.fields["key"].required = False
        self.fields["key"].help_text = _("Stable identifier; leave empty to derive it")
        texts = self.instance.translations if self.instance.pk else {}
        for prefix, lang in (("en", BASE_LANGUAGE), ("tr", self.language)):
            if not lang:
                continue
            for name, label in TEXT_LABELS.items():
                field = forms.CharField(
                    label=_("%(field)s (%(language)s)")
                    % {"field": label, "language": _language_name(lang)},
                    required=prefix == "en" and name == "label",
                    max_length=LABEL_MAX_LENGTH if name == "label" else TEXT_MAX_LENGTH,
                    initial=(texts.get(lang) or {}).get(name, ""),
                )
                if name != "label":
                    field.widget = forms.Textarea(attrs={"rows": 2 if name == "example" else 3})
                field.widget.attrs["lang"] = lang
                self.fields[f"{prefix}_{name}"] = field
        if with_parent:
            self.fields["parent"] = StrictModelChoiceField(
                queryset=Code.objects.filter(codebook=codebook, is_archived=False),
                required=False,
                label=_("Parent code"),
                empty_label=_("(top level)"),
            )
            self.order_fields(["parent"])

    def clean(self):
        data = super().clean()
        translations = {}
        for prefix, lang in (("en", BASE_LANGUAGE), ("tr", self.language)):
            if lang:
                translations[lang] = {
                    name: data.pop(f"{prefix}_{name}", "") or "" for name in TEXT_LABELS
                }
        data["translations"] = translations
        return data

    def _post_clean(self):
        # NOTE: the service validates and saves; the model form only collects the values.
        pass


class CodeMoveForm(forms.Form):
    parent = StrictModelChoiceField(
        queryset=Code.objects.none(),
        required=False,
        label=_("New parent"),
        empty_label=_("(top level)"),
    )
    position = StrictIntegerField(
        min_value=1,
        required=False,
        label=_("Position among its siblings"),
        help_text=_("1 is first; leave empty to put it last"),
    )

    def __init__(self, *args, code: Code, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = [c.id for c in code_descendants(code=code)]
        self.fields["parent"].queryset = Code.objects.filter(
            codebook=code.codebook_id, is_archived=False
        ).exclude(id__in=excluded)


class CodeMergeForm(forms.Form):
    target = StrictModelChoiceField(
        queryset=Code.objects.none(),
        label=_("Merge into"),
        help_text=_("Every application of this code moves to the code you choose."),
    )

    def __init__(self, *args, code: Code, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = [c.id for c in code_descendants(code=code)]
        self.fields["target"].queryset = Code.objects.filter(
            codebook=code.codebook_id, is_archived=False
        ).exclude(id__in=excluded)


class CodebookForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label=_("Codebook file"),
        help_text=_("A REFI-QDA codebook (.qdc) or a CSV file with the columns of our export"),
    )
    name = forms.CharField(
        label=_("Name of the new codebook"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name in the file"),
    )
    language = forms.ChoiceField(
        label=_("Language of the code names in a .qdc file"),
        choices=settings.LANGUAGES,
        initial=BASE_LANGUAGE,
        required=False,
        help_text=_("Used when the file does not say; a CSV names the language of each column"),
    )


class ApplyForm(forms.Form):
    SCOPES = [("span", _("The selected passage")), ("document", _("The whole story"))]

    code = StrictModelChoiceField(queryset=Code.objects.none(), label=_("Code"))
    scope = forms.ChoiceField(
        choices=SCOPES, initial="span", label=_("Apply to"), widget=forms.RadioSelect
    )
    start = StrictIntegerField(required=False, min_value=0, label=_("Start"))
    end = StrictIntegerField(required=False, min_value=0, label=_("End"))
    comment = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, codebook: Codebook, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].queryset = Code.objects.filter(
            codebook=codebook, is_archived=False, is_codable=True
        )

    def clean(self):
        data = super().clean()
        if data.get("scope") == "span" and (data.get("start") is None or data.get("end") is None):
            raise forms.ValidationError(
                _("Select a passage in the story first, or apply the code to the whole story.")
            )
        return data


class CommentForm(forms.ModelForm):
    class Meta:
        model = CodeApplication
        fields = ["comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}


class SuggestionAcceptForm(forms.Form):
    """Accepting a suggestion: on the passage it rests on, or on the whole story."""

    scope = forms.ChoiceField(
        choices=[("passage", _("This passage")), ("story", _("The whole story"))],
        required=False,
    )


class MemoForm(forms.ModelForm):
    class Meta:
        model = Memo
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def _post_clean(self):
        pass


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("todo", _("Uncoded or partly coded")),
        ("uncoded", _("Uncoded")),
        ("partial", _("Partly coded")),
        ("coded", _("Coded")),
        ("all", _("All")),
    ]
    PENDING_CHOICES = [("", _("Any")), ("yes", _("With suggestions to review")), ("no", _("None"))]
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))
    mine = forms.BooleanField(required=False, label=_("Only stories I have not finished"))
    event = StrictModelChoiceField(
        queryset=Event.objects.order_by("title"),
        required=False,
        label=_("Event"),
        empty_label=_("Any"),
    )
    country = forms.ChoiceField(required=False, label=_("Country"))
    language = forms.CharField(required=False, max_length=16, label=_("Language (code)"))
    theme = StrictModelChoiceField(
        queryset=Code.objects.none(), required=False, label=_("Theme"), empty_label=_("Any")
    )
    pending = forms.ChoiceField(
        choices=PENDING_CHOICES, required=False, label=_("Machine suggestions")
    )

    def __init__(self, *args, codebook: Codebook | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *countries]
        if codebook is not None:
            self.fields["theme"].queryset = Code.objects.filter(
                codebook=codebook, is_archived=False
            )


class AgreementFilterForm(forms.Form):
    codebook = StrictModelChoiceField(
        queryset=Codebook.objects.all(), required=False, label=_("Codebook"), empty_label=None
    )
    event = StrictModelChoiceField(
        queryset=Event.objects.order_by("title"),
        required=False,
        label=_("Event"),
        empty_label=_("All events"),
    )
    rollup = forms.BooleanField(
        required=False, label=_("Count a sub-code as its theme (and every code above it)")
    )


class ReconcileForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Reconciliation.Decision.choices, widget=forms.RadioSelect, label=_("Decision")
    )
    note = forms.CharField(
        required=False, max_length=2000, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )
