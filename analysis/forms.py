from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from analysis import selectors
from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from coding.selectors import code_choices
from events.models import Event


class FilterForm(forms.Form):
    """The filters every dashboard, search and export shares. Values arrive by GET."""

    event = forms.TypedChoiceField(label=_("Event"), required=False, coerce=int, empty_value=None)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    code = forms.TypedChoiceField(label=_("Code"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", pgettext_lazy("all events", "All"))]
        events = Event.objects.only("id", "title").order_by("-starts_at")[:500]
        self.fields["event"].choices = everything + [(str(e.id), e.title) for e in events]
        used = sorted(
            {
                str(c)
                for c in Event.objects.order_by().values_list("country", flat=True).distinct()
                if c
            }
        )
        self.fields["country"].choices = everything + [
            (code, countries.name(code) or code) for code in used
        ]
        from analysis.dashboards import language_label

        self.fields["language"].choices = everything + [
            (code, language_label(code)) for code in selectors.languages_for_filters()
        ]
        self.fields["code"].choices = everything + code_choices(
            codebook=selectors.default_codebook()
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data

    def filters(self) -> AnalysisFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return AnalysisFilters(
            event_id=data.get("event"),
            country=data.get("country") or "",
            language=data.get("language") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            code_id=data.get("code"),
        )


class ExportForm(forms.Form):
    DATASETS = [
        (ExportJob.Dataset.STORIES, _("Research copies")),
        (ExportJob.Dataset.CODES, _("Codebook")),
        (ExportJob.Dataset.APPLICATIONS, _("Code applications")),
        (ExportJob.Dataset.CHARACTERISTICS, _("Characteristics")),
        (ExportJob.Dataset.PROJECT, _("REFI-QDA project (.qdpx)")),
    ]
    dataset = forms.ChoiceField(label=_("Data"), choices=DATASETS)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("xlsx", "XLSX"), ("qdpx", "REFI-QDA (.qdpx)")],
        help_text=_("A REFI-QDA project is always a .qdpx file."),
    )
    label_language = forms.ChoiceField(
        label=_("Language of the code labels"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Labels a code does not have in this language are in English, marked so."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label_language"].initial = get_language()


class QuoteSheetForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("docx", "DOCX (Word)"), ("html", "HTML")]
    )
    label_language = forms.ChoiceField(
        label=_("Language of the code labels"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Labels a code does not have in this language are in English, marked so."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label_language"].initial = get_language()
