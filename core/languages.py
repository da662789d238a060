"""Interface languages: the one place that maps BCP 47 tags to Django's codes and back, and
chooses the language of a page from what a person asked for and what a page offers.

Events, consent texts and stories name languages in BCP 47 ("pt-BR"); Django names the
interface languages in lower case ("pt-br", settings.LANGUAGES).
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language_info, to_locale
from django.utils.translation.trans_real import parse_accept_lang_header

# The explicit choice on a page: a link's ?lang= or the participant switcher's posted field.
LANGUAGE_PARAMETER = "lang"
SWITCH_FIELD = "switch_language"


def django_code(tag: str) -> str:
    """A BCP 47 tag as Django writes it: "pt-BR" -> "pt-br", "pt_BR" -> "pt-br"."""
    return (tag or "").strip().replace("_", "-").lower()


def bcp47_tag(code: str) -> str:
    """A Django language code as a BCP 47 tag: "pt-br" -> "pt-BR", "zh-hans" -> "zh-Hans"."""
    parts = django_code(code).split("-")
    tag = [parts[0]]
    for part in parts[1:]:
        if len(part) == 2:
            tag.append(part.upper())
        elif len(part) == 4:
            tag.append(part.title())
        else:
            tag.append(part)
    return "-".join(tag)


def interface_codes() -> list[str]:
    """The interface languages switched on (settings.LANGUAGES), in Django's codes, in order."""
    return [django_code(code) for code, _name in settings.LANGUAGES]


def offered_codes(tags) -> list[str]:
    """The interface languages a page may show among ``tags`` (BCP 47), in their order; every
    interface language when ``tags`` is empty."""
    switched_on = interface_codes()
    if not tags:
        return switched_on
    wanted = list(dict.fromkeys(django_code(t) for t in tags))
    return [code for code in wanted if code in switched_on]


def best_match(requested: str, offered: list[str]) -> str | None:
    """``requested`` itself, else its base language ("de-at" -> "de"), else a regional variant
    of it ("pt" -> "pt-br"), among ``offered``."""
    code = django_code(requested)
    if not code:
        return None
    if code in offered:
        return code
    base = code.split("-")[0]
    if base in offered:
        return base
    return next((o for o in offered if o.split("-")[0] == base), None)


def negotiate(request, *, offered: list[str], fallback: str | None = None) -> str:
    """The language to show: an explicit choice (posted or ?lang=), else the language cookie,
    else the browser's Accept-Language, each only if ``offered``; else ``fallback`` (e.g. an
    event's first language), else the first offered, else settings.LANGUAGE_CODE."""
    explicit = request.POST.get(LANGUAGE_PARAMETER) if request.method == "POST" else None
    candidates = [explicit, request.GET.get(LANGUAGE_PARAMETER)]
    candidates.append(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    candidates += [lang for lang, _q in parse_accept_lang_header(accept) if lang != "*"]
    for candidate in candidates:
        match = best_match(candidate or "", offered)
        if match:
            return match
    if fallback and django_code(fallback) in offered:
        return django_code(fallback)
    return offered[0] if offered else django_code(settings.LANGUAGE_CODE)


def explicit_choice(request, *, offered: list[str]) -> str | None:
    """The language a person chose on this request (switcher or ?lang=), if offered: it is
    remembered in the language cookie."""
    value = request.POST.get(LANGUAGE_PARAMETER) if request.method == "POST" else None
    value = value or request.GET.get(LANGUAGE_PARAMETER)
    code = django_code(value or "")
    return code if code in offered else None


def remember_choice(response, code: str):
    """Store a chosen language in the preference cookie (settings.LANGUAGE_COOKIE_*): a
    preference, never an identifier."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def language_choices(codes: list[str]) -> list[dict]:
    """``codes`` with each language's own name, for a switcher (code, BCP 47 tag, name)."""
    rows = []
    names = dict(settings.LANGUAGES)
    for code in codes:
        try:
            local = get_language_info(code)["name_local"]
        except KeyError:
            local = str(names.get(code, code))
        rows.append({"code": code, "tag": bcp47_tag(code), "name": local[:1].upper() + local[1:]})
    return rows


def is_translated(code: str) -> bool:
    """Whether the project has its own catalogue for ``code`` (locale/<L>/ in LOCALE_PATHS);
    English is the source language. Django's and allauth's catalogues do not count: they cover
    their own strings only."""
    if django_code(code).split("-")[0] == "en":
        return True
    locale = to_locale(django_code(code))
    return any(
        (Path(root) / name / "LC_MESSAGES" / "django.mo").exists()
        for root in settings.LOCALE_PATHS
        for name in dict.fromkeys((locale, locale.split("_")[0]))
    )
