"""Where a new story's analysis spends its time, per story (issue 22 point 3): the worker's loop
(``testimonies_analyse_listed`` over batches of ``NLP_ANALYSE_BATCH_MAX``) run in this process
under cProfile, the time split into spaCy, language detection, redaction, lexicon matching, ORM
reads and writes, JSON, and the rest.

    .venv/bin/python bench/nlp_profile.py --profile lean --stories 320 \
        --database-url postgres://postgres@127.0.0.1:5432/entendu_bench_nlp_prof_<you>

It drops and creates its database (the name must start with ``entendu_bench_nlp``), saves the
stories through the submission service (their outbox messages are left pending: no broker is
used), warms the pipelines on a first batch, then profiles the rest. Vectors are off.
"""

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import database_create, load_line  # noqa: E402 (bench/)
from nlp_texts import synthetic_story  # noqa: E402

PREFIX = "entendu_bench_nlp"
# (bucket, file fragment, function name): cumulative time of these functions (none of a bucket
# calls another of the same bucket). The SQL bucket overlaps the reads and writes above it.
BUCKETS = (
    ("spaCy nlp.pipe", "spacy/language.py", "pipe"),
    ("spaCy tokenizer (research copy Doc)", "nlp/pipelines.py", "redacted_doc"),
    ("language detection", "nlp/language.py", "language_detect"),
    ("redaction rules", "nlp/redaction/__init__.py", "redact"),
    ("lexicon matching", "nlp/lexicon.py", "suggest"),
    ("story reads", "nlp/services/pending.py", "analysed_ids"),
    ("story reads", "nlp/services/pending.py", "waiting_after"),
    ("advisory locks", "nlp/services/pending.py", "take"),
    ("advisory locks", "nlp/services/pending.py", "release"),
    ("research copies write", "testimonies/services/research_copy.py", "research_copies_save"),
    ("suggestions write", "nlp/services/analysis.py", "suggestions_write"),
    ("SQL round trips (all the above's queries)", "django/db/backends/utils.py", "_execute"),
    ("commits", "django/db/backends/base/base.py", "commit"),
)
# ``--cpu``: the same steps timed in CPU time with no profiler (which slows Python code far more
# than spaCy's compiled code), each wrapped where the worker calls it: (bucket, module, name).
CPU_STEPS = (
    ("spaCy nlp.pipe", "nlp.services.analysis", "analysed_docs"),
    ("spaCy tokenizer (research copy Doc)", "nlp.services.analysis", "redacted_doc"),
    ("language detection", "nlp.services.analysis", "language_detect"),
    ("redaction rules", "nlp.services.analysis", "redact"),
    ("lexicon matching", "nlp.lexicon:LexiconMatcher", "suggest"),
    ("story reads", "nlp.services.pending", "analysed_ids"),
    ("story reads", "nlp.services.pending", "waiting_after"),
    ("advisory locks", "nlp.services.pending:StoryLocks", "take"),
    ("advisory locks", "nlp.services.pending:StoryLocks", "release"),
    ("research copies write", "nlp.services.analysis", "research_copies_save"),
    ("suggestions write", "nlp.services.analysis", "suggestions_write"),
)


def _stories(count: int) -> list[int]:
    from django.utils import timezone

    from events.models import Event
    from testimonies.models import ConsentText
    from testimonies.services import SubmissionDraft, testimony_create

    now = timezone.now()
    event = Event.objects.create(
        title="profile", slug="bench-profile", starts_at=now, ends_at=now, country="FR",
        languages=["fr"], status=Event.Status.OPEN,
    )  # fmt: skip
    consent = ConsentText.objects.filter(language="fr").first() or ConsentText.objects.first()
    rng = random.Random(20261206)
    ids = []
    for _ in range(count):
        draft = SubmissionDraft(
            event=event, consent_text=consent, scopes=("research",),
            text=synthetic_story(rng), declared_language="fr",
        )  # fmt: skip
        ids.append(testimony_create(draft=draft, relay_on_commit=False).testimony.pk)
    return ids


def _run(ids: list[int], batch: int) -> None:
    from nlp.services.pending import testimonies_analyse_listed

    for start in range(0, len(ids), batch):
        testimonies_analyse_listed(testimony_ids=ids[start : start + batch])


def _bare_rate(ids: list[int]) -> float:
    """Bare one-pass ``nlp.pipe`` over the same texts (NER and lemmas), stories a second."""
    from nlp.pipelines import ANALYSIS_COMPONENTS, PIPE_BATCH_SIZE, disabled_except, pipeline_for
    from testimonies.models import Testimony

    texts = list(Testimony.objects.filter(pk__in=ids).values_list("text", flat=True))
    nlp = pipeline_for("fr")
    started = time.perf_counter()
    for _doc in nlp.pipe(
        texts, disable=disabled_except(nlp, ANALYSIS_COMPONENTS), batch_size=PIPE_BATCH_SIZE
    ):
        pass
    return len(texts) / (time.perf_counter() - started)


