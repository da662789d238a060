"""Seed 100,000 stories and 1,000,000 code applications into PostgreSQL and time each dashboard.

    .venv/bin/python bench/analytics.py                      # seed if needed, then time
    .venv/bin/python bench/analytics.py --reseed             # drop the data and seed again
    .venv/bin/python bench/analytics.py --exports            # also time full exports, memory
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench (the default)

It works in its own database, whose name must start with ``entendu_bench`` (created if missing,
migrated with the project's migrations), never in the test or development databases. Rows go in
with COPY, so seeding takes about a minute.
The goal (issue 7) is under one second for every dashboard query; the script prints each
figure (the first run, cold for this page, and the median of the others) and exits non-zero
when one misses the goal. Pages are requested signed in past two-factor authentication.

Lists at depth (issue 22): each list's page 1 and page 2,000 (or its last page when it has
fewer), the deep page through the keyset cursor a "Next page" link would carry; the goal is the
deep page within 2x of page 1, and page 1 under 1 s.
"""

import argparse
import os
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import Goals, database_ensure, first_and_median, load_line, signed_in_client  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/entendu_bench"
PREFIX = "entendu_bench"
DEEP_PAGE = 2000
GOAL_SECONDS = 1.0
COUNTRIES = [
    ("BR", "pt-BR"),
    ("JP", "ja"),
    ("FR", "fr"),
    ("US", "en"),
    ("GB", "en"),
    ("AU", "en"),
    ("CA", "fr"),
    ("DE", "de"),
    ("MX", "es"),
    ("ES", "es"),
]
WORDS = {
    "fr": "le médecin ne m'a pas écoutée et j'ai perdu confiance dans les soins",
    "en": "the doctor did not listen to me and I lost trust in care",
    "pt-BR": "o médico não me ouviu e perdi a confiança no atendimento",
    "es": "el médico no me escuchó y perdí la confianza en la atención",
    "de": "der Arzt hat mir nicht zugehört und ich verlor das Vertrauen",
    "ja": "医師 は 私 の 話 を 聞いて くれません でした 差別 を 受けました 説明 が ありません",
}
# Japanese is written without spaces between words: its stories are joined with no separator,
# so a Japanese search goes through the CJK bigram index (analysis/fts.py), not whole words.
JOINERS = {"ja": ""}


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["REDIS_URL"] = ""
    import django

    django.setup()


def row_values(model, overrides: dict) -> tuple[list[str], list]:
    """Columns and values for one row: overrides, else each field's default, else empty."""
    from django.db.models import NOT_PROVIDED

    columns, values = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.name not in overrides:
            continue
        if f.name in overrides:
            value = overrides[f.name]
        elif f.default is not NOT_PROVIDED:
            value = f.default() if callable(f.default) else f.default
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = datetime.now(UTC)
        elif f.null:
            value = None
        else:
            value = ""
        columns.append(f.column)
        values.append(value)
    return columns, values


def copy_rows(model, rows) -> int:
    """COPY an iterable of override dicts into the model's table."""
    import json

    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        copy = None
        for overrides in rows:
            columns, values = row_values(model, overrides)
            values = [json.dumps(v) if isinstance(v, list | dict) else v for v in values]
            if copy is None:
                cols = ", ".join(f'"{c}"' for c in columns)
                context = cursor.cursor.copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN')
                copy = context.__enter__()
            copy.write_row(values)
            count += 1
        if copy is not None:
            context.__exit__(None, None, None)
    return count


