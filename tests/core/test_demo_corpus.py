"""Issue 17: the demo shows every analysis page with data (a generated corpus of stories)."""

from collections import Counter

import pytest

from accounts.models import User
from analysis import dashboards
from analysis.selectors import AnalysisFilters
from coding import selectors as coding_selectors
from coding.models import CodeApplication, Codebook, CodingCompletion
from core.demo import demo_seed
from core.models import OutboxMessage
from testimonies.demo_corpus import CORPUS_SIZE, corpus_key_hashes, corpus_plan
from testimonies.models import Testimony

pytestmark = pytest.mark.django_db

LANGUAGES = {"en", "fr", "pt-BR", "es", "de", "ja"}


def corpus():
    return Testimony.objects.filter(submission_key_hash__in=corpus_key_hashes())


def values(chart):
    return [v for row in chart.rows for v in row[1:] if isinstance(v, int | float)]


def test_the_corpus_is_varied_coded_idempotent_and_fills_every_dashboard():
    demo_seed()
    stories = corpus()
    assert stories.count() == CORPUS_SIZE
    assert set(stories.values_list("is_demo", flat=True)) == {True}
    assert set(stories.values_list("declared_language", flat=True)) == LANGUAGES
    assert stories.values("event").distinct().count() == 15
    months = {(t.year, t.month) for t in stories.values_list("submitted_at", flat=True)}
    assert len(months) >= 12 and len({year for year, _m in months}) >= 2
    # Research copies made at once, and nothing queued for NLP.
    assert stories.filter(research_copy__isnull=True).count() == 0
    ids = set(stories.values_list("id", flat=True))
    queued = OutboxMessage.objects.values_list("kwargs", flat=True)
    assert not [k for k in queued if k.get("testimony_id") in ids]
    trust = Counter(stories.values_list("trust_affected", flat=True))
    assert trust["yes"] > 50 and trust["no"] > 50
    assert stories.filter(characteristics__gender="woman").count() > 50
    # Two coders: the researcher on every story, the second on a share; good, not perfect.
    researcher = User.objects.get(email="researcher@demo.entendu.test")
    done = Counter(CodingCompletion.objects.filter(testimony__in=stories).values_list("coder"))
    assert sorted(done.values())[-1] == CORPUS_SIZE and 150 < sorted(done.values())[0] < 300
    codebook = Codebook.objects.get(is_default=True)
    report = coding_selectors.agreement_report(user=researcher, codebook=codebook)
    kappas = [p["kappa"] for c in report["codes"] for p in c["pairs"] if p["kappa"] is not None]
    assert kappas and 0.55 <= sum(kappas) / len(kappas) <= 0.85, kappas
    # Every dashboard has cells above the small-cell threshold.
    filters = AnalysisFilters()
    assert len(values(dashboards.themes_chart(user=researcher, filters=filters))) >= 5
    timeline = dashboards.timeline_chart(user=researcher, filters=filters)
    assert len(values(timeline)) >= 8, timeline.rows
    assert values(dashboards.trust_chart(user=researcher, filters=filters))
    for by in ("country", "language", "event"):
        chart = dashboards.themes_by_chart(user=researcher, filters=filters, by=by)
        assert len(values(chart)) >= 6, (by, chart.rows)
    # A second seed adds nothing.
    counts = (corpus().count(), CodeApplication.objects.count(), CodingCompletion.objects.count())
    demo_seed()
    assert (
        corpus().count(),
        CodeApplication.objects.count(),
        CodingCompletion.objects.count(),
    ) == (counts)


def test_the_plan_is_the_same_every_time():
    class FakeEvent:
        def __init__(self, pk, languages, focus):
            self.pk, self.languages, self.population_focus = pk, languages, focus
            from datetime import UTC, datetime

            self.starts_at = datetime(2024, 1, pk, tzinfo=UTC)

    events = [FakeEvent(1, ["en"], ["women"]), FakeEvent(2, ["ja"], []), FakeEvent(3, ["de"], [])]
    first = [(s.text, s.trust, s.characteristics, s.submitted_at) for s in corpus_plan(events)]
    again = [(s.text, s.trust, s.characteristics, s.submitted_at) for s in corpus_plan(events)]
    assert first == again and len({t for t, *_ in first}) > CORPUS_SIZE // 2
