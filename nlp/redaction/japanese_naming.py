"""Japanese names that the words around them give away, when Sudachi reads them as common words.

- A name before the words that name someone: のぞみと言ってもらえれば分かります, ゆかりんと呼ばれて
  います, ケンちゃんって呼んでいた, さくらという名前, 木下と名乗る.
- A name before a pseudonym mark: さくら（仮名）.
- A surname or a given name of the kanji lists (``nlp.redaction.japanese_cues``) before an
  honorific or a title of rank: 岡田係長, 林さん, 西村部長, 葵ちゃん. A name of one kanji counts
  only when it ends the run of kanji (大林さん is not 林さん), and a given name of one kanji only
  before ちゃん or くん (兄さん is a brother).
"""

import re

from nlp.redaction.japanese_cues import (
    _morphemes,
    _proper_noun_only,
    family_names,
    given_name_readings,
    given_names,
)

_KANA = r"[ぁ-ゖァ-ヶー・]"
_KANJI = r"[\u4e00-\u9fff々]"
_NAMING = (
    r"(?:と|って)(?:呼ば|呼んで|呼ぶ|呼び|呼ん|言ってもらえれば|言っていただければ|言えば分か|"
    r"伝えてください|お伝えください|名乗)|という名前(?!の)|っていう名前(?!の)|と申します"
)
_HONORIFIC = r"ちゃん|くん|さん|様|さま|先生|氏|君|女史"
_NAMING_RE = re.compile(
    rf"(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,6}})(?:{_HONORIFIC})?[」』]?(?={_NAMING})"
)
# A katakana word said to be a name is one, even one Sudachi knows as a word: 『ミナ』という名前.
_NAMED_RE = re.compile(
    r"(?P<n>[ァ-ヶー・]{2,12})[」』]?(?=という名前(?!の)|っていう名前(?!の)|と申します|と名乗)"
)
# A nickname explained, a maiden name: よっちゃんというのは…あだ名です,
# 旧姓は佐々木、今はグェンです.
_NICKNAME_RE = re.compile(
    rf"(?<![ぁ-ゖァ-ヶー])(?P<n>{_KANA}{{2,8}}?)(?:ちゃん|くん|さん)?(?:というのは|っていうのは)"
    r"[^。\n]{0,30}"
    r"(?:あだ名|ニックネーム|愛称|呼び名)"
    rf"|旧姓は「?(?P<m>{_KANJI}{{1,4}}|{_KANA}{{2,10}})」?、(?:今|いま)は(?P<t>[ァ-ヶー・]{{2,12}}|{_KANJI}{{1,4}})(?=です)"
)
# A name said of a person: 千葉という年配の男性, 山内さんというおばあさん (a listed kanji name, or
# katakana Sudachi reads as a proper noun or does not know).
_SAID_OF_PERSON_RE = re.compile(
    rf"(?<![\u4e00-\u9fff々])(?P<n>{_KANJI}{{1,4}}|[ァ-ヶー・]{{2,12}})(?:さん|先生)?という"
    r"(?:[^。、\n]{0,8}の)?(?:男性|女性|男の人|女の人|医師|医者|先生|看護師|人|方|子|おばあさん|"
    r"おじいさん|患者|通訳)"
)
_AGE = r"[0-9０-９一二三四五六七八九十]+(?:歳|才|代)"
# A pseudonym mark or an age after the name: さくら（仮名）, ゆず（32歳・会社員）, みさき、34歳.
_PSEUDONYM_RE = re.compile(
    rf"(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,6}})(?=[（(](?:仮名?|{_AGE})|、{_AGE})"
)
# A self-introduction in kana after a greeting or 私は: はじめまして、しおりです.
_INTRO_RE = re.compile(
    rf"(?:^|\n|[。、]|私は|わたしは|名前は)(?P<n>{_KANA}{{2,10}})"
    rf"(?=です|と(?:いい|言い|申し)ます|っていいます)",
    re.MULTILINE,
)
# A self-introduction by role or after a greeting, with a listed kanji name: 看護師をしている望です,
# はじめまして、恵です (a word such as 元気 is not listed alone: 私は元気です is left).
_ROLE_INTRO_RE = re.compile(
    rf"(?:を(?:して|やって)(?:い)?る|で働いている|(?:はじめまして|初めまして)、)(?P<n>{_KANJI}{{1,4}})"
    rf"(?=です|と(?:いい|言い|申し)ます)"
)
# After a label or a sign-off: ペンネーム：ゆず, 投稿者：河野, ゆずより (the last line).
_LABELLED_RE = re.compile(
    rf"(?:ペンネーム|ハンドルネーム|ニックネーム|呼び名|あだ名|氏名|投稿者|仮名|お名前|名前|文責|"
    rf"記入者|筆者|作成者|送信者|署名|旧姓|通名|本名)\s?[:：]\s?"
    rf"(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,6}})"
    rf"|(?:^|\n)[—―ー\-\s]*(?P<s>{_KANA}{{2,10}}|{_KANJI}{{1,6}})より\s*$"
    rf"|(?:^|\n)[—―\-]{{1,3}}\s*(?P<d>{_KANA}{{2,10}})\s*$"
    # The last line, a role and a foreign name written with ・: 代表　スニタ・グルン.
    rf"|(?:^|\n)[^\n]{{1,8}}[ \u3000]+(?P<r>[ァ-ヶー]{{2,8}}・[ァ-ヶー]{{2,8}})\s*$"
    # The last line, a full name in kanji with a space between its parts: 山田　花子.
    rf"|\n(?P<f>{_KANJI}{{1,3}}[ \u3000]{_KANJI}{{1,3}})\s*$"
    # The last line after a finished sentence, a kana name or a listed kanji name: 。\nはるか.
    rf"|[。！!]\s*\n+(?P<k>{_KANA}{{2,10}}|{_KANJI}{{1,4}})(?<!より)\s*$"
)
# A role, then a listed surname that Sudachi reads as a place or a word: 受付の小川が, 看護師の森.
_ROLE_WORDS = (
    r"看護師|医師|医者|先生|主治医|担当医|担当|受付|助産師|保健師|薬剤師|通訳|上司|同僚|院長|師長|"
    r"婦長|ドクター|ケアマネ|ヘルパー|事務|職員|スタッフ|相談員|ワーカー|介護士|技師|教授"
)
_ROLE_NAME_RE = re.compile(
    rf"(?:{_ROLE_WORDS})の(?P<n>{_KANJI}{{1,4}})(?=[はがをにとのもへで、や。」）]|$)"
)
_RANKS = (
    r"係長|部長|課長|主任|所長|社長|店長|医長|科長|室長|副院長|院長|師長|助産師|保健師|薬剤師|"
    r"介護士|弁護士|牧師|教諭|教授|准教授|ドクター|夫人|看護師|医師|先輩"
)
# A name quoted or bracketed where only a name goes: 名前は「さくら」, 私（ゆみ）は; a name called
# at the start of a quote: 「ゆうき、大丈夫？」.
_QUOTED_RE = re.compile(
    rf"(?:名前は|名前が|名札に|名札には)「(?P<q>{_KANA}{{1,10}}|{_KANJI}{{1,6}})」"
    rf"|(?:私|わたし|僕|ぼく|母|父|夫|妻|娘|息子)[（(](?P<b>{_KANA}{{2,10}}|{_KANJI}{{1,6}})[）)]"
)
_VOCATIVE_RE = re.compile(rf"「(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,6}})、")
# Someone's origin, then a katakana name that Sudachi reads as a proper noun or does not know:
# 日系人のエリカ, ネパール出身のスニタ, ミャンマーから来たスー, 友達のThuy.
_ORIGIN_RE = re.compile(
    r"(?:人|出身|系)の(?P<n>[ァ-ヶー・]{2,12})(?=[はがをにとのもへで、や。]|さん|ちゃん)"
    r"|から来た(?P<k>[ァ-ヶー・]{2,12})(?=[はがをにとのもへで、や。]|さん|ちゃん)"
)
_LATIN_AFTER_RELATIVE_RE = re.compile(
    r"(?:妻|夫|娘|息子|友達|友だち|友人|同僚|通訳|姉|妹|兄|弟|母|父|孫|彼女|彼氏|パートナー)の"
    r"(?P<n>[A-Z][a-zà-ÿ]+(?:[ \u3000][A-Z][a-zà-ÿ]+){0,2})"
)
# A role said to be someone: 責任者は沢村でした, 担当は藤井です (a name Sudachi tags, or listed).
_ROLE_IS_RE = re.compile(
    rf"(?:{_ROLE_WORDS}|責任者|担当者)は(?P<n>{_KANJI}{{1,4}})(?=でした|です|さん|先生)"
)
# A Latin title before a Japanese name: Dr. 村上, Dr.ヤマダ.
_LATIN_TITLE_RE = re.compile(
    r"(?<![A-Za-z])(?:Dr|Prof|Mr|Mrs|Ms)\.?[ \u3000]?"
    r"(?P<n>[\u4e00-\u9fff々]{1,4}|[ァ-ヶー・]{2,12})"
)
# Every role and rank above, as words (保健師: 保 + a given name 健師 is a role, not a name).
ROLE_TITLES = frozenset(f"{_ROLE_WORDS}|{_RANKS}".split("|"))
_TITLED_RE = re.compile(rf"(?P<n>{_KANJI}{{1,8}}?)(?P<t>{_RANKS}|{_HONORIFIC})")
# A surname with its honorific on the next line or after a space: 担当の西川\n先生, 吉川 先生.
_SPACED_TITLE_RE = re.compile(
    rf"(?<![\u4e00-\u9fff々])(?P<n>{_KANJI}{{1,4}})[ \u3000]*\n?[ \u3000]*(?<=[\s\u3000])"
    r"(?=先生|さん|様|氏|医師|女史|院長|看護師)"
)
# A name given as someone's other name: 通名は金山、本名は…, 旧姓は「大村」です (a listed kanji
# name or one Sudachi reads as a proper noun; a katakana name).
_OTHER_NAME_RE = re.compile(
    rf"(?:通名|本名|旧姓|名字|苗字|戸籍名|日本名|通称)は「?(?P<n>{_KANJI}{{1,4}}|[ァ-ヶー・]{{2,12}})」?"
    r"(?=[、。）)]|です|でした|で[、。])"
)
# A name quoted before the words of going by it: 「あおい」で通っています.
_KNOWN_AS_RE = re.compile(
    rf"「(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,6}})(?:{_HONORIFIC})?」(?=で通っ|で通し|で通る)"
)
_KIN_CHARACTERS = "兄 姉 母 父 婆 爺 妹 弟 娘 嫁 孫 坊 奥 皆 叔 伯"
_KIN = frozenset(_KIN_CHARACTERS.split())
_NICKNAME_END_RE = re.compile(r"(?:りん|っち|たん|ちん|ぴょん|ぽん|にゃん|ん)$")
# Katakana to hiragana (タカ: たか), to read a given name against the readings.
_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
# Kana words that name a role or a relative, not a person.
_KANA_WORDS = "みんな あなた わたし あたし ぼく おれ ママ パパ せんせい ナース ドクター ヘルパー"
_KANA_NOT_NAMES = frozenset(_KANA_WORDS.split())


