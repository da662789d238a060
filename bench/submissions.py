"""Submissions under load (issue 22 point 5): the participant form against gunicorn, PostgreSQL,
Redis and real Celery workers.

    .venv/bin/python bench/submissions.py                       # every phase, 30 s each
    .venv/bin/python bench/submissions.py --clients 10 --rates 10 --seconds 10 --port 8714
    BENCH_SUBMISSIONS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench_submissions
    BENCH_SUBMISSIONS_REDIS_URL (else REDIS_URL, else redis://127.0.0.1:6379/3)

It creates or empties its own database (the name must start with ``entendu_bench_submissions``),
migrates it, opens one event with a participant link, collects the static files, purges its
broker's queues, and starts gunicorn with the production settings (``config.settings.production``,
DEBUG off, connections kept) and Celery workers on the default and nlp queues (nice 19, as the
web comes first, as ``deploy/systemd``'s nlp unit does with its CPU weight; the worker's session
group gets the same nice where the kernel groups sessions; embeddings off). Each participant
GETs the link, POSTs the consent and POSTs a story (with CSRF and the submission key) as if
through the HTTPS proxy, and reads its receipt:

- closed loop: 10, 25, 50 participants each sending story after story with no pause
  (saturation throughput);
- open loop: participants arriving at 5, 10, 20 stories a second (Poisson), whatever the pace.

It prints, per phase, stories a second, p50/p95/p99 of each request kind (link, consent, story)
as the client saw it and in the worker (gunicorn's access log), the CPU seconds of the server,
of the workers and of the load generator itself; then it waits for the analysis to finish and
checks that every receipt shown is one story stored exactly once, analysed exactly once, with
every outbox message sent once. Goals (2 cores): saturation >= 40 stories/s, story p95 < 250 ms
at 10 stories/s open loop, 0 errors. Exits non-zero when one is missed.
"""

import argparse
import asyncio
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import Goals, autogroup_nice, database_ensure, load_line  # noqa: E402
from submissions_load import KINDS, closed_loop, open_loop  # noqa: E402

PREFIX = "entendu_bench_submissions"
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{PREFIX}"
GOAL_SATURATION = 40.0
GOAL_P95_MS = 250.0
GOAL_P95_RATE = 10.0
TOKEN = "bench-submissions-" + "k" * 30


def server_env(url: str, redis: str, port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-submissions-not-secret-" + "x" * 30,
        "FIELD_ENCRYPTION_KEY": "bG9jYWwtZGV2LW9ubHktZmllbGQta2V5LTMyYnl0ZXM=",
        "DATABASE_URL": url,
        "REDIS_URL": redis,
        "CONN_MAX_AGE": "60",
        "NLP_EMBEDDINGS_ENABLED": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }


