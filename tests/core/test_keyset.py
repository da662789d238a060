"""Keyset pagination (core/keyset.py): every row once at any depth, back and forth, bounded
counts, and the one pagination include."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.keyset import capped_count, keyset_page, without_jit
from testimonies.models import ResearchCopy
from tests.analysis.factories import story

pytestmark = pytest.mark.django_db
START = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.fixture
def copies():
    # Ties on the first key (three stories per minute): the unique id breaks them.
    for i in range(11):
        story(text=f"Story {i}", submitted_at=START + timedelta(minutes=i // 3))
    return ResearchCopy.objects.order_by("-testimony__submitted_at", "-id")


def walk(queryset, size):
    pages, cursor = [], None
    while True:
        page = keyset_page(queryset, cursor=cursor, size=size)
        pages.append(page)
        if not page.has_next:
            return pages
        cursor = page.next_cursor


def test_forward_pages_hold_every_row_once_in_order(copies):
    pages = walk(copies, 4)
    assert [len(p) for p in pages] == [4, 4, 3]
    assert [p.number for p in pages] == [1, 2, 3]
    assert [c.id for p in pages for c in p] == list(copies.values_list("id", flat=True))
    assert not pages[0].has_previous and pages[1].has_previous and pages[2].has_previous
    assert all(p.count == 11 and not p.count_is_capped for p in pages)


def test_previous_pages_give_back_the_same_rows(copies):
    pages = walk(copies, 4)
    back = keyset_page(copies, cursor=pages[2].previous_cursor, size=4)
    assert [c.id for c in back] == [c.id for c in pages[1]]
    assert back.number == 2 and back.has_next and back.has_previous
    # Page 2's previous page is the first page: no cursor, the link drops it.
    assert back.previous_cursor == ""
    assert keyset_page(copies, cursor=back.next_cursor, size=4).object_list == pages[2].object_list


def test_a_row_added_meanwhile_does_not_shift_the_next_page(copies):
    first = keyset_page(copies, cursor=None, size=4)
    story(text="Newest", submitted_at=START + timedelta(days=1))
    second = keyset_page(copies, cursor=first.next_cursor, size=4)
    assert [c.id for c in second] == list(copies.values_list("id", flat=True)[5:9])


@pytest.mark.parametrize("cursor", ["", "nonsense", "a:b:c", "eyJ2IjpbXX0:1abc:xyz"])
def test_a_bad_cursor_reads_as_the_first_page(copies, cursor):
    page = keyset_page(copies, cursor=cursor, size=4)
    first = list(copies.values_list("id", flat=True)[:4])
    assert page.number == 1 and [c.id for c in page] == first


def test_a_cursor_of_another_list_reads_as_the_first_page(copies):
    other = keyset_page(ResearchCopy.objects.order_by("-id"), cursor=None, size=2)
    page = keyset_page(copies, cursor=other.next_cursor, size=4)
    assert page.number == 1


def test_counts_stop_at_the_bound(copies):
    assert capped_count(copies, 5) == (5, True)
    assert capped_count(copies, 11) == (11, False)
    page = keyset_page(copies, cursor=None, size=4, count_bound=10)
    assert page.count == 10 and page.count_is_capped


def test_an_unordered_list_is_refused():
    with pytest.raises(ValueError, match="ordered"):
        keyset_page(ResearchCopy.objects.all(), cursor=None, size=4)


def test_jit_is_off_inside_the_block(postgres):
    with without_jit(), connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def render(page, query="event=pride&cursor=old&page=3"):
    request = RequestFactory().get(f"/list/?{query}")
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_the_include_links_by_cursor_and_keeps_the_filters(copies):
    pages = walk(copies, 4)
    html = render(pages[1])
    cursor = urlencode({"cursor": pages[1].next_cursor})
    assert f'href="?event=pride&amp;{cursor}" rel="next"' in html
    assert 'href="?event=pride" rel="prev">Previous page</a>' in html
    assert "Page 2<" in html and "First page" not in html
    html = render(pages[2])
    assert 'href="?event=pride" rel="first">First page</a>' in html
    assert urlencode({"cursor": pages[2].previous_cursor}) in html and "Next page" not in html
    single = keyset_page(copies, cursor=None, size=20)
    assert render(single).strip() == ""


def test_the_include_in_french(copies):
    with translation.override("fr"):
        html = render(walk(copies, 4)[2])
    assert "Première page" in html and "Page 3" in html


@pytest.fixture
def narrowed(copies):
    # A common condition (even stories) and a rare one (story 1 only), over ``copies``.
    even = copies.filter(redacted_text__regex=r"[02468]$")
    rare = copies.filter(redacted_text="Story 1")
    return copies, even, rare


@pytest.mark.parametrize("window", [2, 4, 100])
def test_pages_within_a_list_are_the_pages_of_the_narrowed_list(narrowed, monkeypatch, window):
    """Whether the page is found in the window of the list it narrows or, when that holds too
    few, in the whole narrowed list, it holds the same rows, back and forth."""
    copies, even, rare = narrowed
    monkeypatch.setattr("core.keyset.WALK_ROWS", window)
    for narrow in (even, rare):
        pages, cursor = [], None
        while not pages or pages[-1].has_next:
            pages.append(keyset_page(narrow, cursor=cursor, size=2, within=copies))
            cursor = pages[-1].next_cursor
        assert [c.id for p in pages for c in p] == list(narrow.values_list("id", flat=True))
        if len(pages) > 2:
            back = keyset_page(narrow, cursor=pages[2].previous_cursor, size=2, within=copies)
            assert [c.id for c in back] == [c.id for c in pages[1]]
        assert all(p.count == narrow.count() for p in pages)


def test_a_page_found_in_the_window_reads_only_the_window(narrowed, monkeypatch):
    copies, even, _rare = narrowed
    monkeypatch.setattr("core.keyset.WALK_ROWS", 4)
    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(even, cursor=None, size=1, within=copies, count_bound=None)
    assert [c.id for c in page] == list(even.values_list("id", flat=True)[:1])
    # The window's last row (the 4th), then the page within it; no read of the whole list.
    # (The other query reads the last row's story, for the next page's cursor.)
    pages = [q["sql"] for q in queries if "testimonies_researchcopy" in q["sql"]]
    assert len(pages) == 2 and "LIMIT 1 OFFSET 3" in pages[0]


def test_a_first_page_holding_the_whole_list_is_its_count(copies):
    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(copies, cursor=None, size=20)
    assert page.count == 11 and not page.count_is_capped
    assert len(queries) == 1
