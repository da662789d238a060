"""Numbers typed into pages' forms: ASCII digits only, within a database integer (issue 14.12)."""

from pathlib import Path

import pytest
from django import forms

from core.forms import INT_MAX, StrictIntegerField, StrictModelChoiceField
from events.models import Event
from tests.factories import open_event

ROOT = Path(__file__).resolve().parents[2]


class NumberForm(forms.Form):
    n = StrictIntegerField(required=False, min_value=0)


@pytest.mark.parametrize(
    "value", ["²", "٣", "３", "1²", "1e3", "0x10", "1" * 5000, str(INT_MAX + 1)]
)
def test_a_number_that_is_not_plain_ascii_digits_in_range_is_refused(value):
    form = NumberForm(data={"n": value})
    assert not form.is_valid()
    assert form.errors["n"]


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (" 12 ", 12), ("", None), ("0", 0)])
def test_plain_numbers_still_work(value, expected):
    form = NumberForm(data={"n": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["n"] == expected


@pytest.mark.django_db
def test_a_choice_by_id_refuses_other_digits_that_int_would_read_as_the_same_id():
    event = open_event()

    class EventForm(forms.Form):
        event = StrictModelChoiceField(queryset=Event.objects.all())

    assert EventForm(data={"event": str(event.pk)}).is_valid()
    lookalike = str(event.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    form = EventForm(data={"event": lookalike})
    assert not form.is_valid() and form.errors["event"]
    assert not EventForm(data={"event": "9" * 400}).is_valid()


def test_no_app_form_uses_django_s_lenient_number_fields():
    lenient = []
    for path in ROOT.glob("*/forms.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("forms.IntegerField(", "forms.ModelChoiceField("):
            if name in text:
                lenient.append(f"{path.relative_to(ROOT)}: {name}")
    assert lenient == [], "use core.forms.StrictIntegerField / StrictModelChoiceField"
