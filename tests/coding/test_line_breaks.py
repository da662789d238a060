"""Issue 21, point 3: one line-break rule (core.text) at capture, and migration 0006 that
normalises stories saved before it, moving their coded passages with the text."""

import importlib

import pytest
from django.apps import apps as django_apps

from coding.models import CodeApplication
from core.text import normalise_newlines, offset_map
from testimonies.models import ResearchCopy, Testimony
from tests.analysis.factories import apply, codebook_with_themes, story

migration = importlib.import_module("coding.migrations.0006_normalise_line_breaks")


@pytest.mark.parametrize(
    ("raw", "spans"),
    [
        ("ab\r\ncd\re\r\n\r\nf", [(0, 4), (2, 5), (3, 7), (4, 13), (8, 12)]),
        ("🙂\r\n日本\r\nعربي", [(0, 3), (1, 6), (3, 9)]),
        ("no breaks", [(0, 2)]),
    ],
)
def test_offsets_follow_the_text(raw, spans):
    text, starts, ends = normalise_newlines(raw), offset_map(raw), offset_map(raw, end=True)
    assert "\r" not in text
    for start, end in spans:
        assert text[starts(start) : ends(end)] == normalise_newlines(raw[start:end])


@pytest.mark.django_db
def test_a_story_typed_in_a_form_is_stored_with_one_kind_of_line_break():
    testimony = story(text="First line\r\nsecond\rthird")
    assert testimony.text == "First line\nsecond\nthird"
    assert testimony.research_copy.redacted_text == "First line\nsecond\nthird"


@pytest.mark.django_db
def test_the_migration_normalises_old_stories_and_moves_their_passages(researcher):
    _book, themes = codebook_with_themes(1)
    raw = "Zoé 🙂 said:\r\nthe doctor\r\n\r\ndid not listen."
    testimony = story(text="placeholder text long enough for the spans here, really")
    # An old row from before the rule (the service would normalise it now).
    Testimony.objects.filter(pk=testimony.pk).update(text=raw)
    ResearchCopy.objects.filter(testimony=testimony).update(redacted_text=raw)
    spans = [(0, 12), (7, 24), (13, 40), (24, 26)]
    passages = {}
    for start, end in spans:
        app = apply(testimony, themes[0], start=start, end=end, coder=researcher)
        passages[app.pk] = normalise_newlines(raw[start:end])
    migration.forwards(django_apps, None)
    copy = ResearchCopy.objects.get(testimony=testimony)
    assert copy.redacted_text == normalise_newlines(raw)
    assert Testimony.objects.get(pk=testimony.pk).text == normalise_newlines(raw)
    remaining = CodeApplication.objects.filter(testimony=testimony)
    for app in remaining:
        assert copy.redacted_text[app.start : app.end] == passages[app.pk]
    migration.forwards(django_apps, None)  # a second run changes nothing
    assert sorted(remaining.values_list("start", "end")) == sorted(
        CodeApplication.objects.filter(testimony=testimony).values_list("start", "end")
    )
