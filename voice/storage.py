"""Recordings on disk: encrypted at rest, outside every served folder.

Each recording has a folder ``VOICE_STORAGE_DIR/<public_id>/``: while it is uploaded, each chunk
is its own Fernet-encrypted file; once complete, one encrypted ``audio`` file. Nothing here is
ever served directly: views stream the decrypted bytes after their access checks.
"""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings

from testimonies.fields import fernet


def _folder(recording) -> Path:
    return Path(settings.VOICE_STORAGE_DIR) / str(recording.public_id)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def chunk_save(recording, *, offset: int, data: bytes) -> None:
    _write_atomic(_folder(recording) / f"chunk-{offset:012d}", fernet().encrypt(data))


def chunks_read(recording) -> bytes:
    """The chunks received so far, joined in order (decrypted, in memory)."""
    box = fernet()
    folder = _folder(recording)
    if not folder.exists():
        return b""
    return b"".join(box.decrypt(p.read_bytes()) for p in sorted(folder.glob("chunk-*")))


def chunks_drop(recording) -> None:
    for path in _folder(recording).glob("chunk-*"):
        path.unlink(missing_ok=True)


def audio_save(recording, data: bytes) -> None:
    _write_atomic(_folder(recording) / "audio", fernet().encrypt(data))
    chunks_drop(recording)


def audio_read(recording) -> bytes:
    return fernet().decrypt((_folder(recording) / "audio").read_bytes())


def audio_exists(recording) -> bool:
    return (_folder(recording) / "audio").exists()


def erase(recording) -> None:
    """Remove everything on disk for this recording (chunks and audio)."""
    shutil.rmtree(_folder(recording), ignore_errors=True)


def path_of(recording) -> Path:
    """The folder (for tests that check the file is gone)."""
    return _folder(recording)
