"""Withdrawal codes: what a participant keeps to withdraw their story later.

A code is 36 characters of Crockford base32 (digits and capitals without I, L, O, U), shown in
blocks of four: ``7KQ2-M9XD-4HTR-...``. The first 8 characters (40 bits) are the story's public
withdrawal id, stored on the testimony (indexed, unique) so a code names its story; the other 28
(140 bits) are the secret, stored only as a SHA-256 hash. Reading a code forgives what people do
when copying one out: spaces, dashes, lower case, and O for 0, I or L for 1.

Codes made before this format (32 URL-safe base64 characters, looked up by the hash of the
whole code) keep working: ``code_parse`` returns them as ``legacy``.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_LENGTH = 8
SECRET_LENGTH = 28
BLOCK = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -\t\n\r\u00a0\u2010\u2011\u2012\u2013\u2014")
_LEGACY_LENGTHS = range(20, 65)


@dataclass(frozen=True)
class WithdrawalCode:
    public_id: str
    secret: str

    @property
    def text(self) -> str:
        """The code as shown on the receipt, in blocks of four."""
        whole = self.public_id + self.secret
        return "-".join(whole[i : i + BLOCK] for i in range(0, len(whole), BLOCK))

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ParsedCode:
    """What someone typed: a new code (``code``), an older one (``legacy``), or neither."""

    code: WithdrawalCode | None = None
    legacy: str = ""


def _encode(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def public_id_generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(PUBLIC_LENGTH))


def secret_from_seed(seed: str) -> str:
    """A secret derived from ``seed`` (a retried submission shows its code again, see
    ``services.submission``); 140 bits of its SHA-256."""
    digest = hashlib.sha256(f"entendu-withdrawal-secret:{seed}".encode()).digest()
    return _encode(digest[:18], SECRET_LENGTH)


def code_generate(*, seed: str | None = None, public_id: str | None = None) -> WithdrawalCode:
    """A new code: a random public id (unless given) and a random secret (or one derived from
    ``seed``)."""
    secret = (
        secret_from_seed(seed)
        if seed is not None
        else "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))
    )
    return WithdrawalCode(public_id=public_id or public_id_generate(), secret=secret)


def normalize(text: str) -> str:
    return (text or "").translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)


def code_parse(text: str) -> ParsedCode:
    """Read what someone typed; never raises."""
    if not isinstance(text, str):
        return ParsedCode()
    cleaned = normalize(text)
    if len(cleaned) == PUBLIC_LENGTH + SECRET_LENGTH and all(c in ALPHABET for c in cleaned):
        return ParsedCode(
            code=WithdrawalCode(public_id=cleaned[:PUBLIC_LENGTH], secret=cleaned[PUBLIC_LENGTH:])
        )
    legacy = text.strip()
    if len(legacy) in _LEGACY_LENGTHS and legacy.isprintable():
        return ParsedCode(legacy=legacy)
    return ParsedCode()


def code_hash(secret: str) -> str:
    """What is stored of the secret (``Testimony.withdrawal_code_hash``)."""
    return hashlib.sha256(f"entendu-withdrawal:{normalize(secret)}".encode()).hexdigest()


def code_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(code_hash(secret), stored_hash or "")
