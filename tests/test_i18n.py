"""Every kept catalogue (French, and the languages being prepared: pt_BR, es, de, ja) is complete,
fuzzy-free, keeps the msgid's placeholders and is compiled; English is the source language."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every language with a project catalogue (``make messages`` makes one per directory in locale/).
LOCALES = tuple(sorted(p.name for p in (ROOT / "locale").iterdir() if p.is_dir()))
CATALOGUES = sorted(
    p
    for locale in LOCALES
    for p in ROOT.glob(f"**/locale/{locale}/LC_MESSAGES/django*.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)
PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdf]|%[sdf]|\{[A-Za-z_]+\}")


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_is_a_french_catalogue():
    assert ROOT / "locale/fr/LC_MESSAGES/django.po" in CATALOGUES


def test_every_programme_language_has_its_catalogues():
    assert set(LOCALES) >= {"fr", "pt_BR", "es", "de", "ja"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_ids)
def test_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_ids)
def test_translations_keep_the_placeholders(po_path):
    wrong = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or not entry.translated():
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values()):
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(expected)):
                wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("po_path", CATALOGUES, ids=_ids)
def test_msgfmt_check_is_clean(po_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_ids)
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(po_path))
        if not e.obsolete and e.translated()
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))}
    stale = sorted(str(k) for k in po if po[k] != mo.get(k))
    assert stale == [], "the .mo file is older than the .po file: run make messages"
