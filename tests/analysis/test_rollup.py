"""The dashboards' roll-up (analysis migration 0008), kept by PostgreSQL triggers: its answers
equal the live query's over random stories and filters, after every kind of write, and a
withdrawn story leaves it in the same transaction.

PostgreSQL only (the ``postgres`` fixture skips elsewhere, CI runs it).
"""

import random
from datetime import UTC, date, datetime

import pytest
from django.db import connection

from analysis import rollup_selectors, selectors
from analysis.models import AgreementRollup, DashboardRollup, GroupRollup, ThemeRollup
from analysis.programme import _agreement_counts_python, _agreement_counts_sql
from analysis.selectors import GROUPS, AnalysisFilters
from coding.models import CodeApplication
from testimonies.models import OwnReading, ResearchCopy, Testimony, TestimonyCharacteristics
from testimonies.services import withdrawal
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

CHARACTERISTICS = {
    "gender": ["woman", "man", "non_binary", "prefer_not"],
    "age_band": ["65_plus", "25_34", ""],
    "ethnic_minority": ["yes", "no", ""],
    "disability": ["yes", "no"],
    "lgbtq": ["yes", "no", ""],
}
BYS = ["none", "country", "event", "language", "month", "group"]


def random_stories(rng: random.Random, researcher, top) -> list[Testimony]:
    codes = [*top, top[0].children.get()]
    events = [EventFactory(country=c) for c in ("FR", "FR", "US", "JP")]
    stories = []
    for _ in range(60):
        scopes = tuple(rng.sample(list(CHARACTERISTICS), rng.randint(0, 5)))
        answers = {k: rng.choice(v) for k, v in CHARACTERISTICS.items() if rng.random() < 0.8}
        s = story(
            event=rng.choice(events),
            language=rng.choice(["en", "fr", "ja"]),
            trust=rng.choice(["", "yes", "no", "unsure"]),
            scopes=scopes,
            characteristics=answers,
            submitted_at=datetime(2026, rng.randint(1, 4), rng.randint(1, 28), 23, 30, tzinfo=UTC),
        )
        if rng.random() < 0.5:  # the own reading: duplicates, order and stray values as stored
            keys = [*(c.key for c in top), "unknown", 7]
            OwnReading.objects.create(testimony=s, themes=rng.choices(keys, k=rng.randint(0, 3)))
        for code in rng.sample(codes, rng.randint(0, 3)):
            if rng.random() < 0.6:
                apply(s, code, coder=researcher)
            else:  # a machine suggestion: only an accepted one counts
                status = rng.choice(["accepted", "suggested", "rejected"])
                apply(s, code, source="machine", status=status, confidence=0.9)
        stories.append(s)
    return stories


def filter_sets(rng: random.Random, themes, stories) -> list[AnalysisFilters]:
    events = sorted({s.event_id for s in stories})
    result = [
        AnalysisFilters(),
        AnalysisFilters(country="FR"),
        AnalysisFilters(code_id=themes[0].id, language="en"),
        AnalysisFilters(date_from=date(2026, 2, 28), date_to=date(2026, 3, 1)),
        AnalysisFilters(date_from=date(2026, 2, 1), date_to=date(2026, 3, 31)),
        AnalysisFilters(code_id=themes[0].code_ids[-1]),  # a sub-code
    ]
    for _ in range(6):
        result.append(
            AnalysisFilters(
                event_id=rng.choice([None, *events]),
                country=rng.choice(["", "FR", "US"]),
                language=rng.choice(["", "en", "fr", "ja"]),
                date_from=rng.choice([None, date(2026, 2, 1), date(2026, 2, rng.randint(1, 28))]),
                date_to=rng.choice([None, date(2026, 3, 31), date(2026, 3, rng.randint(1, 28))]),
                code_id=rng.choice([None, *(t.id for t in themes)]),
            )
        )
    return result


def chart_counts(stories, themes, by: str):
    """What a theme chart reads of ``theme_counts_by``: by population group, the stories
    inside each group and the total (``ThemeData.overall``); by anything else all of it."""
    totals, counts = selectors.theme_counts_by(stories=stories, theme_list=themes, by=by)
    if by != "group":
        return totals, counts
    overall = [sum(column) for column in zip(*counts.values(), strict=True)]
    inside = selectors.group_theme_counts(totals, counts, len(themes))
    return inside, sum(totals.values()), overall


