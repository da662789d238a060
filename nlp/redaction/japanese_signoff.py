"""Japanese names that end a story or that a sentence declares to be a name.

- A name alone on the last line, after a closing formula (よろしくお願いします。／まゆみ,
  ありがとうございました。／大橋): a kana or katakana name (a reading of a given name, or a
  word Sudachi reads as a proper noun or does not know), or a listed kanji surname or given name.
- A name declared as one: 名前はアナです (after 名前は, any katakana word but a role), a name
  said to be a relative: あおいは私の娘です, a name whose age is told: 蒼は今年で七歳です, and a
  name said together with the teller: 大樹と私は.
"""

import re

from nlp.redaction.japanese_cues import _proper_noun_only, family_names, given_names
from nlp.redaction.japanese_naming import _KANA_NOT_NAMES, _kana_or_listed

_KANA = r"[ぁ-ゖァ-ヶー・]"
_KANJI = r"[\u4e00-\u9fff々]"
_CLOSING = (
    r"(?:お願い(?:いた)?します|お願い申し上げます|ありがとうございました|ありがとうございます|"
    r"以上です|失礼します|失礼いたします|読んでくれてありがとう)[。！!]?"
)
_SIGNOFF_RE = re.compile(
    rf"{_CLOSING}[ \u3000]*\n+[—―ー\-\s]*(?P<n>{_KANA}{{2,12}}|{_KANJI}{{1,6}})[ \u3000]*$"
)
_DECLARED_RE = re.compile(r"名前は「?(?P<n>[ァ-ヶー・]{2,12})」?(?=です|でした|といいます)")
_RELATIVES = "娘|息子|妻|夫|母|父|姉|妹|兄|弟|孫|祖母|祖父|友人|友達|親友|パートナー"
_IS_RELATIVE_RE = re.compile(
    rf"(?:^|\n|[。、」])(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,4}})は(?:私|わたし|うち)の"
    rf"(?:{_RELATIVES})(?:です|でした|で、)",
    re.MULTILINE,
)


# Someone's age said of a name opening a sentence: 。蒼は今年で七歳です (a listed kanji name, or a
# kana name of the readings; 母は八十二歳 is left, 母 being no name).
_AGE_OF_RE = re.compile(
    rf"(?:^|\n|[。、」])(?P<n>{_KANA}{{2,10}}|{_KANJI}{{1,4}})は(?:今年で|もう|今|現在|まだ)?"
    r"[0-9０-９一二三四五六七八九十]+(?:歳|才|か月|ヶ月|カ月)",
    re.MULTILINE,
)


# Someone named together with the teller: 大樹と私は, 私と大樹で (a listed kanji name, or a kana
# name of the readings).
_WITH_ME_RE = re.compile(
    rf"(?:^|\n|[。、」])(?P<n>{_KANA}{{2,10}}|{_KANJI}{{2,4}})と(?:私|わたし|僕|ぼく)(?=[はがので、])"
    rf"|(?:私|わたし|僕|ぼく)と(?P<a>{_KANA}{{2,10}}|{_KANJI}{{2,4}})(?=[はがので、。]|の二人)",
    re.MULTILINE,
)


def _kanji_listed(name: str) -> bool:
    return name in family_names() or name in given_names()


def _name_span(text: str, m: re.Match, group: str = "n") -> tuple[int, int] | None:
    name = m.group(group)
    if re.fullmatch(f"{_KANJI}+", name):
        return m.span(group) if _kanji_listed(name) else None
    found = _kana_or_listed(text, m, group)
    if found:
        return found
    if re.fullmatch(r"[ァ-ヶー・]+", name) and _proper_noun_only(name):
        return m.span(group)
    return None


def signoff_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names found by the cues above."""
    spans = []
    for pattern in (_SIGNOFF_RE, _IS_RELATIVE_RE, _AGE_OF_RE):
        for m in pattern.finditer(text):
            found = _name_span(text, m)
            if found:
                spans.append(found)
    for m in _WITH_ME_RE.finditer(text):
        found = _name_span(text, m) if m["n"] else _name_span(text, m, "a")
        if found:
            spans.append(found)
    for m in _DECLARED_RE.finditer(text):
        if m.group("n") not in _KANA_NOT_NAMES:
            spans.append((m.start("n"), m.end("n")))
    return spans
