"""The forms of the .qdpx import page: the upload, then the choices after the preview."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import RESEARCH_TEAM
from coding.models import Code, Codebook
from events.models import Event
from testimonies.models import ConsentText, Scope

NEW = "new"
EXTERNAL = "external"


class QdpxUploadForm(forms.Form):
    file = forms.FileField(
        label=_("REFI-QDA project (.qdpx)"),
        help_text=_("From NVivo, ATLAS.ti, MAXQDA, QualCoder or Entendu; at most 50 MB."),
    )
    event = forms.ModelChoiceField(
        label=_("Event the stories belong to"), queryset=Event.objects.order_by("-id")
    )
    codebook = forms.ModelChoiceField(
        label=_("Codebook the codes merge into"), queryset=Codebook.objects.all()
    )


class QdpxConfirmForm(forms.Form):
    """The consent the importer attests for the batch, and a choice per code and per coder."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    event = forms.ModelChoiceField(widget=forms.HiddenInput, queryset=Event.objects.all())
    codebook = forms.ModelChoiceField(widget=forms.HiddenInput, queryset=Codebook.objects.all())
    consent_text = forms.ModelChoiceField(
        label=_("Consent text the participants agreed to"), queryset=ConsentText.objects.all()
    )
    consented_at = forms.DateTimeField(
        label=_("When consent was given"), help_text=_("For example 2025-03-01 10:00.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the participants consented to, besides research"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(s.value, s.label) for s in Scope if s != Scope.RESEARCH],
    )
    attest = forms.BooleanField(
        label=_(
            "I attest that every participant of this project consented to research, and to the "
            "scopes ticked above, with the consent text chosen."
        )
    )

    def __init__(self, *args, preview=None, codebook=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.code_rows, self.coder_rows = [], []
        if preview is None:
            return
        codes = [(NEW, _("Create a new code"))] + [
            (str(c.id), c.text("label", "en").text)
            for c in Code.objects.filter(codebook=codebook, is_archived=False)
        ]
        for n, row in enumerate(preview.codes):
            name = f"code_{n}"
            self.fields[name] = forms.ChoiceField(
                label=row.name, choices=codes, initial=str(row.match_id or NEW)
            )
            self.code_rows.append((row, name))
        accounts = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=RESEARCH_TEAM)
            .distinct()
        )
        coders = [(EXTERNAL, _("Keep as an external coder"))] + [
            (str(u.id), u.display_name or u.email) for u in accounts
        ]
        for n, (guid, name) in enumerate(preview.coder_names.items()):
            field = f"coder_{n}"
            self.fields[field] = forms.ChoiceField(
                label=name, choices=coders, initial=str(preview.coders.get(guid) or EXTERNAL)
            )
            self.coder_rows.append((guid, field))

    @property
    def code_items(self):
        return [(row, self[name]) for row, name in self.code_rows]

    @property
    def coder_items(self):
        return [self[name] for _guid, name in self.coder_rows]

    @property
    def consent_items(self):
        return [self[name] for name in ("consent_text", "consented_at", "scopes", "attest")]

    def clean_consented_at(self):
        value = self.cleaned_data["consented_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("This date is in the future."))
        return value

    def code_matches(self) -> dict[str, int | None]:
        return {
            row.guid: None if self.cleaned_data[f] == NEW else int(self.cleaned_data[f])
            for row, f in self.code_rows
        }

    def coders(self) -> dict[str, int | None]:
        return {
            guid: None if self.cleaned_data[f] == EXTERNAL else int(self.cleaned_data[f])
            for guid, f in self.coder_rows
        }

    def scope_set(self) -> frozenset[str]:
        return frozenset({Scope.RESEARCH, *self.cleaned_data.get("scopes", [])})
