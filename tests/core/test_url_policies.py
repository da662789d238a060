"""Deny by default: every URL the project serves carries an explicit access decision."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from config import urls as site_urls
from core.access import access_policy_of


def walk(patterns, prefix="", namespaces=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback, namespaces


def test_every_url_has_an_access_decision():
    undecided = [
        route
        for route, view, namespaces in walk(get_resolver().url_patterns)
        if access_policy_of(view, namespaces) is None
    ]
    assert undecided == []


def test_there_are_urls_to_check():
    routes = [route for route, _, _ in walk(get_resolver().url_patterns)]
    assert "dashboard/" in routes
    assert len(routes) > 20


def undecided_view(request):
    return HttpResponse("secret")


# NOTE: with the site's own URLs, which the 403 page (templates/403.html) links to.
urlpatterns = [path("undecided/", undecided_view), *site_urls.urlpatterns]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_middleware_refuses_a_view_without_a_decision(client):
    response = client.get("/undecided/")
    assert response.status_code == 403
    assert b"secret" not in response.content
