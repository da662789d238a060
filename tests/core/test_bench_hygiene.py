"""Bench hygiene (issue 22 point 9): a bench drops only its own database, prints the machine's
load with its figures and exits non-zero when a goal is missed."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import benchlib  # noqa: E402


@pytest.mark.parametrize(
    "name", ["entendu", "test", "postgres", "", "entendu_hX", "test_entendu_bench", "entendu_ben"]
)
def test_a_database_not_named_for_the_bench_is_refused(name):
    with pytest.raises(SystemExit, match="refusing"):
        benchlib.database_name(f"postgres://postgres@127.0.0.1:5432/{name}", "entendu_bench")


def test_the_bench_own_database_is_accepted():
    url = "postgres://postgres@127.0.0.1:5432/entendu_bench_nlp_2"
    assert benchlib.database_name(url, "entendu_bench_nlp") == "entendu_bench_nlp_2"


def test_only_benchlib_drops_databases_and_every_bench_prints_the_load():
    for script in BENCH.glob("*.py"):
        text = script.read_text()
        if script.name != "benchlib.py":
            assert "DROP DATABASE" not in text, script.name
        # Modules the benches import (data, seeding, reporting) are not benches themselves.
        helpers = {
            "benchlib.py",
            "nlp_texts.py",
            "transcription_texts.py",
            "submissions_load.py",
            "nlp_submission.py",
        }
        if script.name not in helpers and not script.name.startswith("analytics_"):
            assert "load_line" in text, script.name


def test_a_missed_goal_exits_non_zero(capsys):
    goals = benchlib.Goals()
    assert goals.check("fast", True) and goals.exit_code() == 0
    goals.check("slow page", False)
    assert goals.exit_code() == 1
    out = capsys.readouterr().out
    assert "MISSED 1 goal(s): slow page" in out and "load average: " in out


def test_first_and_median():
    assert benchlib.first_and_median([5.0, 1.0, 2.0, 3.0]) == (5.0, 2.0)
    assert benchlib.first_and_median([4.0]) == (4.0, 4.0)


def test_dropping_is_guarded_too():
    with pytest.raises(SystemExit, match="refusing"):
        benchlib.database_drop("postgres://postgres@127.0.0.1:5432/entendu", "bench_agreement")


@pytest.mark.skipif(
    not Path("/proc/self/autogroup").exists(), reason="the kernel does not group sessions"
)
def test_a_server_started_in_its_own_session_gets_its_nice_for_the_whole_group():
    """A process's nice weighs only inside its session group: the bench's worker at nice 19
    must put its group at 19 too, or it shares the cores equally with gunicorn's group."""
    import subprocess

    proc = subprocess.Popen(["sleep", "30"], start_new_session=True)  # noqa: S607
    try:
        assert "nice 0" in Path(f"/proc/{proc.pid}/autogroup").read_text()
        assert benchlib.autogroup_nice(proc.pid, 19)
        assert "nice 19" in Path(f"/proc/{proc.pid}/autogroup").read_text()
        assert not benchlib.autogroup_nice(proc.pid, 0)  # nothing to change
    finally:
        proc.kill()
        proc.wait()