def prepare(url: str, env: dict) -> None:
    """The bench's database (created if missing, migrated, emptied), one open event, static
    files, empty queues. NOTE: emptied with ``flush`` rather than dropped: a drop waits
    for every backend of the server to answer a barrier, which a long COPY elsewhere delays."""
    database_ensure(url, PREFIX)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")})
    os.environ.update({k: env[k] for k in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY")})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.utils import timezone

    from coding.services import codebook_default_seed
    from events.models import Event
    from testimonies.services import consent_texts_ensure_defaults

    consent_texts_ensure_defaults()
    # NOTE: as installed (the flush emptied what the migrations wrote): the receipt offers the
    # six themes and the analysis suggests them.
    codebook_default_seed()
    Event.objects.create(
        title="Bench dialogue",
        slug="bench-dialogue",
        kind=Event.Kind.DIALOGUE,
        status=Event.Status.OPEN,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=3),
        timezone="Europe/Paris",
        country="FR",
        city="Lyon",
        languages=["en", "fr"],
        submission_token=TOKEN,
    )
    from config.celery_app import app

    app.control.purge()
    from django.db import connections

    connections.close_all()


def start(args: list[str], env: dict, log: Path, nice: int = 0) -> subprocess.Popen:
    proc = subprocess.Popen(  # noqa: S603 - our own servers, fixed arguments
        ["nice", "-n", str(nice), *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    proc.group_nice = autogroup_nice(proc.pid, nice)
    return proc


def wait_for_port(port: int, proc: subprocess.Popen) -> None:
    import socket

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn stopped at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def group_cpu(session: int) -> float:
    """CPU seconds (user + system) of the live processes of one session (a server and its
    workers), from /proc."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # the session id (field 6 of stat)
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def worker_times(log, expected: int) -> dict[str, list[float]]:
    """The access-log lines written since the last call, in ms per request kind."""
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    deadline = time.monotonic() + 3
    count = 0
    while count < expected and time.monotonic() < deadline:
        for line in log.readlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] in times:
                times[parts[0]].append(int(parts[1]) / 1000)
                count += 1
        time.sleep(0.05)
    return times


def warm_up(
    base: tuple[str, int], path: str, run: str, counter: list[int], log, workers: int
) -> list[str]:
    """Stories until every gunicorn worker has answered (booted, URLconf loaded), then 3 s
    more; the markers of the receipts shown."""
    markers, pids = [], set()
    deadline = time.monotonic() + 120
    while len(pids) < workers and time.monotonic() < deadline:
        warm = asyncio.run(closed_loop(base, path, workers, 2, run, counter))
        markers += warm.stories
        time.sleep(0.2)
        pids.update(line.split()[2] for line in log.readlines() if len(line.split()) == 3)
    markers += asyncio.run(closed_loop(base, path, workers, 3, run, counter)).stories
    time.sleep(0.5)
    log.readlines()
    return markers


def phase(name: str, coroutine, seconds: float, servers: dict, log) -> dict:
    before = {k: group_cpu(p.pid) for k, p in servers.items()}
    own = time.process_time()
    wall = time.perf_counter()
    results = asyncio.run(coroutine)
    wall = time.perf_counter() - wall
    own = time.process_time() - own
    cpu = {k: group_cpu(p.pid) - before[k] for k, p in servers.items()}
    requests = sum(len(v) for v in results.latency.values())
    in_worker = worker_times(log, requests)
    stories = len(results.stories)
    print(
        f"{name}: {stories} stories in {wall:.1f} s = {stories / wall:.1f} stories/s, "
        f"{requests} requests, errors {sum(results.errors.values())} {results.errors or ''}"
    )
    for kind in KINDS:
        seen, work = results.latency[kind], in_worker[kind]
        print(
            f"  {kind:<8} client p50 {pct(seen, 50):7.1f}  p95 {pct(seen, 95):7.1f}  "
            f"p99 {pct(seen, 99):7.1f} ms | in the worker p50 {pct(work, 50):6.1f}  "
            f"p95 {pct(work, 95):6.1f}  mean {statistics.fmean(work) if work else 0:6.1f} ms"
        )
    all_work = [t for v in in_worker.values() for t in v]
    per_story = 1000 * (cpu["web"] + own) / max(1, stories)
    print(
        f"  CPU per story: web {1000 * cpu['web'] / max(1, stories):.1f} ms + load generator "
        f"{1000 * own / max(1, stories):.1f} ms: on {os.cpu_count()} cores with nothing else "
        f"running these alone would allow {1000 * os.cpu_count() / per_story:.0f} stories/s"
    )
    print(
        f"  server time per request {statistics.fmean(all_work) if all_work else 0:.1f} ms "
        f"(in the worker, mean); CPU s: web {cpu['web']:.1f} "
        f"({1000 * cpu['web'] / max(1, requests):.1f} ms/request), celery {cpu['celery']:.1f}, "
        f"load generator {own:.1f} ({100 * own / wall:.0f}% of a core); {load_line()}"
    )
    return {
        "rate": stories / wall,
        "story_p95": pct(results.latency["story"], 95),
        "errors": sum(results.errors.values()),
        "stories": results.stories,
    }


def drain(timeout: float) -> float:
    """Wait until every outbox message is sent and every stored story analysed; seconds."""
    from core.models import OutboxMessage
    from nlp.models import StoryAnalysis
    from testimonies.models import Testimony

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        pending = OutboxMessage.objects.exclude(status="sent").count()
        if not pending and StoryAnalysis.objects.count() >= Testimony.objects.count():
            break
        time.sleep(1)
    return time.monotonic() - start


def analyses_logged(log: str) -> int:
    """The analyses the workers ran, from their log: each new-story task returns how many
    stories it analysed (its group and those it took with them); one tried again (some of its
    stories in another worker's batch, with several worker processes) logs what it did analyse
    first (``nlp.tasks``)."""
    done = re.findall(r"Task nlp\.process_testimon(?:y|ies)\[[^\]]+\] succeeded in \S+: (\d+)", log)
    retried = re.findall(r"New stories: (\d+) analysed, \d+ held by another worker", log)
    return sum(int(n) for n in done + retried)


def check_once(markers: list[str], celery_log: Path) -> list[str]:
    """Problems: a receipt without exactly one stored story, a story without a receipt, a story
    not analysed exactly once, an outbox message not sent exactly once."""
    from core.models import OutboxMessage
    from nlp.models import StoryAnalysis
    from testimonies.models import Testimony

    problems = []
    stored: dict[str, int] = {}
    for text in Testimony.objects.values_list("text", flat=True).iterator():
        for word in re.findall(r"\bzq[a-z]+", text.lower()):
            stored[word] = stored.get(word, 0) + 1
    wrong = [m for m in markers if stored.get(m) != 1]
    extra = set(stored) - set(markers)
    if wrong:
        problems.append(f"{len(wrong)} receipts without exactly one stored story")
    if extra:
        problems.append(f"{len(extra)} stored stories without a receipt")
    stories = Testimony.objects.count()
    analysed = StoryAnalysis.objects.count()
    runs = analyses_logged(celery_log.read_text())
    if analysed != stories or runs != stories:
        problems.append(f"{stories} stories, {analysed} analyses, {runs} analysis runs")
    unsent = OutboxMessage.objects.exclude(status="sent", attempts=1).count()
    if unsent:
        problems.append(f"{unsent} outbox messages not sent exactly once")
    print(
        f"stored {stories} stories for {len(markers)} receipts, {analysed} analysed "
        f"({runs} analysis runs), {OutboxMessage.objects.count()} outbox messages"
    )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10,25,50", help="closed-loop phases ('' for none)")
    parser.add_argument("--rates", default="5,10,20", help="open-loop phases, stories a second")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--celery-concurrency", type=int, default=1)
    parser.add_argument("--drain-timeout", type=float, default=900)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (0: any free one)")
    parser.add_argument("--logs", default="", help="keep the servers' logs in this directory")
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=19,
        help="the Celery worker's nice, its session group's too (deploy/systemd's nlp unit: "
        "Nice=19, CPUWeight=1; the default unit: 0)",
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_SUBMISSIONS_DATABASE_URL", DEFAULT_URL)
    redis = os.environ.get("BENCH_SUBMISSIONS_REDIS_URL") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/3"
    )
    import socket

    with socket.socket() as s:
        # NOTE: as gunicorn binds: a port the last run's server left in TIME_WAIT is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", args.port))
        port = s.getsockname()[1]
    env = server_env(url, redis, port)
    prepare(url, env)
    base, path = ("127.0.0.1", port), f"/t/{TOKEN}/"
    run = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(4))
    counter = [0]
    goals = Goals()
    with tempfile.TemporaryDirectory() as tmp:
        if args.logs:
            tmp = Path(args.logs)
            tmp.mkdir(parents=True, exist_ok=True)
        access, celery_log = Path(tmp) / "access.log", Path(tmp) / "celery.log"
        access.touch()
        gunicorn = [".venv/bin/gunicorn", "-c", "config/gunicorn.conf.py"]
        gunicorn += ["--workers", str(args.web_workers), "--threads", str(args.threads)]
        gunicorn += ["--access-logfile", str(access), "--access-logformat"]
        gunicorn += ["%({x-bench-kind}i)s %(D)s %(p)s", "config.wsgi"]
        celery = [".venv/bin/celery", "-A", "config.celery_app", "worker", "-Q", "default,nlp"]
        celery += ["--concurrency", str(args.celery_concurrency), "--loglevel", "INFO"]
        servers = {
            "web": start(gunicorn, env, Path(tmp) / "gunicorn.log"),
            "celery": start(celery, env, celery_log, nice=args.worker_nice),
        }
        try:
            wait_for_port(port, servers["web"])
            log = access.open(encoding="utf-8")
            print(
                f"gunicorn {args.web_workers} workers x {args.threads} threads, celery "
                f"{args.celery_concurrency} (nice {args.worker_nice}"
                f"{', its session group too' if servers['celery'].group_nice else ''}), "
                f"{args.seconds:.0f} s a phase; {load_line()}"
            )
            markers = warm_up(base, path, run, counter, log, args.web_workers)
            rates, p95s, errors = [], {}, 0
            for clients in [int(c) for c in args.clients.split(",") if c]:
                coroutine = closed_loop(base, path, clients, args.seconds, run, counter)
                got = phase(
                    f"closed loop, {clients} clients", coroutine, args.seconds, servers, log
                )
                rates.append(got["rate"])
                markers += got["stories"]
                errors += got["errors"]
                print(f"  analysis caught up in {drain(args.drain_timeout):.0f} s")
            for rate in [float(r) for r in args.rates.split(",") if r]:
                coroutine = open_loop(base, path, rate, args.seconds, run, counter)
                got = phase(f"open loop, {rate:g} stories/s", coroutine, args.seconds, servers, log)
                p95s[rate] = got["story_p95"]
                markers += got["stories"]
                errors += got["errors"]
                print(f"  analysis caught up in {drain(args.drain_timeout):.0f} s")
            problems = check_once(markers, celery_log)
        finally:
            for proc in servers.values():
                os.killpg(proc.pid, signal.SIGTERM)
            for proc in servers.values():
                proc.wait(timeout=60)
    for problem in problems:
        print(f"  PROBLEM: {problem}")
    goals.check("every story stored and analysed exactly once", not problems)
    goals.check("0 errors", errors == 0)
    if rates:
        ok = goals.check("saturation", max(rates) >= GOAL_SATURATION)
        print(f"saturation {max(rates):.1f} stories/s (goal >= {GOAL_SATURATION:g}): {ok}")
    if GOAL_P95_RATE in p95s:
        p95 = p95s[GOAL_P95_RATE]
        ok = goals.check("story p95 at 10/s", p95 < GOAL_P95_MS)
        print(f"story POST p95 at 10 stories/s {p95:.0f} ms (goal < {GOAL_P95_MS:g}): {ok}")
    print(f"errors: {errors} (goal 0)")
    return goals.exit_code()


if __name__ == "__main__":
    sys.exit(main())
