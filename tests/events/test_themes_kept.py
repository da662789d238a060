"""The themes a process keeps for the pages that show their names (issue 22 point 5: the
participant's receipt read them on every story)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import selectors
from tests.analysis.factories import codebook_with_themes

pytestmark = pytest.mark.django_db


def _keys() -> list[str]:
    return [theme.key for theme in selectors.themes_kept()]


def test_kept_themes_are_read_once_then_served_without_a_query():
    codebook_with_themes(2)
    assert _keys() == [t.key for t in selectors.theme_choices()] == ["theme_0", "theme_1"]
    with CaptureQueriesContext(connection) as queries:
        assert _keys() == ["theme_0", "theme_1"]
    assert len(queries) == 0


def test_a_change_made_elsewhere_shows_once_the_time_runs_out(monkeypatch):
    book, themes = codebook_with_themes(2)
    assert _keys() == ["theme_0", "theme_1"]
    # Another process's change: no signal reaches this one.
    type(themes[1]).objects.filter(pk=themes[1].pk).update(key="waiting")
    assert _keys() == ["theme_0", "theme_1"]
    later = selectors.time.monotonic() + selectors.THEMES_KEPT_SECONDS + 1
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)
    assert _keys() == ["theme_0", "waiting"]


def test_a_change_made_in_this_process_shows_at_once():
    book, themes = codebook_with_themes(3)
    assert len(_keys()) == 3
    themes[2].delete()
    assert _keys() == ["theme_0", "theme_1"]
    themes[0].key = "renamed"
    themes[0].save()
    assert _keys() == ["renamed", "theme_1"]
    book.is_default = False
    book.save()
    assert _keys() == []
