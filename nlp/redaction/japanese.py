"""Japanese person names, from Sudachi's part-of-speech tags and the honorifics after a name.

The ``ja`` pipeline's tokenizer is SudachiPy (``nlp.pipelines``); its tags say when a token is a
person's surname or given name (名詞-固有名詞-人名-姓/名). Runs of such tokens are one name
("佐藤" + "健太"). A proper noun or katakana word right before an honorific (さん, 様, 先生, くん,
ちゃん, 医師, 看護師, 氏...) is a name too ("ケンタくん"); the honorific itself stays readable.
Without SudachiPy, the regular expression ``JA_NAME_RE`` of ``nlp.redaction.names`` stands in.
"""

import re

from nlp.pipelines import pipeline_for
from nlp.redaction.japanese_context import context_spans
from nlp.redaction.japanese_cues import (
    NOT_NAMES,
    common_noun,
    full_name_spans,
    given_name_readings,
    intro_name_spans,
    relative_name_spans,
    unknown_to_sudachi,
    widen_spans,
)
from nlp.redaction.japanese_forms import (
    hangul_spans,
    latin_name_spans,
    mention_spans,
    not_a_name,
    reading_spans,
    romaji_spans,
    vietnamese_surname_spans,
)
from nlp.redaction.japanese_naming import ROLE_TITLES, naming_spans
from nlp.redaction.japanese_signoff import signoff_spans

_HONORIFICS = (
    "さん 様 さま 先生 せんせい くん 君 ちゃん 医師 看護師 氏 殿 先輩 師長 院長 教授 婦長 女史"
)
HONORIFICS = frozenset(_HONORIFICS.split())
# The honorifics said after a person's own name, not after a role (ベテラン看護師).
_PERSONAL_HONORIFICS = frozenset(["さん", "様", "さま", "くん", "君", "ちゃん", "氏", "殿"])
_KATAKANA_RE = re.compile(r"^[ァ-ヶー]+$")
_HAS_JA_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _is_person(tag: str) -> bool:
    return "人名" in tag


# Relatives and roles whose name follows "の": 妻のさくらは, 友だちのひかりが.
_RELATIVES = "妻 夫 娘 息子 友だち 友達 友人 姉 妹 兄 弟 孫 母 父"
_RELATIVES += " 彼女 彼氏 パートナー 通訳 担当 主治医"
_RELATIVES += " 同僚 仲間 先輩 後輩 同級生 上司 部下 知人 親友 恋人 婚約者 隣人 祖母 祖父 義母 義父"
_RELATIVES += " 叔母 伯母 叔父 伯父 いとこ 姪 甥 実習生 技能実習生 ルームメイト ヘルパー 介護士"
_RELATIVES += " 姑 舅 義姉 義妹 義兄 義弟 嫁 婿 長男 長女 次男 次女 主人 家内"
RELATIVES = frozenset(_RELATIVES.split())
_PARTICLE_LIST = "は が を に と の も へ で 、 や"
_PARTICLES = frozenset(_PARTICLE_LIST.split())
_KANA_RE = re.compile(r"^[ぁ-んァ-ヶー]{2,}$")
_NAME_DOT = "・"
_KIN_AFTER_NAME_LIST = "ばあちゃん ばあ じいちゃん じい ばあさん じいさん 婆 爺"
_KIN_AFTER_NAME = frozenset(_KIN_AFTER_NAME_LIST.split())
# Kana nouns that follow "母の" or "妻の" without being names.
_KANA_NOUN_LIST = "ため こと もの ところ ほう とき うち よう わけ はず あと まま かわり"
# ...and the kin words said after a name: トメばあちゃん, ケン兄ちゃん.
_KANA_NOUN_LIST += " ばあ じい ばば じじ ねえ にい せい もと"
_TWO_KATAKANA_RE = re.compile(r"^[アイウエオカ-ヂツ-モヤユヨラ-ロワヲン]{2}$")
_KANA_NOUNS = frozenset(_KANA_NOUN_LIST.split())


# One-character surnames (Korean, Chinese and Japanese) that Sudachi reads as common nouns
# ("金" is money): a name only right before an honorific ("金先生").
ONE_KANJI_SURNAMES = frozenset(
    [
        "金",
        "李",
        "朴",
        "崔",
        "鄭",
        "張",
        "王",
        "林",
        "陳",
        "劉",
        "黄",
        "呉",
        "趙",
        "姜",
        "尹",
        "森",
        "原",
        "辻",
        "関",
        "堀",
        "東",
        "南",
    ]
)
# The last line, signed with a role and a name in kanji with its reading: "看護師　愛（あい）".
_SIGNED_READING_RE = re.compile(
    r"(?:^|\n)[^\n]{0,12}?[\s\u3000]([\u4e00-\u9fff]{1,4})（[ぁ-ゖァ-ヶー]{1,10}）\s*$"
)