def seed(stories: int, applications: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import user_grant_role
    from coding.models import Code, CodeApplication
    from coding.services import codebook_default_seed
    from events.models import Event
    from testimonies.models import (
        ConsentText,
        ResearchCopy,
        Testimony,
        TestimonyCharacteristics,
    )

    rng = random.Random(7)  # noqa: S311 - reproducible fake data
    started = time.monotonic()
    with connection.cursor() as cursor:
        for model in (CodeApplication, ResearchCopy, TestimonyCharacteristics):
            cursor.execute(f'TRUNCATE "{model._meta.db_table}" CASCADE')
        cursor.execute(f'TRUNCATE "{Testimony._meta.db_table}" CASCADE')
        # TRUNCATE fires no trigger: empty the dashboards' story code sets too.
        cursor.execute("TRUNCATE analysis_storycodeset")
    codebook = codebook_default_seed()
    codes = list(Code.objects.filter(codebook=codebook).order_by("id"))
    coders = []
    for i in range(5):
        user, _ = User.objects.get_or_create(email=f"bench-coder-{i}@example.org")
        user_grant_role(user=user, role=Role.RESEARCHER)
        coders.append(user.id)
    consent = ConsentText.objects.order_by("id").first()
    if consent is None:
        consent = ConsentText.objects.create(language="en", version=1, title="Bench", body="x")
    events = []
    base = datetime(2022, 1, 1, tzinfo=UTC)
    for i in range(65):
        country, language = COUNTRIES[i % len(COUNTRIES)]
        start = base + timedelta(days=15 * i)
        event, _ = Event.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={
                "title": f"Bench dialogue {i}",
                "starts_at": start,
                "ends_at": start + timedelta(hours=3),
                "country": country,
                "languages": [language],
            },
        )
        events.append((event.id, language, start))
    print(f"seeding {stories:,} stories…", flush=True)

    def story_rows():
        for i in range(stories):
            event_id, language, start = events[i % len(events)]
            named = rng.random() < 0.3
            submitted = start + timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
            yield {
                "public_id": uuid.uuid4(),
                "event": event_id,
                "channel": "online",
                "consent_method": "online",
                "consent_text": consent.id,
                "consent_given_at": submitted,
                "scope_research": True,
                "scope_quote_anonymous": rng.random() < 0.6,
                "scope_quote_named": named,
                "scope_gender": rng.random() < 0.7,
                "scope_age_band": rng.random() < 0.7,
                "scope_ethnic_minority": rng.random() < 0.6,
                "scope_disability": rng.random() < 0.6,
                "scope_lgbtq": rng.random() < 0.5,
                "title": "",
                "text": JOINERS.get(language, " ").join(
                    rng.choices(WORDS.get(language, WORDS["en"]).split(" "), k=40)
                ),
                "declared_language": language,
                "first_name": "Ana" if named else "",
                "trust_affected": rng.choice(["yes", "yes", "no", "unsure", ""]),
                "withdrawal_code_hash": uuid.uuid4().hex + uuid.uuid4().hex,
                "status": "active",
                "submitted_at": submitted,
                "updated_at": submitted,
            }

    copy_rows(Testimony, story_rows())
    ids = list(Testimony.objects.order_by("id").values_list("id", "declared_language", "event_id"))
    texts = dict(Testimony.objects.values_list("id", "text"))
    copy_rows(
        ResearchCopy,
        (
            {
                "testimony": sid,
                "redacted_text": texts[sid],
                "redaction_method": "rules",
                "redaction_version": "bench",
                "detected_language": lang if rng.random() < 0.8 else "",
            }
            for sid, lang, _e in ids
        ),
    )
    choices = ["yes", "no", "prefer_not"]
    copy_rows(
        TestimonyCharacteristics,
        (
            {
                "testimony": sid,
                "gender": rng.choice(["woman", "man", "non_binary", "prefer_not"]),
                "age_band": rng.choice(["18_24", "35_44", "55_64", "65_plus"]),
                "ethnic_minority": rng.choice(choices),
                "disability": rng.choice(choices),
                "lgbtq": rng.choice(choices),
            }
            for sid, _l, _e in ids
            if rng.random() < 0.8
        ),
    )
    print(f"seeding {applications:,} code applications…", flush=True)
    per_story = max(1, applications // len(ids))
    code_ids = [c.id for c in codes if c.is_codable]

    def application_rows():
        made = 0
        for sid, _l, _e in ids:
            for k in range(per_story):
                if made >= applications:
                    return
                document = k == 0
                yield {
                    "testimony": sid,
                    "code": rng.choice(code_ids),
                    "coder": coders[k % len(coders)],
                    "source": "human",
                    "status": "accepted",
                    "start": None if document else k * 20,
                    "end": None if document else k * 20 + 15,
                    "created_at": datetime.now(UTC),
                    "updated_at": datetime.now(UTC),
                }
                made += 1

    copy_rows(CodeApplication, application_rows())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    call_command("check")
    print(f"seeded in {time.monotonic() - started:.1f} s", flush=True)


def measure(runs: int, goals: Goals) -> None:
    from accounts.models import User
    from analysis import dashboards, selectors
    from analysis.selectors import AnalysisFilters
    from coding.models import CodeApplication
    from testimonies.models import Testimony

    user = User.objects.get(email="bench-coder-0@example.org")
    print(
        f"data: {Testimony.objects.count():,} stories, "
        f"{CodeApplication.objects.count():,} code applications"
    )
    everything = AnalysisFilters()
    france = AnalysisFilters(country="FR")
    theme = selectors.themes()[0].id
    with_code = AnalysisFilters(code_id=theme, language="en")

    def themes_page(filters, by):
        # What the themes dashboard does: one aggregate query, two charts.
        data = dashboards.theme_data(user=user, filters=filters, by=by)
        dashboards.themes_chart(data=data)
        dashboards.themes_by_chart(data=data)

    def search(filters, query):
        return list(selectors.search_research_copies(user=user, filters=filters, query=query)[:20])

    def search_with_snippets(filters, query):
        # What the search page does: a page of hits, then their marked snippets in one query.
        copies = search(filters, query)
        return selectors.search_snippets(copies=copies, query=query)

    def quotes(filters, code_id):
        return list(selectors.quotes_for_user(user=user, filters=filters, code_id=code_id)[:50])

    us = AnalysisFilters(country="US")
    japan = AnalysisFilters(country="JP")
    cases = [
        ("themes by country", lambda: themes_page(everything, "country")),
        ("themes by event", lambda: themes_page(everything, "event")),
        ("themes by language", lambda: themes_page(everything, "language")),
        ("themes by population group", lambda: themes_page(everything, "group")),
        ("themes by event, country=FR", lambda: themes_page(france, "event")),
        ("themes by country, code+language filter", lambda: themes_page(with_code, "country")),
        ("themes over time", lambda: dashboards.timeline_chart(user=user, filters=everything)),
        (
            "co-occurrence heat map",
            lambda: dashboards.cooccurrence_chart(user=user, filters=everything),
        ),  # noqa: E501
        (
            "co-occurrence, code+language filter",
            lambda: dashboards.cooccurrence_chart(user=user, filters=with_code),
        ),  # noqa: E501
        (
            "trust gaps by group and intersection",
            lambda: dashboards.trust_chart(user=user, filters=everything),
        ),  # noqa: E501
        (
            "trust gaps, code+language filter",
            lambda: dashboards.trust_chart(user=user, filters=with_code),
        ),  # noqa: E501
        ("search 'confiance' (first page)", lambda: search(everything, "confiance")),
        ("search 'listen' + country=US", lambda: search(us, "listen")),
        ("search '差別' (first page)", lambda: search(everything, "差別")),
        ("search '説明' + country=JP", lambda: search(japan, "説明")),
        ("search '医師の話' (4 bigrams, substring)", lambda: search(everything, "医師の話")),
        ("search '差別 confiance' (no story)", lambda: search(everything, "差別 confiance")),
        (
            "search 'confiance' + snippets (first page)",
            lambda: search_with_snippets(everything, "confiance"),
        ),
        ("search '差別' + snippets (first page)", lambda: search_with_snippets(everything, "差別")),
        ("quote finder, first theme (first page)", lambda: quotes(everything, theme)),
    ]
    client = signed_in_client(user)
    # One request to the home page first (not timed): the first timed request of each page is
    # then that page's cold figure, not the process loading Django's URL and template machinery.
    client.get("/")

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    cases += [
        ("page /analysis/ (themes by country)", lambda: page("/analysis/")),
        ("page /analysis/?by=group&country=FR", lambda: page("/analysis/?by=group&country=FR")),
        ("page /analysis/time/", lambda: page("/analysis/time/")),
        ("page /analysis/cooccurrence/", lambda: page("/analysis/cooccurrence/")),
        ("page /analysis/trust/", lambda: page("/analysis/trust/")),
        ("page /analysis/search/?q=trust", lambda: page("/analysis/search/?q=trust")),
        ("page /analysis/search/?q=差別", lambda: page("/analysis/search/?q=%E5%B7%AE%E5%88%A5")),
        ("page /analysis/quotes/", lambda: page("/analysis/quotes/")),
        (
            "API aggregates/themes-by/?by=event",
            lambda: page("/api/v1/analysis/aggregates/themes-by/?by=event"),
        ),  # noqa: E501
    ]
    print(f"{'dashboard query':45} {'first':>9} {'median':>9}")
    for name, fn in cases:
        first, median = first_and_median(timed(fn, runs))
        met = goals.check(name, first < GOAL_SECONDS and median < GOAL_SECONDS)
        flag = "" if met else "  <-- over 1 s"
        print(f"{name:45} {first * 1000:7.0f} ms {median * 1000:7.0f} ms{flag}")
    measure_depth(runs, goals, user, client)


def timed(fn, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return timings


def measure_depth(runs: int, goals: Goals, user, client) -> None:
    """Page 1 and page 2,000 (or the last) of each list, through the page's own URL."""
    from analysis import selectors
    from analysis.selectors import AnalysisFilters
    from coding.selectors import work_queue
    from core.keyset import keyset_cursor
    from testimonies.selectors import research_copies_for_user

    everything = AnalysisFilters()
    lists = [
        ("work queue", "/coding/?status=all", 25, work_queue(user=user, status="all")),
        ("research copies", "/research/stories/", 25, research_copies_for_user(user=user)),
        (
            "quote finder",
            "/analysis/quotes/",
            25,
            selectors.quotes_for_user(user=user, filters=everything),
        ),
        (
            "search 'confiance'",
            "/analysis/search/?q=confiance",
            20,
            selectors.search_research_copies(user=user, filters=everything, query="confiance"),
        ),
    ]
    print(f"{'list at depth (page URL)':45} {'first':>9} {'median':>9}")
    for name, url, size, queryset in lists:
        total = queryset.count()
        number = max(1, min(DEEP_PAGE, (total - 1) // size + 1))
        # The last row of the page before: read once with OFFSET, untimed.
        before = queryset[(number - 1) * size - 1] if number > 1 else None
        joiner = "&" if "?" in url else "?"
        deep = (
            f"{url}{joiner}{urlencode({'cursor': keyset_cursor(queryset, before, number=number)})}"
            if before is not None
            else url
        )
        figures = {}
        for label, target in (("page 1", url), (f"page {number:,}", deep)):
            first, median = first_and_median(timed(lambda t=target: page_ok(client, t), runs))
            figures[label] = median
            print(f"{name + ', ' + label:45} {first * 1000:7.0f} ms {median * 1000:7.0f} ms")
        page_one, deepest = figures["page 1"], figures[f"page {number:,}"]
        met = goals.check(
            f"{name} at depth", page_one < GOAL_SECONDS and deepest <= 2 * max(page_one, 0.01)
        )
        ratio = deepest / page_one if page_one else 0
        label = f"  {name} ({total:,} rows): deep/page 1"
        print(f"{label:45} {ratio:9.2f}{'' if met else '  <-- missed'}")


def page_ok(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def measure_exports() -> None:
    """Time whole-selection exports and report the process's peak memory growth."""
    import resource
    import tempfile

    from accounts.models import User
    from analysis import services
    from analysis.selectors import AnalysisFilters

    user = User.objects.get(email="bench-coder-0@example.org")
    print(f"{'export of every story':45} {'time':>9} {'peak RSS growth':>16}")
    for dataset, fmt in (
        ("stories", "csv"),
        ("applications", "csv"),
        ("stories", "xlsx"),
        ("project", "qdpx"),
    ):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with tempfile.TemporaryFile() as fh:
            services.export_write(
                user=user, dataset=dataset, format=fmt, filters=AnalysisFilters(), fh=fh
            )
            size = fh.tell()
        elapsed = time.perf_counter() - started
        growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        label = f"{dataset}.{fmt} ({size / 1e6:.0f} MB)"
        print(f"{label:45} {elapsed:7.1f} s  {growth:12.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--exports", action="store_true", help="also time full exports and their peak memory"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    database_ensure(url, PREFIX)
    setup_django(url)
    from django.core.management import call_command

    from testimonies.models import Testimony

    call_command("migrate", verbosity=0)
    if args.reseed or Testimony.objects.count() < args.stories:
        seed(args.stories, args.applications)
    print(load_line())
    goals = Goals()
    measure(args.runs, goals)
    if args.exports:
        measure_exports()
    return goals.exit_code()


if __name__ == "__main__":
    sys.exit(main())
