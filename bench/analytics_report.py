"""The timings of the analytics bench (issue 22 point 4): every dashboard, search and list,
each with its cold first request and the median of the warm ones.

"Cold" here: before a page's first request the bench closes its database connection (the next
request opens a new PostgreSQL backend, with empty catalogue and plan caches) and empties
Django's cache, so nothing this process or a previous request computed is reused. PostgreSQL's
shared buffers and the operating system's file cache are not emptied: the server is shared and
restarting it is not ours to do (a first request after a server restart reads its pages from
disk and can be slower). "Warm": the median of the following requests.
"""

import time
from urllib.parse import quote, urlencode

from benchlib import first_and_median

DEEP_PAGE = 2000
GOAL_SECONDS = 1.0


def cold() -> None:
    """A new database connection and an empty Django cache for the next request."""
    from django.core.cache import cache
    from django.db import connection

    connection.close()
    cache.clear()


def timed(fn, runs: int) -> list[float]:
    """``runs`` timings of ``fn``; the first after ``cold()``."""
    timings = []
    for i in range(runs):
        if i == 0:
            cold()
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return timings


def report(name: str, timings: list[float], goals, goal: float = GOAL_SECONDS) -> float:
    first, median = first_and_median(timings)
    met = goals.check(name, first < goal and median < goal)
    flag = "" if met else f"  <-- over {goal * 1000:.0f} ms"
    print(f"{name:52} {first * 1000:7.0f} ms {median * 1000:7.0f} ms{flag}", flush=True)
    return median


