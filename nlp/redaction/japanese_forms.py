"""The forms a Japanese name takes around the tokens found by ``nlp.redaction.japanese``.

- Words Sudachi tags as person names that are not: a count (三軒目, 六軒, 五十代: a numeral and a
  counter),
  the end of a role glued to the word before it (保 + 健師 of 保健師さん), a single kana (ホ of
  「ホ・ケ・ン・ショ・ウ」, a word spelled out).
- A name's reading in brackets, 内田（うちだ）, 心愛（ここあ）: the name and its reading are
  replaced each on its own and the brackets stay; a listed kanji name before a reading is a name.
- A name in romaji with a Japanese honorific: Tanaka-san, Suzuki先生; a Korean name in Hangul;
  a Vietnamese surname in katakana standing alone (グエン).
- Every other mention of a name found once: the whole name, each part of a name written with ・ or
  a space (マリセル・デラクルス ... デラクルスは), and a given name of one kanji standing alone
  before a particle (息子の翼は ... 暴れた翼を). A katakana mention is not part of a longer
  katakana word (ナム is not in ベトナム).
"""

import re

from nlp.redaction.japanese_cues import family_names, given_names
from nlp.redaction.japanese_naming import ROLE_TITLES, _known_kanji_end
from nlp.redaction.name_lists import ambiguous_names, first_names, surnames

_COUNT_RE = re.compile(
    r"^(?:[一二三四五六七八九十百千]+[軒箇頭羽名日件回人個本枚台匹]|[一二三四五六七八九]?十代)$"
)
_SINGLE_KANA_RE = re.compile(r"^[ぁ-ゖァ-ヶー]$")
# A word spelled out kana by kana: ホ・ケ・ン・ショ・ウ (not ジョアン・ダ・シルバ).
_SPELLED_OUT_RE = re.compile(r"(?:^|・)[ぁ-ゖァ-ヶ]・[ぁ-ゖァ-ヶ](?:・|$)")
_HONORIFIC_AFTER_RE = re.compile(r"さん|様|氏|先生|君|くん|ちゃん")
_KANJI = r"[\u4e00-\u9fff々]"
_READING = r"（(?P<r>[ぁ-ゖァ-ヶー]{1,12})）"
_WITH_READING_RE = re.compile(rf"^(?P<n>.+?){_READING}$")
_READING_AFTER_RE = re.compile(_READING)
_LISTED_BEFORE_READING_RE = re.compile(rf"(?P<n>{_KANJI}{{1,6}}){_READING}")
# A name in kanji read out in katakana with ・ (a Chinese or Korean name), or with any reading
# when it introduces someone: 林小燕（リン・シャオイェン）, 金英姫（きむ よんひ）といいます.
_FOREIGN_READING_RE = re.compile(
    rf"(?<![\u4e00-\u9fff々])(?P<n>{_KANJI}{{2,6}})（(?P<r>[ァ-ヶー]+・[ァ-ヶー・]+)）"
    rf"|(?<![\u4e00-\u9fff々])(?P<i>{_KANJI}{{1,6}})（(?P<k>[ぁ-ゖァ-ヶー・ ]{{1,16}})）"
    r"(?=と(?:いい|言い|申し)ます|です)"
)
# A Korean name written in Hangul, two to four syllables starting with a common surname (김, 이,
# 박...): 박소연.
_KOREAN_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진"
)
_HANGUL_NAME_RE = re.compile(rf"(?<![가-힣])[{_KOREAN_SURNAMES}][가-힣]{{1,3}}(?![가-힣])")
_TITLES_AFTER = "|".join(
    sorted(ROLE_TITLES | {"さん", "様", "ちゃん", "くん", "氏"}, key=len)[::-1]
)
_ROMAJI_HONORIFIC_RE = re.compile(
    r"(?<![A-Za-z])(?P<n>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    rf"(?:-(?:san|sama|sensei|chan|kun)(?![a-z])|(?={_TITLES_AFTER}))"
)
_TITLE_BEFORE_RE = re.compile(r"(?:ミスター|ミセス|ミズ|ドクター|シスター|ファーザー)?[・＝=]")
_NAME_PARTS_RE = re.compile(r"[・＝= \u3000]")
# An initial after a romaji surname: Tanaka Y, Tanaka Y.
_INITIAL_AFTER_RE = re.compile(r" [A-Z]\.?(?![A-Za-z])")
# Vietnamese surnames in katakana (a few, most of the country's people): a name wherever they
# stand alone, not inside a longer katakana word.
_VIETNAMESE_SURNAMES = frozenset(
    ["グエン", "グェン", "ファム", "ホアン", "フイン", "ヴー", "ヴォー", "ズオン", "ブイ"]
)
_KATAKANA_WORD_RE = re.compile(r"[ァ-ヶー]+")
_KATAKANA_RE = re.compile(r"^[ァ-ヶー・]+$")
_LATIN_RE = re.compile(r"^[A-Za-zÀ-ÿ]+$")
# What may follow a given name of one kanji standing alone: a particle or a pause.
_ALONE_AFTER = "はがをにともへや、。"


