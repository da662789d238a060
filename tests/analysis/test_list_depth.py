"""Lists paged by keyset (issue 22 point 2): the "Next page" link reads the next rows, every row
once; counts above the bound read "more than N"; another user's rows never show."""

import html
import re

import pytest

from analysis.models import ExportJob
from tests.analysis.factories import story

pytestmark = pytest.mark.django_db


def next_link(content: bytes) -> str | None:
    found = re.search(r'href="([^"]*)" rel="next"', content.decode())
    return html.unescape(found.group(1)) if found else None


def test_exports_list_pages_through_the_users_own_jobs(client_for, researcher, admin_user):
    mine = [
        ExportJob.objects.create(user=researcher, dataset="codes", format="csv").pk
        for _ in range(23)
    ]
    theirs = ExportJob.objects.create(user=admin_user, dataset="codes", format="csv").pk
    c = client_for(researcher)
    first = c.get("/analysis/exports/")
    assert first.status_code == 200
    link = next_link(first.content)
    assert link and link.startswith("?cursor=")
    second = c.get(f"/analysis/exports/{link}")
    shown = [
        pk
        for response in (first, second)
        for pk in re.findall(r'/analysis/exports/([0-9a-f-]{36})/"', response.content.decode())
    ]
    assert sorted(shown) == sorted(str(pk) for pk in mine)
    assert str(theirs) not in first.content.decode() + second.content.decode()
    assert next_link(second.content) is None and 'rel="prev"' in second.content.decode()


def test_search_pages_by_cursor_and_keeps_the_query(client_for, researcher):
    for i in range(23):
        story(text=f"Story {i}: such kindness from the nurses.")
    c = client_for(researcher)
    first = c.get("/analysis/search/", {"q": "kindness"})
    assert "23 stories found" in first.content.decode()
    link = next_link(first.content)
    assert "q=kindness" in link and "cursor=" in link
    second = c.get(f"/analysis/search/{link}")
    assert second.content.decode().count('class="card search-hit"') == 3
    assert "Page 2" in second.content.decode()


def test_a_count_above_the_bound_reads_more_than(client_for, researcher, monkeypatch):
    # Search counts to its own bound (1,000 at scale), the page and the API alike.
    monkeypatch.setattr("analysis.selectors.SEARCH_COUNT_BOUND", 4)
    for i in range(6):
        story(text=f"Story {i}: kindness.")
    page = client_for(researcher).get("/analysis/search/", {"q": "kindness"})
    assert "More than 4 stories found" in page.content.decode()
    api = client_for(researcher).get("/api/v1/analysis/search/", {"q": "kindness"}).json()
    assert api["count"] == 4 and api["count_is_capped"] is True


def test_work_queue_pages_by_cursor(client_for, researcher):
    for i in range(27):
        story(text=f"Story {i}.")
    c = client_for(researcher)
    first = c.get("/coding/", {"status": "all"})
    assert first.status_code == 200
    link = next_link(first.content)
    assert "status=all" in link and "cursor=" in link
    second = c.get(f"/coding/{link}")
    assert second.status_code == 200 and next_link(second.content) is None
    assert 'rel="prev"' in second.content.decode()