def assert_agreement_equals_python() -> None:
    keys = [t.key for t in selectors.themes()] + ["unknown"]
    assert _agreement_counts_sql(keys) == _agreement_counts_python(keys)


def assert_rollup_equals_live(user, themes, filters_list) -> None:
    for filters in filters_list:
        live = selectors.stories_for_analysis(user=user, filters=filters)
        rollup = rollup_selectors.dashboard_rows(user=user, filters=filters)
        assert rollup.model is DashboardRollup
        for by in BYS:
            expected = selectors.theme_counts_by(stories=live, theme_list=themes, by=by)
            assert selectors.theme_counts_by(stories=rollup, theme_list=themes, by=by) == (
                expected
            ), (filters, by)
        assert sorted(selectors.trust_rows(stories=rollup), key=repr) == sorted(
            selectors.trust_rows(stories=live), key=repr
        ), filters
        assert selectors.cooccurrence(stories=rollup, theme_list=themes) == (
            selectors.cooccurrence(stories=live, theme_list=themes)
        )
        for by in BYS:
            small = rollup_selectors.theme_rows(user=user, filters=filters, by=by)
            assert chart_counts(small, themes, by) == chart_counts(live, themes, by), (
                filters,
                by,
                small.model,
            )


def rollup_total() -> int:
    return sum(DashboardRollup.objects.values_list("n", flat=True))


@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_equals_the_live_query_after_every_kind_of_write(postgres, researcher, seed):
    rng = random.Random(seed)
    _book, codes = codebook_with_themes(3)
    themes = selectors.themes()
    stories = random_stories(rng, researcher, codes)
    filters_list = filter_sets(rng, themes, stories)
    # Some of the filters must select stories, or equal answers would prove little.
    assert selectors.theme_counts_by(
        stories=rollup_selectors.dashboard_rows(user=researcher, filters=filters_list[1]),
        theme_list=themes,
        by="country",
    )[0]
    assert_rollup_equals_live(researcher, themes, filters_list)
    assert _agreement_counts_sql([t.key for t in themes])[0] > 0
    assert_agreement_equals_python()
    # The small roll-ups answer the plain charts; finer questions go to the wide one.
    for filters, by, model in [
        (filters_list[0], "country", ThemeRollup),
        (filters_list[0], "group", GroupRollup),
        (filters_list[4], "group", GroupRollup),
        (filters_list[3], "none", DashboardRollup),
        (filters_list[5], "none", DashboardRollup),
        (filters_list[5], "group", DashboardRollup),
    ]:
        rows = rollup_selectors.theme_rows(user=researcher, filters=filters, by=by)
        assert rows.model is model

    # Every write path the roll-up reads: the story, its research copy, its characteristics,
    # its codes (through the story code sets), its consent.
    picked = rng.sample(stories, 20)
    Testimony.objects.filter(pk=picked[0].pk).update(trust_affected="yes")
    Testimony.objects.filter(pk=picked[1].pk).update(event=picked[2].event)
    withdrawal.testimony_withdraw(testimony=picked[3], actor="participant")
    Testimony.objects.filter(pk=picked[4].pk).update(scope_gender=True, scope_lgbtq=False)
    ResearchCopy.objects.filter(testimony=picked[5]).update(detected_language="de")
    ResearchCopy.objects.filter(testimony=picked[6]).update(detected_language="")
    ResearchCopy.objects.filter(testimony=picked[7]).delete()
    TestimonyCharacteristics.objects.update_or_create(
        testimony=picked[8], defaults={"gender": "woman", "lgbtq": "yes"}
    )
    TestimonyCharacteristics.objects.filter(testimony=picked[9]).delete()
    CodeApplication.objects.filter(testimony__in=picked[10:13]).delete()
    CodeApplication.objects.filter(testimony=picked[13], code=codes[1]).delete()
    apply(picked[13], codes[1], coder=researcher)
    CodeApplication.objects.filter(testimony=picked[14], code=codes[2]).delete()
    apply(picked[14], codes[2], source="machine", status="suggested", confidence=0.9)
    CodeApplication.objects.filter(testimony=picked[14], source="machine").update(status="accepted")
    withdrawal.testimony_withdraw(testimony=picked[15], scopes=["research"], actor="participant")
    Testimony.objects.filter(pk=picked[16].pk).update(scope_age_band=False)
    picked[17].delete()
    OwnReading.objects.update_or_create(testimony=picked[18], defaults={"themes": [codes[1].key]})
    OwnReading.objects.filter(testimony=picked[19]).delete()
    OwnReading.objects.filter(testimony__in=picked[:5]).update(themes=[codes[2].key, codes[0].key])
    # A sub-code moved under another theme: its stories now count in that theme.
    codes[0].children.update(parent=codes[1])
    themes = selectors.themes()
    assert_rollup_equals_live(researcher, themes, filters_list)
    assert_agreement_equals_python()
    open_stories = Testimony.objects.filter(status="active", scope_research=True).count()
    assert rollup_total() == open_stories
    assert not DashboardRollup.objects.filter(n__lte=0).exists()
    assert sum(ThemeRollup.objects.values_list("n", flat=True)) == open_stories
    assert not ThemeRollup.objects.filter(n__lte=0).exists()
    assert sum(GroupRollup.objects.values_list("n", flat=True)) == open_stories
    assert not GroupRollup.objects.filter(n__lte=0).exists()
    assert not AgreementRollup.objects.filter(n__lte=0).exists()

    # The from-scratch rebuild (after a bulk load with the triggers off) gives the same rows.
    def rows():
        return (
            sorted(DashboardRollup.objects.values_list("day", "event_id", "code_ids", "n")),
            sorted(ThemeRollup.objects.values_list("month", "event_id", "root_ids", "n")),
            sorted(GroupRollup.objects.values_list("month", "f0", "f4", "root_ids", "n")),
            sorted(AgreementRollup.objects.values_list("own_themes", "code_ids", "n")),
        )

    kept = rows()
    with connection.cursor() as cursor:
        cursor.execute("SELECT analysis_dashboardrollup_rebuild()")
    assert rows() == kept


