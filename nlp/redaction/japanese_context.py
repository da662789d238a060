"""Japanese names that what is said of them gives away, when Sudachi reads them as common words.

- Someone close, の, then a word that speaks or has an age: 娘の小雨はまだ十二歳です, 妻のまいは
  「運が…」 (a daughter's name, whatever word it is; not 娘の名前は「…」, 息子の年齢は十歳).
- A given name's reading or a listed name starting a clause, then speech or an age: まいは「…」,
  。陽菜は三歳です (not みんなは「…」, 母は八十二歳です).
- A listed surname starting a clause, said to live, die or speak: 林が生きていたら, 。林は言った;
  it is then replaced wherever it stands alone (林が始めた活動), not inside a word (森林).
- A given name's reading beside a name found, in a list: あっことゆかは (not あっことみんなは).
- A katakana name after the place one shares with the writer: 同じ寮のタンが (not 同じ寮のトイレが).
- A name in brackets after a phone number: 090-…（王） (not （携帯）); before who they are:
  ゆうき（息子） (not 弁当（母）); a child's reading before の母です (not みんなの母です).
- A given name's reading of three kana or a listed name starting a clause and doing what only a
  person does (。ゆうきが泣いた, not ひかりが差した); called at the end of a quote
  (「大丈夫だよ、ゆうき」, not 「ありがとう、みんな」).
- A full name with a space after a label: 記：朴 秀妍.
- A child's name before ちゃん, くん, or the parent called after the child: ゆいちゃんのママ,
  りおママ (not おばあちゃん, このママ); a listed kanji name in a list: 同期の奏と悠も.
"""

import re

from nlp.redaction.japanese_cues import (
    NOT_NAMES,
    _proper_noun_only,
    common_noun,
    family_names,
    given_name_readings,
    given_names,
)
from nlp.redaction.japanese_naming import ROLE_TITLES

