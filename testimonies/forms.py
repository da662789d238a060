from django import forms
from django.utils.translation import gettext_lazy as _

from testimonies.models import (
    CHARACTERISTIC_SCOPES,
    RESTORE_TRUST_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    VOICE_SCOPES,
    AgeBand,
    ConsentMethod,
    Consequence,
    Gender,
    Reason,
    Scope,
    TrustAffected,
    YesNo,
)

SCOPE_HELP = {
    Scope.RESEARCH: _("Needed to send a story. Researchers read it without names or contacts."),
    Scope.QUOTE_ANONYMOUS: _("We may quote your words in reports, without your name."),
    Scope.QUOTE_NAMED: _('We may quote you with your first name and country, e.g. "Angela, USA".'),
    Scope.QUOTE_ASK: _("We show you each passage and its purpose first; you approve or decline."),
    Scope.GENDER: _("You will be asked for your gender. You can still choose not to say."),
    Scope.AGE_BAND: _("You will be asked for your age band."),
    Scope.ETHNIC_MINORITY: _("You will be asked if you belong to an ethnic minority."),
    Scope.DISABILITY: _("You will be asked if you have a disability."),
    Scope.LGBTQ: _("You will be asked if you are LGBTQ+."),
    Scope.CONTACT: _("You will be asked for an e-mail or phone. We keep it locked apart."),
    Scope.VOICE_KEEP: _("Otherwise your recording is erased once you confirm its transcript."),
    Scope.VOICE_LISTEN: _("A voice can identify you. Without this, nobody ever listens to it."),
}

# The story step's gentle prompts (in the spirit of the report: a moment in care, how it felt,
# what would have helped). Shown above the box; nothing is required but the story itself.
STORY_PROMPTS = (
    _("Think of one moment in care: what happened, and how did it feel?"),
    _("What would have helped you then?"),
)