def test_a_withdrawn_story_leaves_the_rollup_at_once(postgres, researcher):
    _book, themes = codebook_with_themes(2)
    event = EventFactory(country="FR")
    kept = story(event=event, scopes=("gender",), characteristics={"gender": "woman"})
    gone = story(event=event, trust="yes", scopes=("gender",), characteristics={"gender": "man"})
    apply(gone, themes[1], coder=researcher)
    assert rollup_total() == 2
    withdrawal.testimony_withdraw(testimony=gone, actor="participant")
    assert rollup_total() == 1
    row = DashboardRollup.objects.get()
    assert (row.event_id, row.f0, row.trust, row.code_ids, row.n) == (event.id, 1, "", [], 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT testimony_id FROM analysis_storyfact")
        assert cursor.fetchall() == [(kept.pk,)]
    # Narrowing consent to the group question takes the story out of the group at once.
    withdrawal.testimony_withdraw(testimony=kept, scopes=["gender"], actor="participant")
    assert DashboardRollup.objects.get().f0 is None
    assert list(ThemeRollup.objects.values_list("event_id", "root_ids", "n")) == [(event.id, [], 1)]


def test_group_flags_follow_the_groups_the_dashboards_read():
    """The migration writes GROUPS' values out in SQL; a change to GROUPS must change it too."""
    from importlib import import_module

    flags = import_module("analysis.migrations.0008_dashboard_rollup").FLAGS
    for spec in GROUPS.values():
        inside = ", ".join(f"'{v}'" for v in spec["inside"])
        known = ", ".join(f"'{v}'" for v in spec["known"])
        text = " ".join(flags.split())
        assert f"t.{spec['scope']} AND c.{spec['field']} IN ({inside}) THEN 1" in text
        assert f"t.{spec['scope']} AND c.{spec['field']} IN ({known}) THEN 0" in text
