"""Code 20 stories by keyboard in a real browser against gunicorn on PostgreSQL (issue 18).

    .venv/bin/python bench/coding_flow.py                  # seed 100,000 stories if needed, run
    .venv/bin/python bench/coding_flow.py --reseed         # drop the data and seed again
    BENCH_FLOW_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench_flow (the default)

It works in its own database (created if missing, migrated, seeded with COPY by
``bench/analytics.py``: 100,000 stories and their code applications), collects the static files,
starts gunicorn (``config.wsgi``, DEBUG off, database connections kept as in production) on a
free port and drives Chromium
(``/usr/bin/chromium``) through Playwright, signed in as a bench researcher. For each of
``--count`` stories, by keyboard only: J (select the first sentence), a number key (apply a
code to it), A (accept the machine's suggestion for its passage), N (next story).

It prints:
- full page loads after the first (goal 0: every action and "next story" stay in the page);
- the server time of each action (the requests it made, from their start to the first byte of
  the answer, as the browser timed them on this machine), p50 and p95 (goal: p95 < 100 ms);
- keystrokes per applied code (applied by hand or accepted);
- axe-core violations on the screen after an apply, an accept and the next story (goal 0);
and exits non-zero when a goal is missed.
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/entendu_bench_flow"
GOAL_P95_MS = 100.0
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CODER = "bench-flow@example.org"


def prepare(count: int) -> tuple[int, list[int]]:
    """The bench researcher (no earlier run's codes left) and a suggestion with a passage on
    each of the first ``count`` stories of the queue; their ids."""
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import user_grant_role
    from coding import selectors, services
    from coding.models import CodeApplication, CodingCompletion
    from testimonies.selectors import research_copies_for_user

    user, _ = User.objects.get_or_create(email=CODER)
    user_grant_role(user=user, role=Role.RESEARCHER)
    CodeApplication.objects.filter(coder=user).delete()
    CodingCompletion.objects.all().delete()
    book = selectors.codebook_default(or_first=True)
    codes = [n.code for n in selectors.codebook_tree(codebook=book) if n.code.is_codable]
    ids = []
    story_id = research_copies_for_user(user=user).values_list("testimony_id", flat=True).first()
    while story_id is not None and len(ids) < count + 1:
        ids.append(story_id)
        story_id = selectors.next_story_id(user=user, after_testimony_id=story_id)
    copies = {sid: selectors.research_copy_for_coding(user=user, testimony_id=sid) for sid in ids}
    for i, sid in enumerate(ids):
        copy = copies[sid]
        CodeApplication.objects.filter(testimony_id=sid, source="machine").delete()
        sentences = selectors.sentence_spans(copy.redacted_text)
        start, end = sentences[-1] if sentences else (0, len(copy.redacted_text))
        services.suggestion_record(
            testimony=copy.testimony,
            code=codes[(i + 3) % len(codes)],
            confidence=0.8,
            model_version="lexicon-bench",
            evidence_start=start,
            evidence_end=end,
        )
    return user.id, ids


def session_cookie(user_id: int) -> dict:
    """A signed-in session for the bench researcher that has passed its two-factor check (as
    after a sign-in with a TOTP code; researchers must use one)."""
    from allauth.account.internal.flows import login as allauth_login
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    session = client.session
    session[allauth_login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user_id)
    session[allauth_login.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "at": time.time(), "type": "totp"}
    ]
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(url: str, port: int, access_log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        # As in production (config/settings/production.py): a worker keeps its database
        # connection between requests instead of opening one per request.
        "CONN_MAX_AGE": "60",
        "REDIS_URL": "",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            "config/gunicorn.conf.py",
            # The time each request took in the worker (microseconds), from its access log.
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


class Recorder:
    """The server time of the requests the page makes, grouped by action: in the worker (from
    gunicorn's access log) and as the browser saw it (request sent to first byte back, which
    adds the wait for a free worker on a busy machine)."""

    def __init__(self, page, base: str, access_log: Path):
        self.base = base
        self.log = access_log.open(encoding="utf-8")
        self.log.seek(0, os.SEEK_END)
        self.worker: dict[str, list[float]] = {}
        self.times: list[float] = []
        self.loads = 0
        page.on("requestfinished", self._finished)
        page.on("load", lambda: setattr(self, "loads", self.loads + 1))

    def _finished(self, request):
        if request.resource_type not in ("fetch", "xhr", "document"):
            return
        timing = request.timing
        if timing["responseStart"] >= 0 and timing["requestStart"] >= 0:
            self.times.append(timing["responseStart"] - timing["requestStart"])

    def _lines(self, expected: int) -> list[list[str]]:
        """The worker's log lines for the requests since the last call: gunicorn writes a line
        after the answer has gone, so wait (a little) until there is one per request the
        browser saw, else a late line would count in the next action."""
        lines: list[list[str]] = []
        deadline = time.monotonic() + 2
        while True:
            for line in self.log.readlines():
                parts = line.split()
                if len(parts) == 4 and not parts[1].startswith(("/static/", "/jsi18n/")):
                    lines.append(parts)
            if len(lines) >= expected or time.monotonic() > deadline:
                return lines
            time.sleep(0.01)

    def take(self) -> tuple[float, float]:
        """(worker time, browser time) of the requests since the last call, in ms."""
        worker = 0.0
        for parts in self._lines(len(self.times)):
            ms = int(parts[3]) / 1000
            worker += ms
            kind = f"{parts[0]} " + re.sub(r"/[0-9]+/", "/<id>/", parts[1])
            self.worker.setdefault(kind, []).append(ms)
        total, self.times = sum(self.times), []
        return worker, total


def key_for(page, i: int) -> str:
    """A key 1-9 whose code is not the one the machine suggests here (applying that one by
    hand would take the suggestion off the screen): the researcher reads the palette."""
    return page.evaluate(
        """(i) => {
            const chip = document.querySelector('#suggestions .chip');
            const suggested = chip ? chip.textContent.trim() : '';
            const keys = [];
            document.querySelectorAll('#apply-form [data-shortcut]').forEach((b) => {
                if (b.querySelector('.code-name').textContent.trim() !== suggested) {
                    keys.push(b.dataset.shortcut);
                }
            });
            return keys[i % keys.length];
        }""",
        i,
    )


def run(base: str, cookie: dict, ids: list[int], count: int, access_log: Path) -> dict:
    # NOTE: one long function on purpose: the flow reads top to bottom, as a researcher codes.
    from playwright.sync_api import expect, sync_playwright

    actions: dict[str, list[float]] = {"apply": [], "accept": [], "next story": []}
    seen: dict[str, list[float]] = {"apply": [], "accept": [], "next story": []}
    keys = applied = 0
    violations: list = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(base_url=base, locale="en-GB")
        context.add_cookies([{**cookie, "url": base}])
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.set_default_timeout(20_000)
        recorder = Recorder(page, base, access_log)
        page.goto(f"/coding/stories/{ids[0]}/")
        page.wait_for_load_state("load")
        recorder.take()
        live = page.locator("#coding-live")

        def press(key: str) -> None:
            nonlocal keys
            keys += 1
            page.keyboard.press(key)

        def settle() -> None:
            page.wait_for_function("!document.documentElement.dataset.codingBusy")
            page.wait_for_load_state("networkidle")

        def audit(state: str) -> None:
            if not AXE.exists():
                return
            page.evaluate(AXE.read_text("utf-8"))
            result = page.evaluate("async () => await axe.run(document)")
            violations.extend((state, v["id"]) for v in result["violations"])

        for i in range(count):
            expect(page.locator("h1")).to_have_text(f"Story {ids[i]}")
            press("j")  # select the first sentence: no request
            press(key_for(page, i))
            expect(live).to_contain_text("Applied")
            settle()
            worker, browser_ms = recorder.take()
            actions["apply"].append(worker)
            seen["apply"].append(browser_ms)
            applied += 1
            press("a")
            expect(live).to_contain_text("Suggestion accepted")
            settle()
            worker, browser_ms = recorder.take()
            actions["accept"].append(worker)
            seen["accept"].append(browser_ms)
            applied += 1
            if i == 0:
                audit("after apply and accept")
            press("n")
            expect(page.locator("h1")).to_have_text(f"Story {ids[i + 1]}")
            settle()
            worker, browser_ms = recorder.take()
            actions["next story"].append(worker)
            seen["next story"].append(browser_ms)
            if i == 0:
                audit("next story")
        loads_after_first = recorder.loads - 1
        requests = {k: statistics.median(v) for k, v in recorder.worker.items()}
        time.sleep(0.5)
        browser.close()
    return {
        "actions": actions,
        "keys": keys,
        "applied": applied,
        "loads": loads_after_first,
        "violations": violations,
        "requests": requests,
        "seen": seen,
    }


def report(result: dict) -> int:
    everything = [t for times in result["actions"].values() for t in times]
    failures = 0
    print(f"full page loads after the first: {result['loads']} (goal 0)")
    failures += result["loads"] != 0
    for name, times in result["actions"].items():
        q = statistics.quantiles(times, n=20, method="inclusive")
        print(f"  {name:<11} p50 {statistics.median(times):6.1f} ms  p95 {q[18]:6.1f} ms")
    p95 = statistics.quantiles(everything, n=20, method="inclusive")[18]
    print(
        f"server time per action, in the worker ({len(everything)} actions): "
        f"p50 {statistics.median(everything):.1f} ms, p95 {p95:.1f} ms "
        f"(goal p95 < {GOAL_P95_MS:.0f})"
    )
    failures += p95 >= GOAL_P95_MS
    for kind, median in sorted(result["requests"].items()):
        print(f"    request {kind}: p50 {median:.1f} ms in the worker")
    seen = [t for times in result["seen"].values() for t in times]
    seen95 = statistics.quantiles(seen, n=20, method="inclusive")[18]
    print(
        f"as the browser saw it (to the first byte, with any wait for a worker): "
        f"p50 {statistics.median(seen):.1f} ms, p95 {seen95:.1f} ms"
    )
    per_code = result["keys"] / max(1, result["applied"])
    print(
        f"keystrokes per applied code: {per_code:.2f} "
        f"({result['keys']} keys, {result['applied']} codes applied or accepted)"
    )
    if AXE.exists():
        print(f"axe-core violations in the new states: {len(result['violations'])} (goal 0)")
        for state, rule in result["violations"]:
            print(f"  {state}: {rule}")
        failures += bool(result["violations"])
    else:
        print("axe-core violations: not measured (node_modules/axe-core missing: npm ci)")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=300_000)
    parser.add_argument("--count", type=int, default=20, help="stories to code")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_FLOW_DATABASE_URL", DEFAULT_URL)
    import analytics
    from benchlib import database_ensure, load_line

    database_ensure(url, "entendu_bench")
    analytics.setup_django(url)
    from django.core.management import call_command

    from testimonies.models import Testimony

    call_command("migrate", verbosity=0)
    if args.reseed or Testimony.objects.count() < args.stories:
        analytics.seed(args.stories, args.applications)
    call_command("collectstatic", interactive=False, verbosity=0)
    user_id, ids = prepare(args.count)
    cookie = session_cookie(user_id)
    print(f"{Testimony.objects.count():,} stories; {load_line()}")
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        access_log = Path(tmp) / "access.log"
        server = start_gunicorn(url, port, access_log)
        try:
            result = run(f"http://127.0.0.1:{port}", cookie, ids, args.count, access_log)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return report(result)


if __name__ == "__main__":
    sys.exit(main())
