import logging

from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from core import languages
from core.access import public, roles_required
from core.dashboard import dashboard_context


@public
def home(request):
    return render(request, "core/home.html")


@roles_required()
def dashboard(request):
    """Each role's starting point after signing in."""
    context = {"events": [], **dashboard_context(user=request.user)}
    return render(request, "core/dashboard.html", context)


logger = logging.getLogger(__name__)

# NOTE: no template, no translation that could fail: the last resort when 500.html itself fails.
_PLAIN_500 = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Server error</title></head>'
    '<body><main><h1>Something went wrong</h1><p><a href="/">Go to the home page</a></p></main>'
    "</body></html>"
)


def server_error(request, template_name="500.html"):
    """``handler500``: templates/500.html, rendered without a request (nothing that needs the
    database or the session); plain HTML if even that fails. Not routed, so it needs no access
    decision."""
    try:
        body = loader.get_template(template_name).render()
    except Exception:  # noqa: BLE001 - the error page must not raise in its turn
        logger.exception("500.html could not be rendered")
        body = _PLAIN_500
    return HttpResponseServerError(body)


_CATALOG = JavaScriptCatalog.as_view()


@public
@cache_control(max_age=3600, public=True)
def javascript_catalog(request, language: str):
    """Django's JavaScript catalogue (gettext, interpolate, ...) in the language the URL names,
    so that a page's scripts speak the page's language even where it was chosen per page (the
    participant link). Public by decision: it holds the interface's strings, no data."""
    code = languages.django_code(language)
    if code not in languages.interface_codes():
        raise Http404
    with translation.override(code):
        response = _CATALOG(request)
    response["Content-Language"] = code
    return response
