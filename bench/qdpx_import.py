"""Time the import of a REFI-QDA project: 500 sources, 5,000 codings by two coders, 50 memos.

    .venv/bin/python bench/qdpx_import.py                   # a throw-away SQLite database
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/entendu_bench_qdpx \\
        .venv/bin/python bench/qdpx_import.py               # PostgreSQL (its own database)

It writes the archive (accents, emoji, CJK, Arabic and ``\\r\\n`` in the texts), then times the
check (ZIP limits, XSD, every position) and the import (stories with consent and withdrawal
codes, codes, codings, memos) in one transaction. The goal (issue 21) is a project of this size
in under 10 s, check and import together; it exits non-zero when it misses.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import database_create, load_line  # noqa: E402

GOAL_S = 10.0
SENTENCES = [
    "Le médecin ne m’a pas écoutée quand j’ai parlé de ma douleur.\r\n",
    "The nurse asked whether I had been drinking 😡 before anything else. ",
    "看護師は説明してくれなかった。",
    "لم يستمع إلي الطبيب. ",
    "Nobody on the ward looked like me or spoke my language. ",
]


def archive(sources: int, codings: int, seed: int = 21) -> bytes:
    from analysis import refiqda

    rng = random.Random(seed)
    guid = refiqda.stable_guid
    users = [refiqda.QdaUser(guid("bench-user", i), f"Coder {i}") for i in range(2)]
    codes = [refiqda.QdaCode(guid("bench-code", i), f"Code {i}") for i in range(20)]
    notes = [
        refiqda.QdaNote(guid("bench-note", i), f"Memo {i}", "Une note 🙂", None, users[0].guid)
        for i in range(50)
    ]
    items = []
    per_source = codings // sources
    for n in range(sources):
        text = "".join(rng.choice(SENTENCES) for _ in range(12))
        found = []
        for _k in range(per_source):
            start = rng.randrange(0, len(text) - 40)
            found.append(
                refiqda.QdaCoding(
                    rng.choice(codes).guid,
                    start,
                    start + rng.randrange(5, 40),
                    rng.choice(users).guid,
                )
            )
        items.append(
            refiqda.QdaSource(
                guid("bench-source", n),
                f"Interview {n}",
                text,
                codings=found,
                note_guids=[notes[n % 50].guid] if n < 50 else [],
            )
        )
    buffer = io.BytesIO()
    refiqda.write_qdpx(
        buffer, name="Bench", users=users, codes=codes, variables=[], sources=items, notes=notes
    )
    return buffer.getvalue()


def ensure_database(url: str) -> None:
    """(Re)create the bench's own PostgreSQL database (named entendu_bench…, never a shared one)."""
    database_create(url, "entendu_bench")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--codings", type=int, default=5_000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
    if url.startswith("postgres"):
        ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)

    from accounts.roles import Role
    from accounts.services import user_create
    from analysis.qdpx_import import ImportChoices, qdpx_import
    from analysis.qdpx_preview import preview
    from analysis.refiqda_read import read_qdpx
    from coding.models import CodeApplication, Codebook
    from testimonies.selectors import consent_text_current
    from tests.factories import EventFactory

    data = archive(args.sources, args.codings)
    user = user_create(email="bench-qdpx@example.org", password=None, roles=[Role.RESEARCHER])
    event = EventFactory()
    book = Codebook.objects.create(name="Bench", slug="bench-qdpx")
    began = time.perf_counter()
    project = read_qdpx(io.BytesIO(data), size=len(data))
    checked = time.perf_counter()
    found = preview(project, book)
    report = qdpx_import(
        project=project,
        user=user,
        choices=ImportChoices(
            event=event,
            codebook=book,
            consent_text=consent_text_current(language="en"),
            consented_at=datetime(2026, 1, 5, tzinfo=UTC),
            scopes=frozenset({"research"}),
            code_matches=found.code_matches,
            coders=found.coders,
        ),
    )
    done = time.perf_counter()
    total = done - began
    saved = CodeApplication.objects.filter(testimony__event=event).count()
    print(f"archive: {len(data) / 1024:.0f} KB, {args.sources} sources, {args.codings} codings")
    print(f"check (ZIP, XSD, positions): {checked - began:.2f} s")
    print(
        f"import ({report.stories} stories, {saved} codings, {report.memos} memos): "
        f"{done - checked:.2f} s"
    )
    print(load_line())
    print(f"total: {total:.2f} s (goal: under {GOAL_S:.0f} s) on {url.split(':')[0]}")
    if report.stories != args.sources or saved < args.codings * 0.99:
        print("FAILED: not everything was imported")
        return 1
    if total > GOAL_S:
        print("MISSED the goal")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