def _cpu_wrapped(spent: dict[str, float]) -> list:
    """Wrap each step of ``CPU_STEPS`` to add its CPU time to ``spent``; the originals, to put
    back. A step called inside another of the same bucket is counted once."""
    import importlib
    import time

    restore = []
    for bucket, where, name in CPU_STEPS:
        module_name, _, class_name = where.partition(":")
        owner = importlib.import_module(module_name)
        owner = getattr(owner, class_name) if class_name else owner
        original = getattr(owner, name)
        depth = {bucket: 0}

        def wrapper(*args, _original=original, _bucket=bucket, _depth=depth, **kwargs):
            _depth[_bucket] += 1
            started = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                _depth[_bucket] -= 1
                if not _depth[_bucket]:
                    spent[_bucket] = spent.get(_bucket, 0.0) + time.process_time() - started

        setattr(owner, name, wrapper)
        restore.append((owner, name, original))
    return restore


def _cpu_run(ids: list[int], batch: int) -> None:
    """The worker's loop in CPU time a story per step, and the queries a batch makes."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    spent: dict[str, float] = {}
    restore = _cpu_wrapped(spent)
    backend = _backend_pid()
    try:
        with CaptureQueriesContext(connection) as queries:
            started, wall = time.process_time(), time.perf_counter()
            server = _process_cpu(backend)
            _run(ids, batch)
            total, wall = time.process_time() - started, time.perf_counter() - wall
            server = _process_cpu(backend) - server
    finally:
        for owner, name, original in restore:
            setattr(owner, name, original)
    n = len(ids)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{n} stories in batches of {batch}: CPU ms a story in this process (no profiler)")
    print(f"  {'total (CPU)':40s} {total * 1000 / n:7.2f}   (wall {wall * 1000 / n:.2f})")
    for bucket, seconds in spent.items():
        print(f"  {bucket:40s} {seconds * 1000 / n:7.2f}")
    print(f"  {'rest (task, ORM, JSON...)':40s} {(total - sum(spent.values())) * 1000 / n:7.2f}")
    batches = -(-n // batch)
    print(
        f"  queries: {len(queries.captured_queries) / batches:.1f} a batch, "
        f"{sql_ms / n:.2f} ms a story waiting on them (wall)"
    )
    if server >= 0:
        print(f"  {'PostgreSQL backend (CPU, its process)':40s} {server * 1000 / n:7.2f}")
    by_statement: dict[str, list[float]] = {}
    for query in queries.captured_queries:
        key = " ".join(query["sql"].split())[:90]
        by_statement.setdefault(key, []).append(float(query["time"]))
    print("  the dearest statements (wall ms a story, times run):")
    for key, times in sorted(by_statement.items(), key=lambda kv: -sum(kv[1]))[:8]:
        print(f"    {sum(times) * 1000 / n:6.2f}  x{len(times):<4d} {key}")


def _backend_pid() -> int:
    from django.db import connection

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _process_cpu(pid: int) -> float:
    """CPU seconds of a process on this machine (user and system), -1 where it cannot be read
    (a server on another host)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _bucket_times(stats: pstats.Stats) -> dict[str, float]:
    found: dict[str, float] = {}
    for (path, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items():
        for bucket, fragment, function in BUCKETS:
            if name == function and path.endswith(fragment):
                found[bucket] = found.get(bucket, 0.0) + cumtime
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="full", choices=("full", "lean"))
    parser.add_argument("--stories", type=int, default=320)
    parser.add_argument(
        "--database-url", default=f"postgres://postgres@127.0.0.1:5432/{PREFIX}_prof"
    )
    parser.add_argument("--dump", default="", help="write the raw cProfile stats here")
    parser.add_argument("--plain", action="store_true", help="wall time only, no cProfile")
    parser.add_argument("--cpu", action="store_true", help="CPU time per step, no cProfile")
    args = parser.parse_args()
    database_create(args.database_url, PREFIX)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=args.database_url,
        DEBUG="false", LOG_LEVEL="WARNING", NLP_PIPELINE_PROFILE=args.profile,
        NLP_EMBEDDINGS_ENABLED="false", CELERY_TASK_ALWAYS_EAGER="false",
    )  # fmt: skip
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from coding.services import codebook_default_seed

    call_command("migrate", verbosity=0)
    codebook_default_seed()
    batch = settings.NLP_ANALYSE_BATCH_MAX
    ids = _stories(args.stories + batch)
    _run(ids[:batch], batch)  # warm: pipelines, lexicons, detector
    print(load_line())
    if args.cpu:
        _cpu_run(ids[batch:], batch)
        return 0
    if args.plain:
        started = time.perf_counter()
        _run(ids[batch:], batch)
        wall = time.perf_counter() - started
        bare = _bare_rate(ids[batch:])
        print(
            f"profile {args.profile}: {args.stories / wall:.1f} stories/s (no profiler); bare "
            f"one-pass nlp.pipe {bare:.1f}; ratio {args.stories / wall / bare:.2f}"
        )
        return 0
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    _run(ids[batch:], batch)
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    if args.dump:
        stats.dump_stats(args.dump)
    n = args.stories
    print(f"profile {args.profile}: {n} stories, {n / wall:.1f} stories/s under cProfile")
    print(f"  {'total (profiled)':40s} {wall * 1000 / n:7.2f} ms/story")
    for bucket, seconds in _bucket_times(stats).items():
        print(f"  {bucket:40s} {seconds * 1000 / n:7.2f} ms/story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
