"""``{{ code|code_text:"description" }}``: a code's text in the reader's language, rendered with
``lang`` and an "(in English)" marker when it fell back to English (``Code.text``)."""

from django import template

register = template.Library()


@register.filter
def code_text(code, field: str):
    return code.text(field).html
