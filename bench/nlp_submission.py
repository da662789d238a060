"""Submission mode of ``bench/nlp_throughput.py`` (issue 22 points 3 and 8): new stories through
the real path, at set arrival rates, for each pipeline profile.

    .venv/bin/python bench/nlp_throughput.py --submission [--mix] [--profiles full,lean]

Stories are saved by the submission service (``testimony_create``: the story, its rules-only
research copy and its outbox message, relayed to Redis on commit); real Celery worker processes
(one core each, ``-Q nlp``) run ``nlp.process_testimony``, which analyses the stories waiting in
one pass. Vectors (``NLP_EMBEDDINGS_ENABLED``) are off: they are another task and another cost.
For each profile it prints:

- at 1, 10 and 50 stories a second (``--seconds`` each): the rate sustained and the latency from
  submission (``submitted_at``) to suggestions visible (``tagged_at``, written in the same
  transaction as the suggestions), p50 and p95;
- saturation: ``--burst`` stories relayed at once, ``--bursts`` times (medians), 1 worker then
  2 workers: stories a second per worker core, beside bare ``nlp.pipe`` one pass (NER and
  lemmas together, the same texts and components) inside the same worker processes, in the same
  run, burst by burst; the gain of the second;
- the projection: cores that clear a million stories in 15 minutes, and minutes for a million on
  16 cores, from the per-core rate and the 1->2 scaling (each core past the second assumed to
  keep the efficiency measured at two).
"""

import math
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from benchlib import processes_stop  # bench/, beside this script

PATH_RATIO_GOAL = 0.85  # the per-story path against bare one-pass nlp.pipe
MILLION = 1_000_000
CLEAR_MINUTES = 15  # point 8: cores that clear a million stories in 15 minutes
SIXTEEN_CORES_MINUTES_GOAL = 20  # point 3: a million on 16 cores, lean profile


def _submit_one(event, consent, lang: str, text: str, relay: bool) -> int:
    from django.db import close_old_connections

    from testimonies.services import SubmissionDraft, testimony_create

    close_old_connections()
    draft = SubmissionDraft(
        event=event,
        consent_text=consent,
        scopes=("research",),
        text=text,
        declared_language=lang,
    )
    return testimony_create(draft=draft, relay_on_commit=relay).testimony.pk


def _wait_tagged(ids: list[int], timeout: float = 1800) -> None:
    from nlp.models import StoryAnalysis

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = StoryAnalysis.objects.filter(
            testimony_id__in=ids, tagged_at__isnull=False, analysed_at__isnull=False
        ).count()
        if done == len(ids):
            return
        time.sleep(0.2)
    raise SystemExit(f"only {done} of {len(ids)} stories were analysed in time")


def _latencies(ids: list[int]) -> tuple[list[float], float, float]:
    """Seconds from submission to suggestions visible, and the span's first and last instants."""
    from nlp.models import StoryAnalysis

    rows = StoryAnalysis.objects.filter(testimony_id__in=ids).values_list(
        "testimony__submitted_at", "tagged_at"
    )
    lat = [(tagged - submitted).total_seconds() for submitted, tagged in rows]
    first = min(s for s, _t in rows).timestamp()
    last = max(t for _s, t in rows).timestamp()
    return lat, first, last


