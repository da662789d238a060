from django.http import Http404
from django.shortcuts import render
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
