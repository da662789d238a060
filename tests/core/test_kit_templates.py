"""The shared templates: one pagination include and one form-error summary for every app."""

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def pagination(number: int, query: str = "") -> str:
    page = Paginator(range(100), 10).get_page(number)
    request = RequestFactory().get(f"/list/?{query}")
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_pagination_links_keep_the_filters_and_change_only_the_page():
    html = pagination(2, "event=pride&page=2")
    assert 'aria-label="Pages"' in html
    assert '<a href="?event=pride&amp;page=1" rel="prev">Previous page</a>' in html
    assert '<a href="?event=pride&amp;page=3" rel="next">Next page</a>' in html
    assert "Page 2 of 10" in html


def test_first_and_last_pages_have_one_link_and_a_single_page_no_navigation():
    assert "Previous page" not in pagination(1) and "Next page" in pagination(1)
    assert "Next page" not in pagination(10) and "Previous page" in pagination(10)
    one = Paginator(range(3), 10).get_page(1)
    assert render_to_string("includes/pagination.html", {"page": one}).strip() == ""


def test_pagination_in_french():
    with translation.override("fr"):
        html = pagination(2)
    assert "Page précédente" in html and "Page 2 sur 10" in html


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Something is wrong with the whole form.")


def test_error_summary_lists_every_error_with_a_link_to_its_field():
    form = ExampleForm(data={})
    html = render_to_string(
        "includes/form_errors.html", {"form": form, "note": "Nothing has been saved yet."}
    )
    assert 'class="error-summary" role="alert" tabindex="-1" id="error-summary"' in html
    assert "<h2>Please check the following</h2>" in html
    assert "<li>Something is wrong with the whole form.</li>" in html
    assert '<a href="#id_name">Name</a>: This field is required.' in html
    assert "<li>This field is required.</li>" in html  # the hidden field: no link
    assert "<p>Nothing has been saved yet.</p>" in html


def test_no_summary_without_errors():
    assert render_to_string("includes/form_errors.html", {"form": ExampleForm()}).strip() == ""


def test_poll_error_message_is_hidden_until_the_script_shows_it():
    html = render_to_string("includes/poll_error.html", {"id": "job-poll-error"})
    assert 'id="job-poll-error" role="status" hidden' in html
    with translation.override("fr"):
        assert "La progression" in render_to_string("includes/poll_error.html")


@pytest.mark.django_db
def test_every_page_loads_the_shared_script(client):
    assert 'src="/static/js/entendu.js" defer' in client.get("/accounts/login/").content.decode()
