"""French is complete and compiled; English is the source language."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django*.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)


def test_there_is_a_french_catalogue():
    assert ROOT / "locale/fr/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_french_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
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
