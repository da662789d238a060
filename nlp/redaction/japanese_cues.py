"""Japanese person names that Sudachi's tags miss, from the kanji name lists of gimei (MIT
licence, ``nlp/data/names/ja.gimei.*.txt``, built by ``scripts/build_ja_name_lists.py``):

- a surname and a given name written together, ending the run of kanji (石田美咲と申します);
- a given name that is also a word after a child or a spouse and の (娘の愛は), as 妻のさくらは
  is for kana names in ``nlp.redaction.japanese``;
- a name tagged in part: the surname before a given name that Sudachi tagged alone (or the given
  name after its surname) is added to it, and a katakana name joined by ・ (アナ・ソウザ) is
  taken whole.
"""

import functools
import re

from nlp.redaction.name_lists import NAMES_DIR

_KANJI_RUN_RE = re.compile(r"[\u4e00-\u9fff々]+")
# Children and spouses: "母の愛" (a mother's love) is a phrase, "娘の愛" a daughter.
_CLOSE = "娘|息子|長男|長女|次男|次女|三男|三女|妻|夫|孫|姪|甥|妹|弟|姉|兄|友人|友達|彼女|彼氏"
_CLOSE += "|下の子|上の子|末っ子|末の子"
_AFTER_RELATIVE_RE = re.compile(
    rf"(?:{_CLOSE})の([\u4e00-\u9fff々]{{1,3}})(?=[はがをにとのもへで、や。])"
)
# Other relatives and people close by, before a listed given name of two kanji or more (叔母の
# 和子が); a name of one kanji after them may be a word (母の愛), and so may a name after 母 or 父
# (父の未来).
_WIDE = "叔母|伯母|叔父|伯父|祖母|祖父|義母|義父|義姉|義妹|義兄|義弟|いとこ|従姉妹|従兄弟|"
_WIDE += "同僚|同期|同級生|幼なじみ|上司|先輩|後輩|親友|知人|隣人|恋人|婚約者|パートナー|主人|嫁|婿"
_AFTER_WIDE_RE = re.compile(
    rf"(?:{_WIDE})の([\u4e00-\u9fff々]{{2,3}})(?=[はがをにとのもへで、や。])"
)
# A mother or a father before a listed given name of two or three kanji that is not a word too:
# 母の和子が (not 父の未来, 母の様子).
_AFTER_PARENT_RE = re.compile(
    r"(?<![祖義叔伯])(?:母|父)の([\u4e00-\u9fff々]{2,3})(?=[はがをにとのもへで、や。])"
)
_KATAKANA_PART_RE = re.compile(r"[ァ-ヶー]{2,}")
# What joins the parts of a foreign name: マリア・サントス, ジャン＝ピエール.
_JOINERS = "・＝="
# One kana between two parts of a name: ジョアン・[ダ]・シルバ.
_ONE_KANA_PART_RE = re.compile(r"[ァ-ヶ](?=・[ァ-ヶー]{2,})")
# Introducing oneself: 私はフェルナンダです, こんにちは、エミリアです, 上田ジョアンと申します;
# a name put right: 名前は…ではなくスダラットです.
_INTRO_RE = re.compile(
    r"(?:私は|わたしは|僕は|ぼくは|名前は|名は|ではなく|じゃなくて|、|^)([ァ-ヶー・]{2,20})"
    r"(?=です|と申します|といいます|と言います|と申す|でした)",
    re.MULTILINE,
)


def _read(name: str) -> frozenset[str]:
    path = NAMES_DIR / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def given_names() -> frozenset[str]:
    return _read("ja.gimei.first.txt") | _read("ja.first.extra.txt")


@functools.cache
def given_name_readings() -> frozenset[str]:
    """The hiragana readings of given names (のぞみ, ゆかり): words too, so read after cues only."""
    return _read("ja.gimei.first.kana.txt")


@functools.cache
def family_names() -> frozenset[str]:
    return _read("ja.gimei.last.txt")


def _full_name_at_end(run: str) -> int | None:
    """The offset in ``run`` where a surname + given name ending the run starts, if any."""
    given, family = given_names(), family_names()
    for start in range(len(run) - 1):
        rest = run[start:]
        for cut in range(1, min(4, len(rest) - 1) + 1):
            surname, first = rest[:cut], rest[cut:]
            if surname in family and first in given and (len(first) >= 2 or len(surname) >= 2):
                return start
    return None


def full_name_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _KANJI_RUN_RE.finditer(text):
        start = _full_name_at_end(m.group())
        if start is not None:
            spans.append((m.start() + start, m.end()))
    return spans


