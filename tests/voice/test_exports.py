"""Recordings are never in exports: no exporter imports the voice app or names a recording
(exports read testimonies' and analysis' rows; the audio and its timed words live only in the
voice app)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPORTERS = [
    *sorted((ROOT / "analysis" / "exporters").glob("*.py")),
    ROOT / "testimonies" / "exports.py",
    ROOT / "core" / "exports.py",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_exporter_reads_the_voice_app():
    for path in EXPORTERS:
        assert path.exists(), path
        voice = {name for name in _imports(path) if name == "voice" or name.startswith("voice.")}
        assert not voice, f"{path.relative_to(ROOT)} imports {voice}"
        assert "recording" not in path.read_text(encoding="utf-8").lower(), path