def _is_name_like(token) -> bool:
    """A token that can be a name when an honorific follows it (surnames are often tagged as
    place names: 石田, 岡本)."""
    tag = token.tag_
    if "固有名詞" in tag:
        return True
    return bool(_KATAKANA_RE.match(token.text)) and tag.startswith("名詞")


def _name_part(doc, j: int) -> bool:
    """A part of a name joined by ・ (グエン・[ティ]・ラン), not one kana of a word spelled out;
    one kana only between two parts (ジョアン・[ダ]・シルバ)."""
    token = doc[j]
    if len(token.text) == 1:
        return j + 2 < len(doc) and doc[j + 1].text == _NAME_DOT and len(doc[j + 2].text) >= 2
    return _is_name_like(token)


_HIRAGANA_AFTER_RELATIVE_RE = re.compile(
    rf"(?:{'|'.join(sorted(RELATIVES, key=len, reverse=True))})の(?P<n>[ぁ-ゖー]{{2,8}})"
)


def _split_reading_after_relative(text: str) -> list[tuple[int, int]]:
    """長女の[こはる]は: a given name's reading after a relative and の, that Sudachi cut into
    other words (こ + はる), followed by a particle; three kana or more (two are often a word
    written in kana: 息子のかおが), not a word Sudachi knows whole."""
    out = []
    for m in _HIRAGANA_AFTER_RELATIVE_RE.finditer(text):
        run, start = m["n"], m.start("n")
        for end in range(len(run), 2, -1):
            name = run[:end]
            after = text[start + end : start + end + 1]
            if after and after in _PARTICLES and name in given_name_readings():
                if name not in _KANA_NOUNS and not common_noun(name):
                    out.append((start, start + end))
                break
    return out


def _titled_name(token, title: str) -> bool:
    """A word before an honorific or a title that can be a name: before a title of a role, not
    a katakana word Sudachi knows as a common noun (ベテラン看護師), unless an old two-katakana
    name; before さん or ちゃん, any (パールさん, ジャスミンさん: names that are words)."""
    if not _is_name_like(token):
        return False
    if title in _PERSONAL_HONORIFICS or "固有名詞" in token.tag_:
        return True
    if not _KATAKANA_RE.match(token.text):
        return True
    return bool(_TWO_KATAKANA_RE.match(token.text)) or not common_noun(token.text)


# A name with the old polite お before it: おハルさん, おきよさん (not おばあさん, おかみさん).
_PREFIXED_NAME_RE = re.compile(
    r"(?<![ぁ-ゖァ-ヶー])お(?P<n>[ぁ-ゖ]{2,3}|[ァ-ヶー]{2,3})(?=さん|ちゃん)"
)
_NOT_AFTER_O = frozenset(
    ["ばあ", "じい", "かあ", "とう", "ねえ", "にい", "かみ", "となり", "まわり"]
)


def _prefixed_name_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PREFIXED_NAME_RE.finditer(text):
        name = m["n"]
        katakana = _KATAKANA_RE.match(name)
        if name not in _NOT_AFTER_O and (katakana or name in given_name_readings()):
            out.append(m.span("n"))
    return out


def _after_role(text: str, start: int, end: int) -> tuple[int, int]:
    """孫・[彩花], 父・[正男]: a relative or a role joined to a name by ・ is not part of it."""
    head, dot, rest = text[start:end].partition(_NAME_DOT)
    if dot and len(rest) >= 2 and (head in RELATIVES or head in ROLE_TITLES):
        return start + len(head) + 1, end
    return start, end


def _unknown_katakana_after_no(doc, i: int) -> bool:
    """同じ寮の[トゥアン]が: a katakana word Sudachi does not know at all, between の and a
    particle (the words it knows, loanwords too, are in its dictionary)."""
    if i < 1 or i + 1 >= len(doc) or doc[i - 1].text != "の":
        return False
    word = doc[i].text
    if len(word) < 2 or not _KATAKANA_RE.match(word) or doc[i + 1].text not in _PARTICLES:
        return False
    return word not in NOT_NAMES and unknown_to_sudachi(word)