def relative_name_spans(text: str) -> list[tuple[int, int]]:
    given = given_names()
    found = list(_AFTER_RELATIVE_RE.finditer(text)) + list(_AFTER_WIDE_RE.finditer(text))
    spans = [(m.start(1), m.end(1)) for m in found if m.group(1) in given]
    for m in _AFTER_PARENT_RE.finditer(text):
        if m.group(1) in given and not common_noun(m.group(1)):
            spans.append(m.span(1))
    return spans


def _morphemes(word: str) -> list:
    """Sudachi's morphemes of ``word`` (empty without SudachiPy); the questions asked of them
    below are cached by word, as the same words come back story after story."""
    from nlp.pipelines import pipeline_for

    tokenizer = getattr(pipeline_for("ja").tokenizer, "tokenizer", None)
    if tokenizer is None:
        return []
    return [m for m in tokenizer.tokenize(word.replace("・", "")) if m.surface().strip()]


@functools.lru_cache(maxsize=8192)
def _proper_noun_only(word: str) -> bool:
    """Whether Sudachi reads every part of ``word`` as a proper noun or does not know it
    (フェルナンダ, エミリア), not as a common noun (シングルマザー, ナース)."""
    parts = _morphemes(word)
    return bool(parts) and all(m.is_oov() or m.part_of_speech()[1] == "固有名詞" for m in parts)


@functools.lru_cache(maxsize=8192)
def common_noun(word: str) -> bool:
    """Whether Sudachi reads ``word`` whole as one common noun (せい, サービス)."""
    parts = _morphemes(word)
    return len(parts) == 1 and not parts[0].is_oov() and parts[0].part_of_speech()[1] == "普通名詞"


def _loanword_compound(word: str) -> bool:
    """デイサービス: two common nouns Sudachi knows (デイ + サービス), written as one word, one
    of four kana or more (short ones are found inside names too: サン + ギータ, デラ + クルス)."""
    return any(
        max(cut, len(word) - cut) >= 4 and common_noun(word[:cut]) and common_noun(word[cut:])
        for cut in range(2, len(word) - 1)
    )


@functools.lru_cache(maxsize=8192)
def unknown_to_sudachi(word: str) -> bool:
    """Whether Sudachi's dictionary knows no part of ``word`` (トゥアン, デラクルス), nor the
    common nouns it is made of (デイサービス)."""
    parts = _morphemes(word)
    return bool(parts) and all(m.is_oov() for m in parts) and not _loanword_compound(word)


def intro_name_spans(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(1), m.end(1)) for m in _INTRO_RE.finditer(text) if _proper_noun_only(m.group(1))
    ]


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    given, family = given_names(), family_names()
    name = text[start:end]
    # The surname before a given name tagged alone: 石田 + [美咲].
    if name in given:
        for cut in range(4, 0, -1):
            if start - cut >= 0 and text[start - cut : start] in family:
                start -= cut
                break
    # The given name after a surname tagged alone, when the kanji stop there: [石田] + 美咲.
    elif name in family:
        run = _KANJI_RUN_RE.match(text, end)
        if run and run.group() in given:
            end = run.end()
    # A kanji surname and a katakana given name: [大野]レナータ, [川村]ミチ; not a word after a
    # surname (山本クリニック).
    if text[start:end] in family:
        part = _KATAKANA_PART_RE.match(text, end)
        if part and not common_noun(part.group()):
            end = part.end()
    # A katakana name joined by ・ or ＝: アナ・[ソウザ], [マリア]・サントス, ジャン＝[ピエール].
    while start >= 2 and text[start - 1] in _JOINERS:
        part = re.search(r"[ァ-ヶー]{2,}$", text[: start - 1])
        if not part:
            break
        start = part.start()
    while end < len(text) - 1 and text[end] in _JOINERS:
        part = _KATAKANA_PART_RE.match(text, end + 1) or _ONE_KANA_PART_RE.match(text, end + 1)
        if not part:
            break
        end = part.end()
    return start, end


def widen_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each name span with the rest of the name around it (surname, given name, katakana)."""
    return [_widen(text, s, e) for s, e in spans]


# Words Sudachi tags as person names that are not people here: diseases named after a person,
# and "マイナ" (short for マイナンバー, the My Number card).
NOT_NAMES = frozenset(
    [
        "アルツハイマー",
        "パーキンソン",
        "バセドウ",
        "クローン",
        "ダウン",
        "ハンチントン",
        "マイナ",
        "マイナンバー",
        # Roles called with an honorific: ヘルパーさん, スタッフさん.
        *[
            "ヘルパー",
            "スタッフ",
            "ケアマネ",
            "ナース",
            "ドクター",
            "ママ",
            "パパ",
            "ボランティア",
            "ワーカー",
            "パート",
            "バイト",
        ],
        *[
            "ケースワーカー",
            "ソーシャルワーカー",
            "カウンセラー",
            "セラピスト",
            "ドライバー",
            "リーダー",
        ],
    ]
)
