from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from accounts.roles import Role, user_roles
from core import languages


def roles(request):
    held = user_roles(getattr(request, "user", None))
    return {"user_roles": held, "Role": Role}


def interface_language(request):
    """``untranslated_language``: the page's language, when the project has no catalogue for it
    yet (a language just switched on by configuration), so that base.html marks the page as
    shown in English; else None. Context processors run when the page renders, so this follows
    a language chosen per page (the participant link)."""
    code = get_language() or settings.LANGUAGE_CODE
    if languages.is_translated(code):
        return {"untranslated_language": None}
    name = languages.language_choices([code])[0]["name"]
    marked = format_html('<span lang="{}">{}</span>', languages.bcp47_tag(code), name)
    return {"untranslated_language": marked}


def participant_flow(request):
    """``participant_flow``: the page is a step of the participant's path (the link, consent,
    story, receipt, withdrawal), named by ``settings.PARTICIPANT_FLOW_VIEWS``. base.html then
    shows a signed-out visitor the language choice only: no "Sign in / Sign up" they do not need."""
    match = getattr(request, "resolver_match", None)
    names = getattr(settings, "PARTICIPANT_FLOW_VIEWS", ())
    return {"participant_flow": bool(match and match.view_name in names)}
