"""Time ``seed_demo`` (issue 17: under 30 seconds on SQLite) in a new, empty SQLite database.

    .venv/bin/python bench/seed_demo.py            # migrate a temporary database, seed twice

It creates a temporary SQLite file (never the development database), runs the migrations, then
``seed_demo`` twice: the first run loads everything (the generated corpus included), the second
must add nothing. It prints both times, the generated corpus's own time and the counts, and
exits non-zero when the first run takes longer than the goal or the second one adds rows.

NOTE: without Redis the follow-up work of the ten hand-written demo stories runs at once (NLP
and embeddings, most of the time); the corpus itself queues nothing and takes about a second.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import load_line  # noqa: E402

GOAL_SECONDS = 30.0


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        os.environ["CELERY_TASK_ALWAYS_EAGER"] = "False"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import override_settings

        import testimonies.demo
        from coding.models import CodeApplication, CodingCompletion
        from testimonies.models import ResearchCopy, Testimony

        corpus_seconds = []
        corpus_seed = testimonies.demo.corpus_seed

        def timed_corpus_seed(**kwargs):
            started = time.perf_counter()
            added = corpus_seed(**kwargs)
            corpus_seconds.append(time.perf_counter() - started)
            return added

        testimonies.demo.corpus_seed = timed_corpus_seed

        def counts():
            return (
                Testimony.objects.count(),
                ResearchCopy.objects.count(),
                CodeApplication.objects.filter(source="human").count(),
                CodingCompletion.objects.count(),
            )

        call_command("migrate", verbosity=0)
        with override_settings(DEBUG=True):
            started = time.perf_counter()
            call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            first = time.perf_counter() - started
            first_counts = counts()
            started = time.perf_counter()
            call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            second = time.perf_counter() - started
            again = counts()
    stories, _copies, codings, _done = first_counts
    print(load_line())
    print(f"seed_demo, first run:  {first:6.1f} s ({stories} stories, {codings} codings)")
    print(f"  of which the generated corpus: {corpus_seconds[0]:6.1f} s")
    print(f"seed_demo, second run: {second:6.1f} s (adds nothing: {again == first_counts})")
    print(f"  stories, research copies, human codings, completions: {first_counts} -> {again}")
    if first > GOAL_SECONDS:
        print(f"FAIL: the first run took more than {GOAL_SECONDS:.0f} s")
        return 1
    if again != first_counts:
        print("FAIL: the second run added rows")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
