"""Forms of the loop's pages (issue 20): a participant's answers, choices and own reading, a
researcher's quote request, a facilitator's quotes for a commitment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from testimonies.choices import (
    CHANGE_SENTENCE_MAX_LENGTH,
    PURPOSE_DETAIL_MAX_LENGTH,
    QuotePurpose,
    TrustChange,
)


class QuoteAnswerForm(forms.Form):
    quote = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=[("approve", _("Approve this quote")), ("decline", _("Decline this quote"))]
    )


class FollowUpForm(forms.Form):
    commitments = forms.BooleanField(
        label=_("E-mail me when a commitment at my event changes"), required=False
    )
    quote_requests = forms.BooleanField(
        label=_("E-mail me when a quote request waits for my answer"), required=False
    )


class OwnReadingForm(forms.Form):
    """Optional questions after the story, in plain words."""

    themes = forms.MultipleChoiceField(
        label=_("In your view, what is your story about? Tick any that fit."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    trust_change = forms.ChoiceField(
        label=_("How did your trust in health services change?"),
        choices=TrustChange.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    what_should_change = forms.CharField(
        label=_("In one sentence: what should change?"),
        max_length=CHANGE_SENTENCE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, theme_labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(theme_labels.items())


class QuoteRequestForm(forms.Form):
    start = forms.IntegerField(label=_("From character"), min_value=0)
    end = forms.IntegerField(label=_("To character"), min_value=1)
    purpose = forms.ChoiceField(label=_("What is the quote for?"), choices=QuotePurpose.choices)
    purpose_detail = forms.CharField(
        label=_("Name of the report, presentation or page"),
        max_length=PURPOSE_DETAIL_MAX_LENGTH,
    )


class CommitmentQuotesForm(forms.Form):
    quotes = forms.MultipleChoiceField(
        label=_("Approved anonymous quotes of this event"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, quotes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quotes"].choices = [(str(q.pk), q.passage) for q in quotes]
