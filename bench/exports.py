"""Exports of a million stories: CSV, XLSX and .qdpx, each with its peak memory (issue 22 point 6).

    .venv/bin/python bench/exports.py                    # 1,000,000 stories, then drop the database
    .venv/bin/python bench/exports.py --stories 100000 --keep
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exports_hd (the default)

It works in its own database, whose name must start with ``bench_exports`` (dropped and created,
migrated with the project's migrations), seeded with INSERT … SELECT over generate_series:
stories in six languages from a pool of 2,000 texts of 50–1,000 words (each story starts with
its own number), 95% consenting to research and 5% withdrawn, a research copy each, 80% with
characteristics, 70% coded with three accepted human codes (one at document level) and three
machine suggestions each, story and code memos. The bench database gets neither the search
vector column nor the GIN indexes nor the code-set triggers: no export reads them, and they
would triple the seeding time.

Each export (the service the Celery job runs, ``analysis.services.export_write``, to a temporary
file) runs in its own process, which reports its peak resident memory (``VmHWM``, counted
from its own start) and the parent its wall time; a process that only loads Django is measured
the same way, for the baseline. The goal: every peak under 500 MB. The .qdpx is then checked in
another process: every ``sources/<guid>.txt`` a ``TextSource`` names is in the archive, and
``project.qde`` is valid against ``Project.xsd``, read with ``iterparse`` and validated in
parts (the project's users, codebook, variables and notes once, the sources 5,000 at a time in
a copy of the project element: the schema has no key or keyref, so a part is valid exactly when
its sources are). The database is dropped at the end unless ``--keep``.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import Goals, database_create, database_drop, load_line  # noqa: E402

PREFIX = "bench_exports"
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{PREFIX}_hd"
GOAL_MB = 500
EXPORTS = ("stories.csv", "applications.csv", "stories.xlsx", "applications.xlsx", "project.qdpx")
USER_EMAIL = "bench-exporter@example.org"


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["REDIS_URL"] = ""
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: since its exec, not the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_export(name: str, path: str) -> None:
    """In the child process: one export, as the Celery job writes it ("django" alone: the
    memory of a process that only loaded Django and read the exporting user)."""
    from accounts.models import User
    from analysis import services
    from analysis.selectors import AnalysisFilters

    user = User.objects.get(email=USER_EMAIL)
    if name == "django":
        return
    dataset, fmt = name.split(".")
    with open(path, "wb") as fh:
        services.export_write(
            user=user, dataset=dataset, format=fmt, filters=AnalysisFilters(), fh=fh
        )


def measured(args: list[str]) -> tuple[float, float, int]:
    """Run this script with ``args`` in a child process: (seconds, peak RSS in MB, exit code).

    NOTE: the child reports its own VmHWM; ``wait4``'s ru_maxrss would count the parent's
    memory at the fork, before the exec."""
    started = time.perf_counter()
    child = subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, check=False
    )
    seconds = time.perf_counter() - started
    peaks = [line for line in child.stdout.splitlines() if line.startswith("peak-mb ")]
    for line in child.stdout.splitlines():
        if not line.startswith("peak-mb "):
            print(line)
    peak = float(peaks[-1].split()[1]) if peaks else float("nan")
    return seconds, peak, child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="*", choices=EXPORTS, default=list(EXPORTS))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the seeded database as it is")
    parser.add_argument("--run-one", nargs=2, metavar=("EXPORT", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--validate", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if args.validate:
        from exports_check import check_qdpx

        code = check_qdpx(args.validate, ROOT / "analysis" / "schemas" / "Project.xsd")
        print(f"peak-mb {peak_mb():.1f}")
        return code
    if args.run_one:
        setup_django(url)
        run_export(*args.run_one)
        print(f"peak-mb {peak_mb():.1f}")
        return 0
    if not args.reuse:
        database_create(url, PREFIX)
    setup_django(url)
    from exports_seed import seed

    if not args.reuse:
        seed(args.stories, USER_EMAIL)
    print(load_line())
    goals = Goals()
    print(f"{'export of every story':28} {'time':>9} {'peak RSS':>10} {'file':>9}")
    seconds, peak, _code = measured(["--run-one", "django", "-"])
    print(f"{'(Django loaded, no export)':28} {seconds:7.1f} s {peak:7.0f} MB")
    with tempfile.TemporaryDirectory(prefix="bench_exports_") as folder:
        for name in args.only:
            path = str(Path(folder) / name)
            seconds, peak, code = measured(["--run-one", name, path])
            size = Path(path).stat().st_size / 1e6 if Path(path).exists() else 0
            met = goals.check(f"{name} under {GOAL_MB} MB", code == 0 and peak < GOAL_MB)
            flag = "" if met else ("  <-- failed" if code else "  <-- missed")
            print(
                f"{name:28} {seconds:7.1f} s {peak:7.0f} MB {size:6.0f} MB{flag}  ({load_line()})"
            )
            if name.endswith(".qdpx") and code == 0:
                seconds, peak, code = measured(["--validate", path])
                goals.check("project.qde valid against Project.xsd", code == 0)
                print(f"{'  checked against the schema':28} {seconds:7.1f} s {peak:7.0f} MB")
            Path(path).unlink(missing_ok=True)
    if not args.keep:
        from django.db import connections

        connections.close_all()
        database_drop(url, PREFIX)
    return goals.exit_code()


if __name__ == "__main__":
    sys.exit(main())
