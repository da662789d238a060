"""The participant pages' language: chosen per page from what the person asks for and what the
event offers, switched on every step without losing what was typed (core/languages.py)."""

from django import forms
from django.utils import translation

from core import languages

STEP_FORM_ID = "step-form"


def event_languages(event) -> tuple[list[str], str | None]:
    """(the languages offered, the event's first language) for a page of ``event``'s link:
    the event's languages that are switched on, else every interface language."""
    tags = list(event.languages or []) if event is not None else []
    offered = languages.offered_codes(tags)
    fallback = languages.django_code(tags[0]) if tags else None
    return offered, fallback


def is_switch(request) -> bool:
    """A POST of the current step's form asking only for another language: nothing is saved."""
    return request.method == "POST" and languages.SWITCH_FIELD in request.POST


def render_in_language(request, *, offered, fallback=None, build):
    """Call ``build(switcher)`` with the page's language active; the response says its language
    (Content-Language) and remembers a language chosen on this request in the cookie."""
    code = languages.negotiate(request, offered=offered, fallback=fallback)
    switcher = {
        "choices": languages.language_choices(offered) if len(offered) > 1 else [],
        "current": code,
        "form_id": STEP_FORM_ID,
    }
    with translation.override(code):
        response = build(switcher)
    response["Content-Language"] = code
    chosen = languages.explicit_choice(request, offered=offered)
    if chosen and (is_switch(request) or request.method == "GET"):
        languages.remember_choice(response, chosen)
    return response


def initial_from_post(form: forms.Form, data) -> dict:
    """What was typed and ticked, as an unbound form's initial values: shown again as it was,
    without validation messages (a language switch is not a submission)."""
    initial = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            if name in data:
                initial[name] = data.getlist(name)
        elif isinstance(field, forms.BooleanField):
            initial[name] = name in data and data.get(name) not in ("", "false", "off", "0")
        elif name in data:
            initial[name] = data.get(name)
    return initial