def _check_once(ids: list[int]) -> None:
    """Every story analysed once: one analysis row, one research copy, no suggestion twice."""
    from django.db.models import Count

    from coding.models import CodeApplication

    twice = (
        CodeApplication.objects.filter(testimony_id__in=ids, source="machine")
        .values("testimony_id", "code_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    if twice.exists():
        raise SystemExit("a machine suggestion was written twice")


def paced(event, consent, items, rate: float, seconds: float) -> None:
    """Stories arriving at ``rate`` a second for ``seconds``; prints the rate sustained and the
    latency p50/p95."""
    count = max(1, int(rate * seconds))
    chosen = [items[i % len(items)] for i in range(count)]
    ids: list[int] = []
    lock = threading.Lock()

    def one(lang_text):
        pk = _submit_one(event, consent, *lang_text, relay=True)
        with lock:
            ids.append(pk)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for k, item in enumerate(chosen):
            delay = started + k / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, item)
    _wait_tagged(ids)
    _check_once(ids)
    lat, first, last = _latencies(ids)
    quantiles = statistics.quantiles(lat, n=20) if len(lat) > 1 else [lat[0]] * 19
    print(
        f"  {rate:4.0f} stories/s offered for {seconds:.0f} s: {len(ids) / (last - first):6.1f} "
        f"sustained; submission -> suggestions p50 {statistics.median(lat) * 1000:6.0f} ms, "
        f"p95 {quantiles[18] * 1000:6.0f} ms"
    )


def saturation(event, consent, items) -> float:
    """Stories a second when ``items`` are relayed at once (their outbox rows written first)."""
    from core.outbox import outbox_relay

    ids = [_submit_one(event, consent, lang, text, relay=False) for lang, text in items]
    started = time.time()
    while outbox_relay(limit=500).sent:
        pass
    _wait_tagged(ids)
    _check_once(ids)
    _lat, _first, last = _latencies(ids)
    return len(ids) / (last - started)


def bare_one_pass(probe, items, copies: int = 1) -> float:
    """Bare one-pass ``nlp.pipe`` inside the worker processes, languages added up."""
    groups: dict[str, list[str]] = {}
    for lang, text in items:
        groups.setdefault(lang, []).append(text)
    seconds = 0.0
    for lang, texts in groups.items():
        pending = [
            probe.apply_async(args=[lang, texts], kwargs={"components": "analysis"})
            for _ in range(copies)
        ]
        seconds += len(texts) / sum(r.get(timeout=900) for r in pending)
    return len(items) / seconds


def _bursts(event, consent, probe, burst, count: int, copies: int) -> tuple[float, float, float]:
    """Medians over ``count`` bursts of the path's rate, bare one-pass ``nlp.pipe``'s rate in the
    same ``copies`` worker processes, and their ratio taken burst by burst. NOTE: the two
    alternate, so that a change in the machine's load weighs on both alike; one burst alone
    moved by a third between runs on a shared machine."""
    paths, bares, ratios = [], [], []
    for k in range(1, count + 1):
        path = saturation(event, consent, burst)
        bare = bare_one_pass(probe, burst, copies=copies)
        paths.append(path)
        bares.append(bare)
        ratios.append(path / bare)
        print(f"    burst {k} on {copies} worker(s): path {path:6.1f}, bare {bare:6.1f} stories/s")
    return statistics.median(paths), statistics.median(bares), statistics.median(ratios)


def projection(per_core: float, gain: float) -> tuple[int, float]:
    """Worker cores for a million stories in 15 minutes, and minutes on 16 cores."""
    per_core_at_scale = per_core * min(gain, 2.0) / 2
    cores = math.ceil(MILLION / (CLEAR_MINUTES * 60) / per_core_at_scale)
    return cores, MILLION / (16 * per_core_at_scale) / 60


def run_profile(profile: str, args, env, items, start_worker, wait_for_workers, logs) -> dict:
    """One profile's figures (workers started and stopped here)."""
    from django.utils import timezone

    from config.celery_app import app
    from events.models import Event
    from nlp.tasks import probe_throughput as probe
    from testimonies.models import ConsentText

    now = timezone.now()
    languages = sorted({lang for lang, _t in items})
    event = Event.objects.create(
        title=f"submission {profile}",
        slug=f"bench-submission-{profile}",
        starts_at=now,
        ends_at=now,
        country="FR",
        languages=languages,
        status=Event.Status.OPEN,
    )
    consent = ConsentText.objects.filter(language="fr").first() or ConsentText.objects.first()
    env = {**env, "NLP_PIPELINE_PROFILE": profile, "NLP_EMBEDDINGS_ENABLED": "false"}
    workers = [start_worker(env, f"sub-{profile}-1", logs / f"bench-sub-{profile}-1.log")]
    out = {}
    try:
        wait_for_workers(app, 1)
        saturation(event, consent, items[: args.warm])  # loads pipelines and lexicons
        print(f"profile {profile}:")
        for rate in args.rates:
            paced(event, consent, items, rate, args.seconds)
        burst = items[: args.burst]
        one, bare, ratio = _bursts(event, consent, probe, burst, args.bursts, copies=1)
        out.update(path=one, bare=bare, ratio=ratio)
        print(
            f"  saturation, 1 worker core : {one:6.1f} stories/s; bare one-pass nlp.pipe in "
            f"the worker {bare:6.1f}; ratio {ratio:.2f} (goal >= {PATH_RATIO_GOAL}; medians "
            f"of {args.bursts} bursts)"
        )
        if args.no_second_worker:
            out.update(gain=1.0)
        else:
            workers.append(
                start_worker(env, f"sub-{profile}-2", logs / f"bench-sub-{profile}-2.log")
            )
            wait_for_workers(app, 2)
            saturation(event, consent, items[: args.warm * 2])  # the second one loads too
            two, both, _ratio = _bursts(event, consent, probe, burst, args.bursts, copies=2)
            out.update(gain=two / one)
            print(
                f"  saturation, 2 worker cores: {two:6.1f} stories/s, gain {two / one:.2f}x "
                f"(bare nlp.pipe in both at once: {both / bare:.2f}x, the machine's ceiling)"
            )
        cores, minutes = projection(one, out["gain"])
        out.update(cores=cores, minutes16=minutes)
        print(
            f"  projection: {cores} worker cores clear {MILLION:,} stories in {CLEAR_MINUTES} "
            f"min; 16 cores take {minutes:.1f} min"
        )
    finally:
        processes_stop(workers)
    return out


def report(results: dict[str, dict], goals) -> None:
    """The goals across profiles (``goals``: benchlib.Goals)."""
    full, lean = results.get("full"), results.get("lean")
    if full:
        goals.check(
            f"per-story path {full['ratio']:.2f}x bare one-pass (goal {PATH_RATIO_GOAL})",
            full["ratio"] >= PATH_RATIO_GOAL,
        )
    if full and lean:
        print(
            f"lean path {lean['path']:.1f} stories/s per core against full bare one-pass "
            f"{full['bare']:.1f}: {lean['path'] / full['bare']:.2f}x"
        )
        goals.check("the lean path beats the full bare pipeline", lean["path"] > full["bare"])
    if lean:
        goals.check(
            f"lean: a million on 16 cores in {lean['minutes16']:.1f} min "
            f"(goal <= {SIXTEEN_CORES_MINUTES_GOAL})",
            lean["minutes16"] <= SIXTEEN_CORES_MINUTES_GOAL,
        )