def _trim_kana(text: str, start: int, end: int) -> int:
    """The start of the name in a kana run, past a particle glued to its front."""
    run = text[start:end]
    after_word = start > 0 and re.match(rf"{_KANJI}|[ァ-ヶ]", text[start - 1])
    inner = re.match(r"^.*(?:には|では|とは|からは|のは|にも)", run)
    if inner and len(run) - inner.end() >= 2:
        return start + inner.end()
    if after_word and run[0] in "はがをにもへとで" and len(run) >= 3:
        return start + 1
    return start


def _known_kanji_end(run: str, *, single_given: bool) -> int | None:
    """The offset in ``run`` where a surname or a given name ending it starts."""
    given, family = given_names(), family_names()
    for cut in range(min(len(run), 4), 0, -1):
        part = run[-cut:]
        if cut == 1 and cut < len(run):
            return None  # one kanji in the middle of a word: 大[林]
        if part in family or (part in given and (cut > 1 or single_given)):
            if cut == 1 and part in _KIN:
                return None
            return len(run) - cut
    return None


def _kana_or_listed(text: str, m: re.Match, group: str = "n") -> tuple[int, int] | None:
    start, end = m.start(group), m.end(group)
    value = text[start:end]
    if re.fullmatch(f"{_KANA}+", value):
        honorific = re.search(r"(?:さん|ちゃん|くん|さま)$", value)
        end -= len(honorific.group()) if honorific else 0
        if end - start < 2:
            return None
        start = _trim_kana(text, start, end)
        name = text[start:end]
        # おばあさん, おかあさん: a polite prefix starts a kinship word.
        if len(name) < 2 or name.startswith("お") or name in _KANA_NOT_NAMES:
            return None
        # A reading of a given name (のぞみ), or a word Sudachi reads as a proper noun or does not
        # know (ゆかりん); not a common word (「ガイジン」と呼ばれた, うつと呼ばれる状態).
        # A nickname ends in ん, りん, っち, たん... after the reading: ゆかりん, まりっち.
        base = _NICKNAME_END_RE.sub("", name)
        readings = given_name_readings()
        # A given name written in katakana is read as its hiragana (タカ: たか).
        hiragana = base.translate(_TO_HIRAGANA)
        listed = (name in readings or base in readings) and _noun_or_unknown(base)
        listed = listed or (hiragana != base and hiragana in readings)
        return (start, end) if listed or _proper_noun_only(name) else None
    cut = _known_kanji_end(value, single_given=True)
    return (start + cut, end) if cut is not None else None


