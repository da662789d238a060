"""Where the participant's three requests spend their CPU (issue 22 point 5), in-process.

    BENCH_SUBMISSIONS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench_submissions_x \
    BENCH_SUBMISSIONS_REDIS_URL=redis://127.0.0.1:6379/<n> \
    .venv/bin/python bench/submissions_profile.py [--participants 80] [--pyinstrument DIR] [--sql]

Prepares the same database as ``bench/submissions.py`` (its own, name-guarded), then sends the
link (GET), consent (POST) and story (POST) of each participant through Django's test client
with the production settings (DEBUG off, CSRF enforced, as if through the HTTPS proxy): one
client, its cookies cleared per participant (a new client loads the middleware again, which
scans the static files). Prints the median and mean CPU time (``time.process_time``) and the
queries of each request kind. ``--pyinstrument DIR`` writes a profile per kind there
(pyinstrument is not a dependency: ``pip install pyinstrument`` for it); ``--sql`` prints the
last story POST's queries (their SQL cut at 160 characters: the bench's own made-up text).
The first 5 participants warm up.
Compare two trees by running each one's copy in turn: the machine's load moves the figures.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import load_line  # noqa: E402
from submissions import DEFAULT_URL, TOKEN, prepare, server_env  # noqa: E402
from submissions_load import KINDS, story_text  # noqa: E402

WARM = 5
HEADERS = {"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_ORIGIN": "https://testserver"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=80)
    parser.add_argument("--pyinstrument", default="", help="write a profile per kind here")
    parser.add_argument("--sql", action="store_true", help="print the last story POST's queries")
    args = parser.parse_args()
    url = os.environ.get("BENCH_SUBMISSIONS_DATABASE_URL", DEFAULT_URL)
    redis = os.environ.get("BENCH_SUBMISSIONS_REDIS_URL") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/3"
    )
    env = server_env(url, redis, 0) | {"ALLOWED_HOSTS": "testserver"}
    os.environ.update(env)
    prepare(url, env)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    profilers = {}
    if args.pyinstrument:
        from pyinstrument import Profiler

        profilers = {kind: Profiler(interval=0.0005) for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    queries: dict[str, int] = {}
    last_sql: dict[str, list[str]] = {}
    path, rng, client = f"/t/{TOKEN}/", random.Random(1), Client(enforce_csrf_checks=True)

    def send(n: int, kind: str, data: dict | None = None) -> str:
        timed = n >= WARM
        if timed and profilers:
            profilers[kind].start()
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            if data is None:
                response = client.get(path, secure=True, **HEADERS)
            else:
                response = client.post(path, data, secure=True, HTTP_REFERER=path, **HEADERS)
            spent = time.process_time() - start
        if timed and profilers:
            profilers[kind].stop()
        if response.status_code != 200:
            raise SystemExit(f"{kind}: HTTP {response.status_code}")
        if timed:
            cpu[kind].append(1000 * spent)
            queries[kind] = len(captured.captured_queries)
            last_sql[kind] = [q["sql"] for q in captured.captured_queries]
        return response.content.decode()

    def field(name: str, page: str) -> str:
        return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    for n in range(args.participants + WARM):
        client.cookies.clear()
        page = send(n, "link")
        consent = field("consent_text", page)
        data = {"step": "consent", "consent_text": consent, "scope_research": "on"}
        page = send(
            n, "consent", {**data, "csrfmiddlewaretoken": field("csrfmiddlewaretoken", page)}
        )
        data = {
            "csrfmiddlewaretoken": field("csrfmiddlewaretoken", page),
            "step": "story",
            "consent_text": consent,
            "submission_key": field("submission_key", page),
            "scopes": ["research"],
            "text": story_text(rng, f"zqprofile{n}"),
        }
        if 'name="code" value="' not in send(n, "story", data):
            raise SystemExit("story: no receipt")
    for kind in KINDS:
        print(
            f"{kind:<8} CPU median {statistics.median(cpu[kind]):6.2f} ms, mean "
            f"{statistics.fmean(cpu[kind]):6.2f} ms, {queries[kind]} queries"
        )
    if args.sql:
        for number, sql in enumerate(last_sql["story"], 1):
            print(f"  story query {number:2}: {sql[:160]}")
    total = sum(statistics.median(v) for v in cpu.values())
    print(f"the three: {total:.1f} ms of CPU a story (medians); {load_line()}")
    if profilers:
        Path(args.pyinstrument).mkdir(parents=True, exist_ok=True)
    for kind, profiler in profilers.items():
        Path(args.pyinstrument, f"{kind}.txt").write_text(profiler.output_text(color=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