_KANJI = r"[\u4e00-\u9fff々]"
_CLOSE = (
    "娘|息子|長男|長女|次男|次女|三男|三女|末っ子|妻|夫|孫|姪|甥|妹|弟|姉|兄|いとこ|パートナー|"
    "恋人|彼女|彼氏|婚約者|友人|友達|友だち|親友|同僚|同期|仲間|相方"
)
_NUMBER = r"[0-9０-９一二三四五六七八九十百]+"
# What a person does right after は or が: speaks (a quote opens) or has an age.
_SPEAKS_OR_AGE = rf"(?:「|(?:まだ|もう|今年|今|当時|もうすぐ)?{_NUMBER}(?:歳|才|か月|ヶ月|カ月))"
# Verbs only a person is the subject of: 生きていたら, 亡くなった, 言った, 笑った.
_PERSON_VERB = r"(?:生きて|生きる|亡くな|言っ|言い|言う|話し|笑っ|笑い|泣い|泣き|怒っ|叫ん|答え)"
_KIN_SUBJECT_RE = re.compile(
    rf"(?:{_CLOSE})の(?P<n>{_KANJI}{{1,3}}|[ぁ-ゖ]{{2,5}}|[ァ-ヶー]{{2,8}})"
    rf"(?=[はがも](?:{_SPEAKS_OR_AGE}|{_PERSON_VERB}))"
)
# Words about a person that are not their name: 娘の名前は「…」, 息子の年齢は十歳.
_NOT_A_NAME_LIST = "名前 声 言葉 返事 答え 口癖 一言 第一声 感想 意見 手紙 日記 年 年齢 月齢"
_NOT_A_NAME_LIST += " 学年 体重 身長 ほう 方 話 最初 最後 担任 主治医 先生 友達 友人 彼 彼女 夫 妻"
_NOT_A_NAME_LIST += " 子 娘 息子 誕生日 メモ メール みんな 皆 人 子ども 子供 病気 症状 命日 結婚"
_NOT_A_NAME_LIST += " 入学 さん くん ちゃん さま たち"
# ...kin and other people named by what they are, places that speak for people (娘の学校は「…」),
# and the body in idioms (目が笑っていない).
_NOT_A_NAME_LIST += (
    " 父 母 兄 姉 弟 妹 祖母 祖父 義母 義父 両親 家族 親 孫 姑 舅 嫁 婿 叔母 伯母 叔父"
)
_NOT_A_NAME_LIST += (
    " 伯父 同級生 仲間 知人 親友 恋人 相手 医者 学校 会社 病院 職場 保育園 幼稚園 目"
)
_NOT_A_NAME_LIST += " 顔 心 口 体 頭 手 足 胸 お腹 熱 咳 涙 笑顔"
_NOT_A_NAME = frozenset(_NOT_A_NAME_LIST.split())
_CLAUSE_START = r"(?:^|(?<=[。、「」！？\n]))"
_SUBJECT_RE = re.compile(
    rf"{_CLAUSE_START}(?P<n>{_KANJI}{{1,4}}|[ぁ-ゖ]{{2,5}})(?=[はが]{_SPEAKS_OR_AGE})",
    re.MULTILINE,
)
# A given name's reading of three kana or more, or a listed name of two kanji or more, starting
# a clause and doing what only a person does: 。ゆうきが泣いた (not ひかりが差した).
_SUBJECT_VERB_RE = re.compile(
    rf"{_CLAUSE_START}(?P<n>{_KANJI}{{2,4}}|[ぁ-ゖ]{{3,5}})(?=[はが]{_PERSON_VERB})", re.MULTILINE
)
# Called at the end of a quote: 「もう大丈夫だよ、ゆうき」 (not 「ありがとう、みんな」).
_VOCATIVE_END_RE = re.compile(
    rf"、(?P<n>[ぁ-ゖ]{{2,5}}|[ァ-ヶー]{{2,8}}|{_KANJI}{{1,3}})[！!？?]?」"
)
_KIN_WORDS = "娘|息子|妻|夫|母|父|長男|長女|次男|次女|孫|姉|妹|兄|弟|祖母|祖父|友人|同僚"
# A name with who they are in brackets after it: ゆうき（息子）, ミナ（妻・34歳）.
_KIN_IN_BRACKETS_RE = re.compile(
    rf"(?P<n>[ぁ-ゖ]{{2,5}}|[ァ-ヶー]{{2,8}}|{_KANJI}{{1,4}})[（(](?:{_KIN_WORDS})[）)、・,]"
)
# A parent named after their child: ゆうきの母です, さくらのママとして (a reading of three kana).
_PARENT_OF_RE = re.compile(
    r"(?:^|(?<=[^ぁ-ゖ]))(?P<n>[ぁ-ゖ]{3,5})の(?:母|父|ママ|パパ|母親|父親|親)"
    r"(?=です|でした|で、|として|は|が|と申します)",
    re.MULTILINE,
)
_SURNAME_SUBJECT_RE = re.compile(
    rf"{_CLAUSE_START}(?P<n>{_KANJI}{{1,3}})(?=[はが]{_PERSON_VERB})", re.MULTILINE
)
_PARTICLE_AFTER = "はがをにともへや、。"
# Beside a name found, in a list: [あっこ]とゆかは, ゆかと[あっこ]が.
_NEXT_KANA_RE = re.compile(r"と、?(?P<n>[ぁ-ゖ]{2,6})")
_PREVIOUS_KANA_RE = re.compile(r"(?:^|(?<=[^ぁ-ゖ\u4e00-\u9fff々]))(?P<n>[ぁ-ゖ]{2,5})と、?$")
_LIST_PARTICLES = "はがをにもと、"
# ...a listed kanji name beside it: 同期の奏と[悠]も, [健太]と陽が (not 母と[健太]).
_NEXT_KANJI_RE = re.compile(rf"と、?(?P<n>{_KANJI}{{1,3}})(?!{_KANJI})(?=[はがをにもと、])")
_PREVIOUS_KANJI_RE = re.compile(rf"(?<!{_KANJI})(?P<n>{_KANJI}{{1,3}})と、?$")
# A child's name before ちゃん, くん, or the parent named after the child: ゆいちゃんのママ,
# りおママ (not おばあちゃん, このママ).
_CHILD_RE = re.compile(
    r"(?:^|(?<=[^ぁ-ゖ])|(?<=[のとにはがもや]))(?P<n>[ぁ-ゖ]{2,5})(?=ちゃん|くん|ママ|パパ)",
    re.MULTILINE,
)
_NOT_CHILD_LIST = "ばあ じい ねえ にい かあ とう あに あね あか この その あの どの"
_NOT_CHILD = frozenset(_NOT_CHILD_LIST.split())
# The places one shares with someone: 同じ寮の, 同じ職場の.
_SHARED = "寮|部屋|職場|工場|会社|クラス|学校|施設|病室|病棟|アパート|団地|教会|グループ|チーム"
_SHARED += "|現場"
_SHARED_PLACE_RE = re.compile(
    rf"同じ(?:{_SHARED})の(?P<n>[ァ-ヶー]{{2,8}})(?=[はがをにともへで、や]|さん|ちゃん)"
)
_PHONE_THEN_NAME_RE = re.compile(
    r"[0-9０-９][0-9０-９\-‐－ ]{6,}[0-9０-９][ \u3000]?"
    rf"[（(](?P<n>{_KANJI}{{1,4}}|[ァ-ヶー・]{{2,12}})[）)]"
)
_DATE_RE = re.compile(r"[一二三四五六七八九十〇年月日]")
_LABEL = r"(?:記|文責|氏名|投稿者|記入者|筆者|作成者|署名|名前|お名前)"
_LABELLED_FULL_RE = re.compile(
    rf"{_LABEL}\s?[:：]\s?(?P<n>{_KANJI}{{1,3}}[ \u3000]{_KANJI}{{1,3}})[ \u3000]*$", re.MULTILINE
)