def _noun_or_unknown(word: str) -> bool:
    """Whether Sudachi reads ``word`` as nouns or does not know it (しおり, not そう or ここ)."""
    parts = _morphemes(word)
    return bool(parts) and all(m.is_oov() or m.part_of_speech()[0] == "名詞" for m in parts)


def _labelled_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _LABELLED_RE.finditer(text):
        group = next(g for g in ("n", "s", "d", "r", "f", "k") if m.group(g))
        start, end = m.start(group), m.end(group)
        value = m.group(group)
        # 記入者：孫・彩花: a relative or a role before ・, the name after it (found by its tag).
        if group == "n" and (value in _KIN or value in ROLE_TITLES or text[end : end + 1] == "・"):
            continue
        if group == "k" and re.fullmatch(f"{_KANA}+", value):
            # A kana word alone on the last line: a given name's reading even if a word (はるか).
            found = _kana_or_listed(text, m, group)
            if found:
                start, end = found
            elif value not in given_name_readings():
                continue
        elif group == "k":
            if value not in family_names() and not _proper_noun_only(value):
                continue
        elif group in ("s", "d") and re.fullmatch(f"{_KANA}+", value):
            found = _kana_or_listed(text, m, group)
            if not found:
                continue
            start, end = found
        spans.append((start, end))
    return spans


