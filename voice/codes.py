"""Return codes: what a speaker keeps to come back to their recording (16 Crockford base32
characters in blocks of four; forgiving spaces, dashes, case and O/0, I/L/1). Only a SHA-256 of
the code is stored."""

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    kept = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return kept.translate(_LOOK_ALIKES)


def code_hash(code: str) -> str:
    return hashlib.sha256(f"entendu-voice-return:{normalise(code)}".encode()).hexdigest()