def _kana_name(word: str) -> bool:
    return word in given_name_readings() and word not in _NOT_A_NAME


def _listed(word: str) -> bool:
    return (word in given_names() or word in family_names()) and word not in _NOT_A_NAME


def _kin_subject(word: str) -> bool:
    """After someone close and の, any word that speaks or has an age, but a word about them."""
    if word in _NOT_A_NAME or word in ROLE_TITLES or word in NOT_NAMES:
        return False
    if re.fullmatch(r"[ぁ-ゖ]+", word):
        return word in given_name_readings()
    if re.fullmatch(r"[ァ-ヶー]+", word):
        return len(word) <= 3 or not common_noun(word)
    return True


def _called(word: str) -> bool:
    """A word called out: a given name's reading, a listed name, a katakana name Sudachi reads
    as a proper noun or does not know."""
    if re.fullmatch(r"[ぁ-ゖ]+", word):
        return _kana_name(word)
    if re.fullmatch(r"[ァ-ヶー]+", word):
        return word not in NOT_NAMES and _proper_noun_only(word)
    return _listed(word)


def _alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "。"
    return not re.match(_KANJI, before) and after in _PARTICLE_AFTER and before not in "おご"


def _surname_mentions(text: str, name: str) -> list[tuple[int, int]]:
    """A surname said of a living or dead person, wherever it stands alone at a clause start."""
    out = []
    for m in re.finditer(re.escape(name), text):
        before = text[m.start() - 1] if m.start() else "\n"
        if before in "。、「」！？\n" and _alone(text, m.start(), m.end()):
            out.append(m.span())
    return out


def _listed_kana(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        m = _NEXT_KANA_RE.match(text, end)
        # The shortest reading followed by a particle: と[ゆか]は, not ゆかは.
        for cut in range(2, len(m["n"]) + 1) if m else ():
            name, after = m["n"][:cut], text[m.start("n") + cut : m.start("n") + cut + 1]
            if after and after in _LIST_PARTICLES and _kana_name(name):
                out.append((m.start("n"), m.start("n") + cut))
                break
        m = _PREVIOUS_KANA_RE.search(text, max(0, start - 8), start)
        if m and _kana_name(m["n"]):
            out.append(m.span("n"))
        m = _NEXT_KANJI_RE.match(text, end)
        if m and _listed(m["n"]):
            out.append(m.span("n"))
        m = _PREVIOUS_KANJI_RE.search(text, max(0, start - 6), start)
        if m and _listed(m["n"]):
            out.append(m.span("n"))
    return out


def context_spans(
    text: str, found: list[tuple[int, int]], surnames: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """(start, end) of the names the cues above give away; ``found``: the names found so far;
    ``surnames``: one-kanji surnames Sudachi reads as words (王, 金)."""
    spans = [m.span("n") for m in _KIN_SUBJECT_RE.finditer(text) if _kin_subject(m["n"])]
    for m in _SUBJECT_RE.finditer(text):
        name = m["n"]
        kana = re.fullmatch(r"[ぁ-ゖ]+", name)
        if _kana_name(name) if kana else _listed(name):
            spans.append(m.span("n"))
    for m in _SUBJECT_VERB_RE.finditer(text):
        name = m["n"]
        if _kana_name(name) if re.fullmatch(r"[ぁ-ゖ]+", name) else _listed(name):
            spans.append(m.span("n"))
    for pattern in (_VOCATIVE_END_RE, _KIN_IN_BRACKETS_RE):
        spans += [m.span("n") for m in pattern.finditer(text) if _called(m["n"])]
    spans += [m.span("n") for m in _PARENT_OF_RE.finditer(text) if _kana_name(m["n"])]
    for m in _CHILD_RE.finditer(text):
        start, name = m.start("n"), m["n"]
        # 私と[みお]ちゃん, not [とみお]: a particle glued to the front is dropped first.
        if name[0] in "のとにはがもや" and _kana_name(name[1:]):
            start, name = start + 1, name[1:]
        if name not in _NOT_CHILD and not name.startswith("お") and _kana_name(name):
            spans.append((start, m.end("n")))
    for m in _SURNAME_SUBJECT_RE.finditer(text):
        if m["n"] in family_names() and m["n"] not in _NOT_A_NAME:
            spans += _surname_mentions(text, m["n"])
    spans += _listed_kana(text, found + spans)
    for m in _SHARED_PLACE_RE.finditer(text):
        word = m["n"]
        if word not in NOT_NAMES and (len(word) <= 2 or not common_noun(word)):
            spans.append(m.span("n"))
    for m in _PHONE_THEN_NAME_RE.finditer(text):
        word = m["n"]
        katakana = re.fullmatch(r"[ァ-ヶー・]+", word)
        if word in surnames or _listed(word) or (katakana and word not in NOT_NAMES):
            spans.append(m.span("n"))
    spans += [m.span("n") for m in _LABELLED_FULL_RE.finditer(text) if not _DATE_RE.search(m["n"])]
    return spans