LANGUAGE_CHOICES = [
    ("", _("Let the system detect it")),
    ("en", "English"),
    ("fr", "Français"),
    ("pt-BR", "Português (Brasil)"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("ja", "日本語"),
]


class LanguageSelect(forms.Select):
    """Each language's name is written in that language, so each option says which it is (a
    screen reader then reads "Deutsch" in German)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


CHARACTERISTIC_CHOICES = {
    Scope.GENDER: (_("Your gender"), Gender.choices),
    Scope.AGE_BAND: (_("Your age band"), AgeBand.choices),
    Scope.ETHNIC_MINORITY: (_("Do you belong to an ethnic minority?"), YesNo.choices),
    Scope.DISABILITY: (_("Do you have a disability?"), YesNo.choices),
    Scope.LGBTQ: (_("Are you LGBTQ+?"), YesNo.choices),
}


class ConsentForm(forms.Form):
    """Step 1: the scopes, each unticked by default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for scope in Scope:
            self.fields[f"scope_{scope.value}"] = forms.BooleanField(
                label=scope.label,
                required=False,
                initial=False,
                help_text=SCOPE_HELP[scope],
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("scope_research"):
            self.add_error(
                "scope_research",
                _("To send a story, tick this box. Every other choice is optional."),
            )
        return cleaned

    def scopes(self) -> list[str]:
        return [s for s in Scope.values if self.cleaned_data.get(f"scope_{s}")]

    def research_field(self):
        return self["scope_research"]

    def quote_fields(self):
        return [self["scope_quote_anonymous"], self["scope_quote_named"], self["scope_quote_ask"]]

    def voice_scope_fields(self):
        return [self[f"scope_{s.value}"] for s in VOICE_SCOPES]

    def characteristic_scope_fields(self):
        return [self[f"scope_{s.value}"] for s in CHARACTERISTIC_SCOPES]

    def contact_field(self):
        return self["scope_contact"]

    def fold_open(self) -> bool:
        """Whether the folded optional choices (about you, the recording) start open: one of
        them is ticked or has an error."""
        return any(
            f.value() or f.errors
            for f in self.characteristic_scope_fields() + self.voice_scope_fields()
        )


class StoryForm(forms.Form):
    """Step 2: the story and the optional questions.

    Every field exists whatever the scopes, so that a value sent without its scope reaches the
    service, which refuses it; the template only shows the fields the scopes allow.
    """

    title = forms.CharField(
        label=_("A title (optional)"), required=False, max_length=TITLE_MAX_LENGTH
    )
    text = forms.CharField(
        label=_("Your story"),
        help_text=_("Write in any language. Up to 20,000 characters."),
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": TEXT_MAX_LENGTH}),
        max_length=TEXT_MAX_LENGTH,
        strip=False,
        error_messages={"required": _("Please write your story before sending it.")},
    )
    declared_language = forms.ChoiceField(
        label=_("Language of your story"),
        choices=LANGUAGE_CHOICES,
        widget=LanguageSelect,
        required=False,
    )
    trust_affected = forms.ChoiceField(
        label=_("Did this experience affect your trust in healthcare?"),
        choices=TrustAffected.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Why? Tick all that apply."),
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consequences = forms.MultipleChoiceField(
        label=_("What happened next? Tick all that apply."),
        choices=Consequence.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    restore_trust = forms.CharField(
        label=_("What would help you trust healthcare again? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": RESTORE_TRUST_MAX_LENGTH}),
        required=False,
        max_length=RESTORE_TRUST_MAX_LENGTH,
    )
    first_name = forms.CharField(
        label=_("First name to use in quotes"), required=False, max_length=100
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    contact_email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    # The story box is described by the prompts, the length and the count around it
    # (testimonies/_story_text.html); pages that show the box alone set this to "".
    TEXT_DESCRIBED_BY = ("_prompts", "_helptext", "_count")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_id = self["text"].auto_id
        if self.TEXT_DESCRIBED_BY and text_id:
            self.fields["text"].widget.attrs["aria-describedby"] = " ".join(
                text_id + suffix for suffix in self.TEXT_DESCRIBED_BY
            )
        for scope, (label, choices) in CHARACTERISTIC_CHOICES.items():
            self.fields[scope.value] = forms.ChoiceField(
                label=label, choices=choices, widget=forms.RadioSelect, required=False
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data.get("title", ""),
            "text": data.get("text", ""),
            "declared_language": data.get("declared_language", ""),
            "trust_affected": data.get("trust_affected", ""),
            "reasons": data.get("reasons", []),
            "consequences": data.get("consequences", []),
            "restore_trust": data.get("restore_trust", ""),
            "first_name": data.get("first_name", ""),
            "characteristics": {s.value: data.get(s.value, "") for s in CHARACTERISTIC_SCOPES},
            "contact": {
                "name": data.get("contact_name", ""),
                "email": data.get("contact_email", ""),
                "phone": data.get("contact_phone", ""),
            },
        }

    def characteristic_fields(self, scopes):
        return [self[s.value] for s in CHARACTERISTIC_SCOPES if s.value in scopes]


class FacilitatorEntryForm(ConsentForm, StoryForm):
    """A facilitator enters a story on a participant's behalf and witnesses the consent."""

    TEXT_DESCRIBED_BY = ()

    consent_method = forms.ChoiceField(
        label=_("How did the participant give consent?"),
        choices=[
            (ConsentMethod.PAPER.value, ConsentMethod.PAPER.label),
            (ConsentMethod.SPOKEN.value, ConsentMethod.SPOKEN.label),
        ],
        widget=forms.RadioSelect,
    )
    witnessed = forms.BooleanField(
        label=_("I witnessed this consent and I read the consent text to, or with, the person."),
        required=True,
    )

    def clean(self):
        # NOTE: the research requirement is enforced by the service, with its own message.
        return forms.Form.clean(self)


class WithdrawCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your withdrawal code"),
        max_length=64,
        help_text=_("It is on your receipt. Copy it exactly."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class WithdrawChoiceForm(forms.Form):
    EVERYTHING = "everything"
    SOME = "some"
    what = forms.ChoiceField(
        label=_("What do you want to withdraw?"),
        choices=[
            (EVERYTHING, _("Everything: delete my story and all that was made from it")),
            (SOME, _("Only some of my choices (tick them below)")),
        ],
        widget=forms.RadioSelect,
    )
    scopes = forms.MultipleChoiceField(
        label=_("Choices to withdraw"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Deleting everything asks once more: only the second page's form carries this field.
    erase_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, granted=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Research consent cannot be narrowed alone: withdrawing it withdraws everything.
        self.fields["scopes"].choices = [
            (s.value, s.label) for s in Scope if s.value in granted and s != Scope.RESEARCH
        ]
        if not self.fields["scopes"].choices:
            # Only research consent is left: withdrawing means withdrawing everything.
            self.fields["what"].choices = self.fields["what"].choices[:1]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("what") == self.SOME and not cleaned.get("scopes"):
            self.add_error("scopes", _("Tick at least one choice, or choose Everything."))
        return cleaned

    def erase_needs_confirmation(self) -> bool:
        """True when "everything" was chosen but not yet confirmed on the second page."""
        return self.cleaned_data["what"] == self.EVERYTHING and not self.cleaned_data.get(
            "erase_confirmed"
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File to import"),
        help_text=_(
            "CSV (UTF-8, with a header row) or JSON Lines (.jsonl). Up to 10 MB and 5,000 rows."
        ),
    )


class ConsentTextForm(forms.Form):
    language = forms.CharField(label=_("Language code"), max_length=16)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}))


class GrantForm(forms.Form):
    email = forms.EmailField(label=_("Researcher's e-mail address"))
