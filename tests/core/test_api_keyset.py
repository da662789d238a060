"""The long API lists page by cursor (core.pagination.KeysetPagination): the same envelope, every
row once, ``?page=N`` still answered, ``count`` bounded with ``count_is_capped``."""

import pytest
from django.conf import settings

from tests.analysis.factories import story

pytestmark = pytest.mark.django_db
LIST = "/api/v1/research-copies/"


@pytest.fixture
def copies():
    size = settings.REST_FRAMEWORK["PAGE_SIZE"]
    for i in range(size + 5):
        story(text=f"Story {i}")
    return size


def test_next_and_previous_links_carry_a_cursor(client_for, researcher, copies):
    c = client_for(researcher)
    first = c.get(LIST).json()
    assert first["count"] == copies + 5 and first["count_is_capped"] is False
    assert first["previous"] is None and "cursor=" in first["next"]
    assert len(first["results"]) == copies
    second = c.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    assert second["previous"].endswith(LIST)  # page 1 has no cursor
    assert not {str(r) for r in first["results"]} & {str(r) for r in second["results"]}


def test_a_page_number_is_still_answered(client_for, researcher, copies):
    c = client_for(researcher)
    by_cursor = c.get(c.get(LIST).json()["next"]).json()
    by_number = c.get(LIST, {"page": 2}).json()
    assert by_number["results"] == by_cursor["results"]
    assert c.get(LIST, {"page": 3}).status_code == 404


def test_a_bad_cursor_is_the_first_page(client_for, researcher, copies):
    c = client_for(researcher)
    assert c.get(LIST, {"cursor": "nonsense"}).json()["results"] == c.get(LIST).json()["results"]