def _context_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _QUOTED_RE.finditer(text):
        found = _kana_or_listed(text, m, "q" if m.group("q") else "b")
        if found:
            spans.append(found)
    for m in _VOCATIVE_RE.finditer(text):
        found = _kana_or_listed(text, m)
        if found:
            spans.append(found)
    for m in _ORIGIN_RE.finditer(text):
        group = "n" if m.group("n") else "k"
        if m.group(group) not in _KANA_NOT_NAMES and _proper_noun_only(m.group(group)):
            spans.append((m.start(group), m.end(group)))
    spans += [(m.start("n"), m.end("n")) for m in _LATIN_AFTER_RELATIVE_RE.finditer(text)]
    family = family_names()
    spans += [(m.start("n"), m.end("n")) for m in _ROLE_NAME_RE.finditer(text) if m["n"] in family]
    spans += [
        (m.start("n"), m.end("n"))
        for m in _ROLE_IS_RE.finditer(text)
        if m["n"] in family or _proper_noun_only(m["n"])
    ]
    spans += [(m.start("n"), m.end("n")) for m in _LATIN_TITLE_RE.finditer(text)]
    return spans


def naming_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names found by the cues above."""
    spans = _labelled_spans(text) + _context_spans(text)
    for pattern in (_NAMING_RE, _PSEUDONYM_RE, _INTRO_RE):
        for m in pattern.finditer(text):
            found = _kana_or_listed(text, m)
            if found:
                spans.append(found)
    spans += [m.span("n") for m in _NAMED_RE.finditer(text) if m["n"] not in _KANA_NOT_NAMES]
    for m in _SAID_OF_PERSON_RE.finditer(text):
        name = m["n"]
        kanji = re.fullmatch(f"{_KANJI}+", name)
        if _known_kanji_end(name, single_given=False) == 0 if kanji else _proper_noun_only(name):
            spans.append(m.span("n"))
    for m in _NICKNAME_RE.finditer(text):
        groups = ["n"] if m["n"] else ["m", "t"]
        spans += [m.span(g) for g in groups if m[g] not in _KANA_NOT_NAMES]
    spans += [
        (m.start("n"), m.end("n"))
        for m in _ROLE_INTRO_RE.finditer(text)
        if _known_kanji_end(m["n"], single_given=True) == 0
    ]
    for m in _SPACED_TITLE_RE.finditer(text):
        if m["n"] in family_names():
            spans.append(m.span("n"))
    for m in _OTHER_NAME_RE.finditer(text):
        name = m["n"]
        kanji = re.fullmatch(f"{_KANJI}+", name)
        listed = name in family_names() or name in given_names()
        if (listed or _proper_noun_only(name)) if kanji else name not in _KANA_NOT_NAMES:
            spans.append(m.span("n"))
    for m in _KNOWN_AS_RE.finditer(text):
        found = _kana_or_listed(text, m)
        if found:
            spans.append(found)
    for m in _TITLED_RE.finditer(text):
        # A given name of one kanji before ちゃん or くん (葵ちゃん), or before さん or 様 when no
        # polite お comes before it (春さん; not お星様).
        before = text[m.start("n") - 1] if m.start("n") else ""
        if before in ("お", "ご") and len(m.group("n")) == 1:
            continue  # お星様, お月さま: a polite word, not the surname 星
        polite = m.group("t") in {"さん", "様", "さま"}
        single_given = m.group("t") in {"ちゃん", "くん", "君"} or polite
        cut = _known_kanji_end(m.group("n"), single_given=single_given)
        if cut is not None:
            spans.append((m.start("n") + cut, m.end("n")))
    return spans