def _unknown_katakana_before_kin(doc, i: int) -> bool:
    """[ミンジュン]の母です, [トメ]ばあちゃん: a katakana word Sudachi does not know, or reads as
    a common noun, before a relative named after it."""
    if i + 2 >= len(doc) or not _KATAKANA_RE.match(doc[i].text) or len(doc[i].text) < 2:
        return False
    word = doc[i].text
    kin_after = doc[i + 1].text in _KIN_AFTER_NAME
    if doc[i + 1].text == "の" and doc[i + 2].text in RELATIVES:
        return word not in NOT_NAMES and unknown_to_sudachi(word)
    return kin_after and word not in NOT_NAMES and doc[i].tag_.startswith("名詞")


def _reading_split(doc, i: int) -> int:
    """ゆう + と + が: the tokens of a given name's reading that Sudachi cut in two (ゆうと),
    followed by a particle or an honorific (ゆいとくん); how many tokens the name takes (1 when it
    was not cut)."""
    if i + 2 >= len(doc) or not (doc[i + 2].text in _PARTICLES or doc[i + 2].text in HONORIFICS):
        return 1
    joined = doc[i].text + doc[i + 1].text
    return 2 if joined in given_name_readings() and _KANA_RE.match(joined) else 1


def _kana_before_honorific(doc, i: int) -> bool:
    """[あかり]ちゃん, [ひなた]くん: a kana common noun right before an honorific, without the
    polite prefix of a kinship word (お[ばあ]さん) and not an adverbial noun (みなさん)."""
    if i < 1 or doc[i].text not in HONORIFICS:
        return False
    token = doc[i - 1]
    # お[ばあ]さん, and おかみさん, おまわりさん read as one word (おハルさん: see
    # _prefixed_name_spans).
    prefixed = (i >= 2 and doc[i - 2].tag_.startswith("接頭辞")) or doc[i - 1].text[0] == "お"
    common = token.tag_ == "名詞-普通名詞-一般" and token.text not in _KANA_NOUNS
    # A katakana word only when it can be a name (not ベテラン看護師).
    katakana = _KATAKANA_RE.match(token.text)
    return (
        bool(_KANA_RE.match(token.text))
        and common
        and not prefixed
        and (not katakana or _titled_name(token, doc[i].text))
    )


def _after_relative(doc, i: int) -> bool:
    """妻の[さくら]は: a kana noun between a relative + の and a particle, when it is a given
    name's reading (さくら, or たくみ that Sudachi reads as 巧み) or a katakana word Sudachi
    does not know as a common noun (ロサ); not 母のおかげで, 母のリハビリが."""
    if i < 2 or i + 1 >= len(doc) or doc[i - 1].text != "の":
        return False
    token = doc[i]
    noun = (
        token.tag_.startswith("名詞")
        and "副詞可能" not in token.tag_
        and token.text not in _KANA_NOUNS
    )
    reading = token.text in given_name_readings()
    foreign = _KATAKANA_RE.match(token.text) and (
        "固有名詞" in token.tag_ or unknown_to_sudachi(token.text)
    )
    # An old name in two katakana (ツル, トメ) that Sudachi reads as a common noun (鶴).
    old_name = _TWO_KATAKANA_RE.match(token.text) and token.tag_ == "名詞-普通名詞-一般"
    misread = not token.tag_.startswith("名詞") and reading
    # A reading of two kana that Sudachi knows as a noun is often that noun (息子のかおが: 顔).
    long_reading = reading and (len(token.text) >= 3 or "普通名詞" not in token.tag_)
    named = noun and (foreign or old_name or long_reading)
    kana = bool(_KANA_RE.match(token.text)) and (named or misread)
    return kana and doc[i - 2].text in RELATIVES and doc[i + 1].text in _PARTICLES


# A list of people joined by と, や or 、, one of them a name found:
# 私と、アニタと、ベトナムのフォンと、フィリピンのジョイです (an origin before a name: ベトナムの).
_JOIN = r"(?:と、?|や|、(?:それに|そして)?)"
_ORIGIN = r"(?:[\u4e00-\u9fffァ-ヶー]{1,6}の)?"
_NEXT_IN_LIST_RE = re.compile(
    rf"{_JOIN}{_ORIGIN}(?P<n>[ァ-ヶー・]{{2,12}})(?=[とや、はがをにもで。]|です|でした)"
)
# ...and a name before it after an origin: フィリピン出身の[アナ]と[グレース].
_AFTER_ORIGIN = r"(?<=出身の)|(?<=人の)"
_PREVIOUS_IN_LIST_RE = re.compile(
    rf"(?:^|[、はにもと]|{_AFTER_ORIGIN})(?P<n>[ァ-ヶー・]{{2,12}}){_JOIN}{_ORIGIN}$"
)