def page_ok(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


PARTS = ("dashboards", "search", "lists")


def measure(runs: int, goals, corpus, client, user, parts=PARTS) -> None:
    """Time the ``parts`` asked for: dashboards (and quotes), search, lists at depth."""
    from analysis import selectors

    theme = selectors.themes()[0].id
    dashboards = [
        ("/analysis/ (themes by country)", "/analysis/"),
        ("/analysis/?by=event", "/analysis/?by=event"),
        ("/analysis/?by=language", "/analysis/?by=language"),
        ("/analysis/?by=group&country=FR", "/analysis/?by=group&country=FR"),
        ("/analysis/?by=country, code+language", f"/analysis/?code={theme}&language=en"),
        ("/analysis/time/", "/analysis/time/"),
        ("/analysis/cooccurrence/", "/analysis/cooccurrence/"),
        (
            "/analysis/cooccurrence/, code+language",
            f"/analysis/cooccurrence/?code={theme}&language=en",
        ),
        ("/analysis/trust/", "/analysis/trust/"),
        ("/analysis/trust/, code+language", f"/analysis/trust/?code={theme}&language=en"),
        ("/analysis/quotes/", "/analysis/quotes/"),
        (f"/analysis/quotes/?code={theme}", f"/analysis/quotes/?code={theme}"),
        ("API aggregates/themes-by/?by=event", "/api/v1/analysis/aggregates/themes-by/?by=event"),
    ]
    search = [
        (f"search {kind} {language} '{word}'", f"/analysis/search/?q={quote(word)}")
        for language, kind, word in corpus.search_words()
    ]
    search += [
        ("search 'confiance' + country=JP (no hit)", "/analysis/search/?q=confiance&country=JP"),
        ("search '医師の話' (substring)", f"/analysis/search/?q={quote('医師の話')}"),
        ("search 'trust confiance' (both)", "/analysis/search/?q=trust+confiance"),
    ]
    pages = ("dashboards" in parts) * dashboards + ("search" in parts) * search
    print(f"{'page (DEBUG off, signed in)':52} {'cold':>9} {'warm':>9}")
    for name, url in pages:
        report(name, timed(lambda u=url: page_ok(client, u), runs), goals)
    if "lists" in parts:
        measure_depth(runs, goals, user, client)


def measure_depth(runs: int, goals, user, client) -> None:
    """Page 1 and page 2,000 (or the last) of each list, through the page's own URL and the
    keyset cursor its "Next page" link would carry."""
    from analysis import selectors
    from analysis.selectors import AnalysisFilters
    from coding.selectors import work_queue
    from core.keyset import keyset_cursor
    from testimonies.selectors import research_copies_for_user

    everything = AnalysisFilters()
    lists = [
        ("work queue", "/coding/?status=all", 25, work_queue(user=user, status="all")),
        ("work queue, to do", "/coding/", 25, work_queue(user=user, status="todo")),
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
    print(f"{'list at depth (page URL)':52} {'cold':>9} {'warm':>9}")
    for name, url, size, queryset in lists:
        number = DEEP_PAGE
        # The last row of the page before: read once with OFFSET, untimed (None: a short list).
        before = queryset[(number - 1) * size - 1 : (number - 1) * size].first()
        if before is None:
            number = 1
        joiner = "&" if "?" in url else "?"
        deep = url
        if before is not None:
            cursor = keyset_cursor(queryset, before, number=number)
            deep = f"{url}{joiner}{urlencode({'cursor': cursor})}"
        one = report(f"{name}, page 1", timed(lambda u=url: page_ok(client, u), runs), goals)
        far = report(
            f"{name}, page {number:,}", timed(lambda d=deep: page_ok(client, d), runs), goals
        )
        met = goals.check(f"{name} at depth", far <= 2 * max(one, 0.01))
        label = f"  {name}: page {number:,} / page 1"
        print(f"{label:52} {far / one if one else 0:9.2f}{'' if met else '  <-- over 2x'}")


def measure_exports(user) -> None:
    """Time whole-selection exports and report the process's peak memory growth."""
    import resource
    import tempfile

    from analysis import services
    from analysis.selectors import AnalysisFilters

    print(f"{'export of every story':52} {'time':>9} {'peak RSS growth':>16}")
    for dataset, fmt in (("stories", "csv"), ("applications", "csv"), ("stories", "xlsx")):
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
        print(f"{label:52} {elapsed:7.1f} s  {growth:12.0f} MB")


def data_line() -> str:
    """What the database holds, so a figure is read against its data."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM testimonies_testimony), "
            "(SELECT count(*) FROM testimonies_testimony WHERE status = 'withdrawn'), "
            "(SELECT count(*) FROM testimonies_researchcopy), "
            "(SELECT count(*) FROM analysis_storycodeset), "
            "(SELECT count(*) FROM coding_codeapplication WHERE source = 'human'), "
            "(SELECT count(*) FROM coding_codeapplication WHERE source = 'machine'), "
            "pg_size_pretty(pg_database_size(current_database()))"
        )
        stories, withdrawn, copies, coded, human, machine, size = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM testimonies_researchcopy r WHERE NOT EXISTS (SELECT 1 FROM "
            "coding_codeapplication a WHERE a.testimony_id = r.testimony_id AND a.source = 'human')"
        )
        (uncoded,) = cursor.fetchone()
        cursor.execute(
            "SELECT percentile_cont(ARRAY[0, 0.5, 1]) WITHIN GROUP (ORDER BY "
            "array_length(regexp_split_to_array(redacted_text, '\\s+'), 1)) "
            "FROM (SELECT redacted_text FROM testimonies_researchcopy "
            "WHERE redacted_text !~ '[\u3040-\u30ff\u4e00-\u9fff]' LIMIT 2000) s"
        )
        low, median, high = cursor.fetchone()[0]
    share = 100 * uncoded / max(copies, 1)
    return (
        f"data: {stories:,} stories ({withdrawn:,} withdrawn), {copies:,} research copies, "
        f"{share:.0f}% without a researcher's code, {coded:,} with an accepted code; "
        f"{human:,} human codes, {machine:,} machine suggestions ({machine / max(human, 1):.1f}x); "
        f"words per story (sample) min {low:.0f} median {median:.0f} max {high:.0f}; "
        f"database {size}"
    )