def not_a_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, read as a person's name, is something else."""
    word = text[start:end]
    if _SINGLE_KANA_RE.match(word) or _SPELLED_OUT_RE.search(word):
        return True
    if _COUNT_RE.match(word) and not _HONORIFIC_AFTER_RE.match(text, end):
        return True
    for role in ROLE_TITLES:
        glued = len(role) - len(word)
        if glued > 0 and role.endswith(word) and text[start - glued : start] == role[:glued]:
            return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """森本君 (a token Sudachi reads as 森 + 本君): the honorific is not part of the name, nor
    a title or a joiner before it (ミスター・ジョーンズ, 内科部長・河合氏)."""
    if end - start >= 3 and text[end - 1] in "君様殿":
        end -= 1
    title = _TITLE_BEFORE_RE.match(text, start, end)
    if title and end - title.end() >= 2:
        start = title.end()
    return start, end


def reading_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with each name and its reading apart, the reading after a name added, and a
    listed kanji name before a reading (心愛（ここあ）)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        m = _WITH_READING_RE.fullmatch(text[start:end])
        if m:
            out += [(start + m.start("n"), start + m.end("n"))]
            out += [(start + m.start("r"), start + m.end("r"))]
            continue
        out.append((start, end))
        after = _READING_AFTER_RE.match(text, end)
        if after:
            out.append(after.span("r"))
    for m in _LISTED_BEFORE_READING_RE.finditer(text):
        cut = _known_kanji_end(m["n"], single_given=True)
        if cut is not None:
            out += [(m.start("n") + cut, m.end("n")), m.span("r")]
    for m in _FOREIGN_READING_RE.finditer(text):
        out += [m.span("n"), m.span("r")] if m["n"] else [m.span("i"), m.span("k")]
    return out


def hangul_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _HANGUL_NAME_RE.finditer(text)]


def vietnamese_surname_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _KATAKANA_WORD_RE.finditer(text) if m[0] in _VIETNAMESE_SURNAMES]


# A name in Latin letters standing in a Japanese sentence, before a particle: 同じ寮のNguyenも,
# Joyまで (a name of the name lists; one that is also an English word only after の).
_LATIN_IN_JAPANESE_RE = re.compile(
    r"(?P<b>[\u3040-\u30ff\u4e00-\u9fff、。「]|^)(?P<n>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)"
    r"(?=[はがをにともへでや]|まで|から)",
    re.MULTILINE,
)


def latin_name_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LATIN_IN_JAPANESE_RE.finditer(text):
        parts = m["n"].split()
        listed = all(p in first_names() or p in surnames() for p in parts)
        ambiguous = any(p in ambiguous_names() for p in parts)
        if listed and (not ambiguous or m["b"] == "の"):
            out.append(m.span("n"))
    return out


def romaji_spans(text: str) -> list[tuple[int, int]]:
    return [m.span("n") for m in _ROMAJI_HONORIFIC_RE.finditer(text)]


def _bounded(text: str, start: int, end: int, word: str) -> bool:
    """A katakana or Latin mention is a word of its own, not the inside of a longer one."""
    if _KATAKANA_RE.match(word):
        inside = re.compile(r"[ァ-ヶー]")
    elif _LATIN_RE.match(word):
        inside = re.compile(r"[A-Za-zÀ-ÿ]")
    else:
        return True
    before = start > 0 and inside.match(text[start - 1])
    after = end < len(text) and inside.match(text[end])
    return not before and not after


def _single_kanji_given(text: str, name: str) -> list[tuple[int, int]]:
    """A given name of one kanji again, standing alone: 、翼が, 暴れた翼を (not 一翼, 春の光)."""
    out = []
    start = text.find(name)
    while start != -1:
        before = text[start - 1] if start else "\n"
        after = text[start + 1] if start + 1 < len(text) else "。"
        # 、凛の症状: after a pause, の too (春の光 is left).
        after_pause = after == "の" and before in "、。「\n"
        if not re.match(r"[\u4e00-\u9fff々]|の", before) and (after in _ALONE_AFTER or after_pause):
            out.append((start, start + 1))
        start = text.find(name, start + 1)
    return out


def mention_spans(
    text: str, spans: list[tuple[int, int]], not_names: frozenset[str]
) -> list[tuple[int, int]]:
    """Every other mention of the names found (``not_names``: parts that are not names)."""
    names: set[str] = set()
    single: set[str] = set()
    for start, end in spans:
        name = text[start:end]
        parts = [p for p in _NAME_PARTS_RE.split(name) if len(p) >= 2 and p not in not_names]
        names.update(parts if len(name) >= 2 else [])
        if len(name) >= 2:
            names.add(name)
        elif name in given_names() and name not in family_names():
            single.add(name)
    out = []
    for name in names:
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if _bounded(text, start, end, name):
                initial = _LATIN_RE.match(name) and _INITIAL_AFTER_RE.match(text, end)
                out.append((start, initial.end() if initial else end))
            start = text.find(name, start + 1)
    for name in single:
        out += _single_kanji_given(text, name)
    return out
