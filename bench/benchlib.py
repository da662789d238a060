"""What every bench shares (issue 22 point 9): its own database only, the machine's load printed
beside the figures, a non-zero exit when a goal is missed, and a browser-like signed-in client.

    from benchlib import Goals, database_create, database_drop, database_ensure, load_line
"""

import os
import statistics
from pathlib import Path
from urllib.parse import urlparse


def database_name(url: str, prefix: str) -> str:
    """The database ``url`` names, refused (SystemExit) unless it starts with the bench's own
    ``prefix``: a bench drops and fills its database, never the test or development one."""
    name = urlparse(url).path.lstrip("/")
    if not name or not name.startswith(prefix):
        raise SystemExit(
            f"refusing to use database {name!r}: this bench uses only databases named {prefix}…"
        )
    return name


def _admin(url: str) -> str:
    return urlparse(url)._replace(path="/postgres").geturl()


def database_ensure(url: str, prefix: str) -> bool:
    """Create the bench's database if missing (name guarded); whether it was created."""
    import psycopg

    name = database_name(url, prefix)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def database_create(url: str, prefix: str) -> None:
    """Drop and create the bench's database (name guarded)."""
    import psycopg

    name = database_name(url, prefix)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str, prefix: str) -> None:
    """Drop the bench's database when the bench is done with it (name guarded): a million
    stories take gigabytes of disk."""
    import psycopg

    name = database_name(url, prefix)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def processes_stop(processes, timeout: float = 30) -> None:
    """Stop the bench's own child processes (``subprocess.Popen``): ask each to end, wait up to
    ``timeout`` seconds for each, then kill the ones still running."""
    import subprocess

    for proc in processes:
        proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def autogroup_nice(pid: int, nice: int) -> bool:
    """Give the process's session group the same nice as the process (Linux autogroup).

    NOTE: each server starts in its own session, and where the kernel groups sessions
    (``kernel.sched_autogroup_enabled``), the CPU is shared between the groups first: a process's
    own nice then weighs only inside its group. Without this, the worker "at nice 19" took as
    much of the two cores as gunicorn's group (half a core at saturation), not what was left."""
    path = Path(f"/proc/{pid}/autogroup")
    if not nice or not path.exists():
        return False
    try:
        path.write_text(str(nice))
    except OSError:
        return False
    return True


def load_line() -> str:
    """The machine's load average (1, 5, 15 min) and CPU count, to print beside the figures."""
    one, five, fifteen = os.getloadavg()
    return f"load average: {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


class Goals:
    """Collects each goal's outcome; ``exit_code()`` is 1 when one was missed."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def check(self, name: str, met: bool) -> bool:
        if not met:
            self.missed.append(name)
        return met

    def exit_code(self) -> int:
        print(load_line())
        if self.missed:
            print(f"MISSED {len(self.missed)} goal(s): " + "; ".join(self.missed))
            return 1
        print("every goal met")
        return 0


def first_and_median(timings: list[float]) -> tuple[float, float]:
    """The first (cold) timing and the median of the others (warm)."""
    rest = timings[1:] or timings
    return timings[0], statistics.median(rest)


def signed_in_client(user):
    """A Django test client signed in as ``user`` the way a person is: with their authenticator
    app (created if missing) and the two-factor step passed, so pages that need two-factor
    authentication answer 200 rather than redirecting to it."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.http import HttpRequest
    from django.test import Client

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()
    return client
