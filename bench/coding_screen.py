"""Time the coding screen for a 20,000-character story carrying 200 code applications.

    .venv/bin/python bench/coding_screen.py                 # a throw-away SQLite database
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench_coding \
        .venv/bin/python bench/coding_screen.py             # PostgreSQL (its own database)

It builds the story (accents and emoji included), 200 applications by three coders (spans that
overlap, document-level codes and pending machine suggestions), then requests the page through
Django's full stack (middleware, sessions, templates) --runs times after two warm-up requests and
prints the median and the 95th percentile, and the number of SQL queries. The goal (issue 5) is
under 300 ms; it exits non-zero when the median misses it.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import database_create, load_line  # noqa: E402

PREFIX = "entendu_bench_coding"  # the only databases this bench drops and creates
GOAL_MS = 300.0
SENTENCES = [
    "Le médecin ne m’a pas écoutée quand j’ai parlé de ma douleur. ",
    "The nurse asked whether I had been drinking 😡 before anything else. ",
    "Depuis, j’évite les cabinets médicaux et je me soigne seule 🙁. ",
    "Nobody on the ward looked like me or spoke my language. ",
    "Ça a changé ma relation aux soignants, même les plus gentils. ",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--length", type=int, default=20_000)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
    if url.startswith("postgres"):
        database_create(url, PREFIX)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)

    from accounts.roles import Role
    from accounts.services import user_create
    from coding import services
    from coding.models import Code, CodeApplication
    from coding.services import codebook_default_seed
    from tests.coding.factories import story

    rng = random.Random(5)
    text = ""
    while len(text) < args.length:
        text += rng.choice(SENTENCES)
    text = text[: args.length]
    book = codebook_default_seed()
    codes = list(Code.objects.filter(codebook=book, is_codable=True))
    CodeApplication.objects.all().delete()
    coders = [
        user_create(
            email=f"bench-coder-{i}-{uuid.uuid4().hex}@example.org",
            password=None,
            roles=[Role.RESEARCHER],
        )
        for i in range(3)
    ]
    testimony = story(text=text)
    made = 0
    while made < args.applications:
        kind = rng.random()
        code = rng.choice(codes)
        try:
            if kind < 0.1:
                _row, created = services.suggestion_record(
                    testimony=testimony,
                    code=code,
                    confidence=round(rng.random(), 2),
                    model_version="bench",
                    evidence_start=0,
                    evidence_end=10,
                )
                if not created:
                    continue
            elif kind < 0.15:
                services.application_create(
                    testimony=testimony, code=code, coder=rng.choice(coders)
                )
            else:
                start = rng.randrange(0, len(text) - 400)
                services.application_create(
                    testimony=testimony,
                    code=code,
                    coder=rng.choice(coders),
                    start=start,
                    end=start + rng.randrange(5, 400),
                    comment=rng.choice(["", "clear case", "check with the team"]),
                )
        except Exception:  # noqa: BLE001, S112 - a random duplicate: draw again
            continue
        made += 1
    assert CodeApplication.objects.filter(testimony=testimony).count() == args.applications

    client = Client()
    client.force_login(coders[0])
    path = f"/coding/stories/{testimony.id}/"
    for _ in range(2):
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    median = statistics.median(timings)
    p95 = sorted(timings)[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"coding screen: {len(text):,} characters, {args.applications} applications, "
        f"{connection.vendor}"
    )
    print(
        f"median {median:.1f} ms, p95 {p95:.1f} ms, best {min(timings):.1f} ms "
        f"over {args.runs} runs; {len(queries)} SQL queries; {len(response.content):,} bytes"
    )
    print(f"goal: median under {GOAL_MS:.0f} ms: {'met' if median < GOAL_MS else 'MISSED'}")
    print(load_line())
    tmp.cleanup()
    return 0 if median < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
