"""The analytics bench (issue 22 point 4): seed honest data with COPY, then time every
dashboard, search and list, cold first request and warm median.

    .venv/bin/python bench/analytics.py                       # 100,000 stories: seed if needed
    .venv/bin/python bench/analytics.py --stories 1000000     # a million (about 10 GB of disk)
    .venv/bin/python bench/analytics.py --reseed              # drop the data and seed again
    .venv/bin/python bench/analytics.py --exports             # also time full exports, memory
    .venv/bin/python bench/analytics.py --drop                # drop the bench's database, then exit
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_analytics (the default)

It works in its own database, whose name must start with ``bench_analytics`` (created if
missing, migrated with the project's migrations), never in the test or development databases.
The data (``analytics_seed``): 5% withdrawn, 30% uncoded, machine suggestions about five times
the human codes, texts of 50 to 1,000 words from a Zipf-like vocabulary in six languages
(``analytics_corpus``). Seeding a million stories must take under 15 minutes.

Goals: every page under 1 s, cold and warm (``analytics_report`` says what cold means); each
list's page 2,000 within 2x of its page 1. Pages are requested signed in past two-factor
authentication, with DEBUG off. The bench prints the load average and exits non-zero when a
goal is missed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import (  # noqa: E402
    Goals,
    database_drop,
    database_ensure,
    database_name,
    load_line,
    signed_in_client,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_analytics"
PREFIX = "bench_analytics"
SEED_GOAL_SECONDS = 15 * 60


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["REDIS_URL"] = ""  # the cache is then a database table, as without Redis
    os.environ["DEBUG"] = "0"  # the timings are production's: no query log
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="the cold request and 4 warm ones")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 2, help="connections seeding side by side"
    )
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    parser.add_argument("--drop", action="store_true", help="drop the bench's database")
    parser.add_argument(
        "--only", default="dashboards,search,lists", help="what to time (comma-separated)"
    )
    parser.add_argument(
        "--exports", action="store_true", help="also time full exports and their peak memory"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if args.drop:
        database_drop(url, PREFIX)
        print(f"dropped {database_name(url, PREFIX)}")
        return 0
    database_ensure(url, PREFIX)
    setup_django(url)
    from analytics_corpus import Corpus
    from analytics_report import data_line, measure, measure_exports
    from analytics_seed import seed, seeded
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    goals = Goals()
    if args.reseed or seeded() != args.stories:
        print(load_line())
        started = time.monotonic()
        seed(args.stories, url, args.jobs)
        took = time.monotonic() - started
        # The goal is a million stories in 15 minutes; a smaller seed must not take longer.
        met = goals.check("seeding", took < SEED_GOAL_SECONDS)
        rate = args.stories / took
        print(f"seeding: {took:.0f} s, {rate:,.0f} stories/s{'' if met else '  <-- over 15 min'}")
    print(data_line())
    print(load_line())
    if args.seed_only:
        return goals.exit_code()
    user = User.objects.get(email="bench-coder-0@example.org")
    client = signed_in_client(user)
    # What a web worker does as it starts (config/wsgi.py), before it serves anyone.
    from core.startup import warm_up

    warm_up()
    measure(args.runs, goals, Corpus(), client, user, parts=args.only.split(","))
    if args.exports:
        measure_exports(user)
    return goals.exit_code()


if __name__ == "__main__":
    sys.exit(main())
