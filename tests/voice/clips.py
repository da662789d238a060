"""Spoken clips made at test time with espeak-ng (Debian), and the error rates we bound."""

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

# One short story per language; (espeak-ng voice, consent language, text).
# NOTE: Japanese in kana: espeak-ng reads kanji as "Chinese letter".
SENTENCES = {
    "en": (
        "en",
        "en",
        "Last winter I went to the hospital because of a bad cough. The doctor "
        "did not listen to me and I waited for six hours.",
    ),
    "fr": (
        "fr",
        "fr",
        "Bonjour. Je voudrais parler de ma visite à l'hôpital. Le médecin était pressé "
        "et il ne m'a rien expliqué.",
    ),
    "es": (
        "es",
        "es",
        "El invierno pasado fui al hospital por una tos. El médico no me escuchó "
        "y esperé seis horas.",
    ),
    "de": (
        "de",
        "de",
        "Letzten Winter ging ich wegen Husten ins Krankenhaus. Der Arzt hat mir "
        "nicht zugehört und ich habe sechs Stunden gewartet.",
    ),
    "pt-BR": (
        "pt-br",
        "pt-BR",
        "No inverno passado eu fui ao hospital por causa de uma tosse. "
        "O médico não me escutou e eu esperei seis horas.",
    ),
    "ja": (
        "ja",
        "ja",
        "きょねんの ふゆ、わたしは びょういんに いきました。いしゃは わたしの "
        "はなしを ききませんでした。",
    ),
}
# The bound of each language's error rate (word error; character error for ja), measured here
# with Whisper base on these short clips (about 7 s): beam 1 gave en 0.04, es 0.22, de 0.30,
# fr 0.42, ja 0.40 (kana), pt-BR 0.64-0.73; beam 5 (the default since bench/transcription.py
# measured three-minute stories) en 0.04, es 0.22, de 0.30, fr 0.37, ja 0.40, pt-BR 0.64. The
# issue measured 0-0.15 on 15-25 s clips with beam 5; espeak-ng's French and Brazilian voices
# are hard for Whisper base on short clips, so those bounds say more about the voice than about
# us (issue 19), and are loose on purpose.
# pt-BR also varies from run to run (0.64 to 0.86 seen on a loaded machine), so its test also
# checks that the content words came through (KEYWORDS).
BOUNDS = {"en": 0.25, "fr": 0.55, "es": 0.35, "de": 0.4, "pt-BR": 0.9, "ja": 0.55}
KEYWORDS = {"pt-BR": ("hospit", "escut")}


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def make_clip(directory: Path, language: str) -> Path:
    voice, _, text = SENTENCES[language]
    path = directory / f"{language}.wav"
    speed = "130" if language == "pt-BR" else "150"
    subprocess.run(["espeak-ng", "-v", voice, "-s", speed, "-w", str(path), text], check=True)
    return path


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w\s']", " ", text)


def _distance(a: list, b: list) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def error_rate(reference: str, hypothesis: str, *, characters: bool = False) -> float:
    """Word error rate (character error rate with ``characters``, for Japanese)."""
    ref, hyp = _normalise(reference), _normalise(hypothesis)
    if characters:
        ref_units, hyp_units = list(ref.replace(" ", "")), list(hyp.replace(" ", ""))
    else:
        ref_units, hyp_units = ref.split(), hyp.split()
    return _distance(ref_units, hyp_units) / max(len(ref_units), 1)