def _listed_beside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        if not _KATAKANA_RE.match(text[start:end]):
            continue
        cursor = end
        while m := _NEXT_IN_LIST_RE.match(text, cursor):
            if m["n"] in NOT_NAMES:
                break
            out.append(m.span("n"))
            cursor = m.end("n")
        m = _PREVIOUS_IN_LIST_RE.search(text, max(0, start - 20), start)
        if m and m["n"] not in NOT_NAMES:
            out.append(m.span("n"))
    return out


# An old name in two or three katakana before the kin word after it: カマドおばあ, ウシばあちゃん
# (not スーパーおばあちゃん: no long vowel mark).
_OLD_NAME_BEFORE_KIN_RE = re.compile(r"(?<![ァ-ヶー])(?P<n>[ァ-ヶ]{2,3})(?=お?(?:ばあ|じい)|婆|爺)")


def _old_name_spans(text: str) -> list[tuple[int, int]]:
    return [m.span("n") for m in _OLD_NAME_BEFORE_KIN_RE.finditer(text) if m["n"] not in NOT_NAMES]


# A Chinese or Korean surname of one kanji that Sudachi tags, and the given name of one or two
# kanji after it that it does not (張 + 偉): the run of kanji ends there, and is no word (金先生).
_GIVEN_AFTER_SURNAME_RE = re.compile(r"[\u4e00-\u9fff々]{1,2}(?![\u4e00-\u9fff々])")


def _with_given_name(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        m = _GIVEN_AFTER_SURNAME_RE.match(text, end)
        if end - start == 1 and text[start] in ONE_KANJI_SURNAMES and m:
            given = m.group()
            if given not in HONORIFICS and given not in ROLE_TITLES and not common_noun(given):
                end = m.end()
        out.append((start, end))
    return out


def sudachi_available() -> bool:
    return pipeline_for("ja").lang == "ja"


def ja_person_spans(text: str, doc=None) -> list[tuple[int, int]]:
    """(start, end) of each Japanese person name in ``text`` (empty without SudachiPy); ``doc``:
    the Japanese pipeline's Doc of ``text`` where the caller has it (else it is made here)."""
    if not _HAS_JA_RE.search(text) or not sudachi_available():
        return []
    if doc is None:
        doc = pipeline_for("ja").make_doc(text)
    spans: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        if _is_person(token.tag_) and not_a_name(text, token.idx, token.idx + len(token.text)):
            i += 1
            continue
        if _is_person(token.tag_):
            j = i + 1
            while j < n and (
                _is_person(doc[j].tag_)
                or (doc[j].text == _NAME_DOT and j + 1 < n and _name_part(doc, j + 1))
                or (doc[j - 1].text == _NAME_DOT and _name_part(doc, j))
            ):
                j += 1
            if j == i + 1 and _reading_split(doc, i) == 2:
                j += 1
            spans.append((token.idx, doc[j - 1].idx + len(doc[j - 1].text)))
            i = j
            continue
        if (
            _after_relative(doc, i)
            or _unknown_katakana_after_no(doc, i)
            or _unknown_katakana_before_kin(doc, i)
        ):
            spans.append((token.idx, token.idx + len(token.text)))
        elif _kana_before_honorific(doc, i):
            spans.append((doc[i - 1].idx, doc[i - 1].idx + len(doc[i - 1].text)))
        elif token.text in HONORIFICS and i > 0 and doc[i - 1].text in ONE_KANJI_SURNAMES:
            spans.append((doc[i - 1].idx, doc[i - 1].idx + 1))
        elif token.text in HONORIFICS and i > 0 and _titled_name(doc[i - 1], token.text):
            k = i - 1
            while k > 0 and (_is_name_like(doc[k - 1]) or doc[k - 1].text == _NAME_DOT):
                k -= 1
            spans.append((doc[k].idx, doc[i - 1].idx + len(doc[i - 1].text)))
        i += 1
    spans += [(m.start(1), m.end(1)) for m in _SIGNED_READING_RE.finditer(text)]
    spans += full_name_spans(text) + relative_name_spans(text) + intro_name_spans(text)
    spans += naming_spans(text) + signoff_spans(text) + romaji_spans(text) + hangul_spans(text)
    spans += vietnamese_surname_spans(text) + _split_reading_after_relative(text)
    spans += context_spans(text, spans, ONE_KANJI_SURNAMES)
    spans = [(a, b) for a, b in spans if text[a:b] not in NOT_NAMES and not not_a_name(text, a, b)]
    spans += _listed_beside(text, spans)
    spans += _prefixed_name_spans(text) + _old_name_spans(text) + latin_name_spans(text)
    spans = _with_given_name(text, spans)
    spans = [_after_role(text, a, b) for a, b in reading_spans(text, widen_spans(text, spans))]
    return spans + mention_spans(text, spans, NOT_NAMES)
