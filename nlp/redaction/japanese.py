"""Japanese person names, from Sudachi's part-of-speech tags and the honorifics after a name.

The ``ja`` pipeline's tokenizer is SudachiPy (``nlp.pipelines``); its tags say when a token is a
person's surname or given name (名詞-固有名詞-人名-姓/名). Runs of such tokens are one name
("佐藤" + "健太"). A proper noun or katakana word right before an honorific (さん, 様, 先生, くん,
ちゃん, 医師, 看護師, 氏...) is a name too ("ケンタくん"); the honorific itself stays readable.
Without SudachiPy, the regular expression ``JA_NAME_RE`` of ``nlp.redaction.names`` stands in.
"""

import re

from nlp.pipelines import pipeline_for

_HONORIFICS = "さん 様 さま 先生 せんせい くん 君 ちゃん 医師 看護師 氏 殿 先輩 師長 院長 教授 婦長"
HONORIFICS = frozenset(_HONORIFICS.split())
_KATAKANA_RE = re.compile(r"^[ァ-ヶー]+$")
_HAS_JA_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _is_person(tag: str) -> bool:
    return "人名" in tag


def _is_name_like(token) -> bool:
    """A token that can be a name when an honorific follows it."""
    tag = token.tag_
    if _is_person(tag) or "固有名詞" in tag and "地名" not in tag:
        return True
    return bool(_KATAKANA_RE.match(token.text)) and tag.startswith("名詞")


def sudachi_available() -> bool:
    return pipeline_for("ja").lang == "ja"


def _other_mentions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every other mention of a name of two characters or more ("ケンタくん ... ケンタが")."""
    out = []
    for name in {text[s:e] for s, e in spans if e - s >= 2}:
        start = text.find(name)
        while start != -1:
            out.append((start, start + len(name)))
            start = text.find(name, start + len(name))
    return out


def ja_person_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each Japanese person name in ``text`` (empty without SudachiPy)."""
    if not _HAS_JA_RE.search(text) or not sudachi_available():
        return []
    doc = pipeline_for("ja").make_doc(text)
    spans: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        if _is_person(token.tag_):
            j = i + 1
            while j < n and _is_person(doc[j].tag_):
                j += 1
            spans.append((token.idx, doc[j - 1].idx + len(doc[j - 1].text)))
            i = j
            continue
        if token.text in HONORIFICS and i > 0 and _is_name_like(doc[i - 1]):
            k = i - 1
            while k > 0 and _is_name_like(doc[k - 1]):
                k -= 1
            spans.append((doc[k].idx, doc[i - 1].idx + len(doc[i - 1].text)))
        i += 1
    return spans + _other_mentions(text, spans)
