"""core.form_views: the one place a page's form meets its service."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from core import form_views
from core.exceptions import ApplicationError


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/page/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.fixture
def rendered(monkeypatch):
    """What form_submit rendered: (template, context, status)."""
    seen = {}

    def fake_render(request, template, context, status=200):
        seen.update(template=template, context=context, status=status)
        return HttpResponse(status=status)

    monkeypatch.setattr(form_views, "render", fake_render)
    return seen


def _submit(request, action, **kwargs):
    form = NameForm(request.POST if request.method == "POST" else None)
    return form, form_views.form_submit(
        request, form, action=action, template="page.html", **kwargs
    )


def test_a_get_renders_the_form_without_running_the_service(rendered):
    calls = []
    form, response = _submit(
        _request(), calls.append, success_url="/done/", context={"title": "T"}, invalid_status=400
    )
    assert calls == []
    assert response.status_code == 200
    assert rendered["context"] == {"title": "T", "form": form}


def test_a_valid_post_runs_the_service_flashes_and_redirects():
    request = _request("post", {"name": "Ada"})
    _form, response = _submit(
        request,
        lambda form: form.cleaned_data["name"].upper(),
        success_url=lambda result: f"/done/{result}/",
        success_message=lambda result: f"Saved {result}.",
    )
    assert (response.status_code, response["Location"]) == (302, "/done/ADA/")
    assert [str(m) for m in get_messages(request)] == ["Saved ADA."]


def test_an_application_error_goes_onto_the_form_and_the_page_is_shown_again(rendered):
    def refuse(form):
        raise ApplicationError("No.", field_errors={"name": ["Taken."]})

    request = _request("post", {"name": "Ada"})
    form, response = _submit(request, refuse, success_url="/done/", invalid_status=400)
    assert response.status_code == 400
    assert form.errors == {"name": ["Taken."]}
    assert list(get_messages(request)) == []


def test_an_application_error_without_a_field_is_shown_at_the_top(rendered):
    def refuse(form):
        raise ApplicationError("No.")

    form, response = _submit(
        _request("post", {"name": "Ada"}), refuse, success_url="/done/", form_key="the_form"
    )
    assert response.status_code == 200
    assert form.non_field_errors() == ["No."]
    assert rendered["context"] == {"the_form": form}


def test_an_invalid_post_does_not_run_the_service(rendered):
    calls = []
    _form, response = _submit(
        _request("post", {"name": "x" * 11}), calls.append, success_url="/", invalid_status=400
    )
    assert (calls, response.status_code) == ([], 400)


def test_post_action_flashes_the_outcome_and_redirects():
    request = _request("post")
    response = form_views.post_action(
        request, action=lambda: 1, redirect_to="/back/", success_message="Done."
    )
    assert response["Location"] == "/back/"
    assert [str(m) for m in get_messages(request)] == ["Done."]


def test_post_action_turns_an_application_error_into_an_error_message():
    def refuse():
        raise ApplicationError("Refused.")

    request = _request("post")
    response = form_views.post_action(
        request, action=refuse, redirect_to="/back/", success_url="/elsewhere/"
    )
    assert response["Location"] == "/back/"
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Refused.")]


def test_post_action_with_an_invalid_form_does_not_run_the_action():
    calls = []
    request = _request("post", {"name": ""})
    response = form_views.post_action(
        request,
        form=NameForm(request.POST),
        invalid_message="Name it.",
        action=lambda: calls.append(1),
        redirect_to="/back/",
    )
    assert (calls, response["Location"]) == ([], "/back/")
    assert [str(m) for m in get_messages(request)] == ["Name it."]
