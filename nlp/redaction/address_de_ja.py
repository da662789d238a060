"""German and Japanese street addresses (``nlp.redaction.addresses`` looks for them with the
rest): a German street and its house number, with the postcode and town after it; a Japanese
〒 postcode, and the place with its 丁目・番地・号 or 2-8-1 blocks."""

import re

_DE_SUFFIX = (
    r"straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|kai|"
    r"graben|wall|zeile|stieg|twiete|promenade"
)
_DE_STREET = r"Straße|Strasse|Str\.|Weg|Platz|Allee|Ring|Gasse|Damm|Ufer|Markt|Kai|Chaussee"
_DE_UNITS = (
    r"Stunden?|Tagen?|Tage|Wochen?|[Mm]al|Jahren?|Jahre|Minuten?|Monaten?|Monate|Uhr|Prozent|%|"
    r"Euro|€|km|Kilometer|Sekunden?|Kinder|Personen|Leute|Menschen|Patienten|Patientinnen"
)
_DE_WORD = r"[A-ZÄÖÜ][\wäöüß\-]*"
ADDRESS_DE_RE = re.compile(
    # An adjective before the street ("Landstraßer Hauptstraße"), then the street: one word
    # ("Lindenstraße", "Karl-Marx-Allee"), two ("Berliner Straße", "Alter Markt"), or a
    # preposition and a name ("Am Markt", "Unter den Linden", "Straße des 17. Juni").
    rf"(?<![\w])(?:{_DE_WORD}(?:er|es)\s+(?={_DE_WORD}(?:{_DE_SUFFIX})\s+\d))?"
    rf"(?:(?:{_DE_WORD}(?:{_DE_SUFFIX}|-(?:{_DE_STREET})))|"
    rf"(?:{_DE_WORD}(?:er|sche|scher|es|e)\s+(?:{_DE_STREET}))|"
    rf"(?:(?:Straße|Platz|Allee) de[rs] (?:\d{{1,2}}\.\s)?{_DE_WORD})|"
    rf"(?:(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Unter den|Hinter der|"
    rf"Hinter dem|Vor dem|Bei der|Hinterm|Beim|Vorm|Überm|Unterm|"
    rf"Alter|Alte|Neuer|Neue|Großer|Kleiner)\s+{_DE_WORD}))"
    # The house number: not a year, not a count ("Im Jahr 2019", "In der Klinik 4 Wochen").
    rf"\s+(?!(?:19|20)\d\d(?!\d))\d{{1,4}}\s?[a-z]?(?:\s?[-–/]\s?\d{{1,4}}[a-z]?)?(?![\w])"
    rf"(?!\s*(?:{_DE_UNITS})(?![\w]))"
    rf"(?:,?\s+(?:[ADCH]{{1,2}}-)?\d{{4,5}}\s+{_DE_WORD}(?:\s(?:am|an der|im)\s{_DE_WORD})?)?"
)
# Japanese: an optional 〒 postcode, then the place (prefecture, city, ward, town) and the block
# numbers in digits, full-width digits or kanji numerals.
_JA_NUM = r"(?:[0-9０-９一二三四五六七八九十〇]+)"
_JA_DASH = r"[-－−‐ー―の]"
_JA_PLACE = r"[\u4e00-\u9fffァ-ヶー々]"
# 7番地の2: a lot's subdivision after の.
_JA_BLOCKS = (
    rf"{_JA_NUM}(?:丁目|番地の?|番の?|号|{_JA_DASH}){_JA_NUM}?"
    rf"(?:(?:丁目|番地の?|番の?|号|{_JA_DASH}){_JA_NUM})*(?:号室|号|番地?)?"
)
# Cities written in kana, in part or whole: さいたま市, つくば市, あきる野市.
_JA_KANA_CITIES = (
    "さいたま|つくば|つくばみらい|いわき|ひたちなか|かすみがうら|むつ|みどり|あきる野|たつの|"
    "うきは|えびの|みやま|いちき串木野|南あわじ|あわら|かほく|みよし|あま|南さつま|さくら|"
    "いすみ|匝瑳|にかほ|ふじみ野|せたな|むかわ|にせこ|ニセコ"
)
JA_ADDRESS_RE = re.compile(
    rf"(?:〒\s?[0-9０-９]{{3}}[-－−‐]?[0-9０-９]{{4}}\s?)?"
    rf"(?:{_JA_PLACE}{{1,4}}[都道府県])?"
    rf"(?:(?:{_JA_KANA_CITIES})[市町]|{_JA_PLACE}{{1,6}}?[市区町村郡])*"
    rf"(?:{_JA_PLACE}|{_JA_NUM}条){{0,8}}"
    # The blocks, or a rural lot after 字 (本部町字豊原123).
    rf"(?:{_JA_BLOCKS}|[0-9０-９]{{1,5}}(?:番地)?(?![0-9０-９]))"
    # A building and its room or floor after the blocks (ハイツ千住305号室, 桜本会館1階), a
    # housing estate's block and room (芝園団地2号棟102).
    rf"(?:[\s　、]?[\u4e00-\u9fffァ-ヶーA-Za-z]{{1,12}}?"
    rf"(?:[0-9０-９]{{1,3}}号?棟[\s　]?)?[0-9０-９]{{1,4}}(?:号室|号|階|F)?(?![0-9０-９]))?"
)
_JA_BLOCKS_RE = re.compile(_JA_BLOCKS)
JA_POSTCODE_RE = re.compile(r"〒\s?[0-9０-９]{3}[-－−‐]?[0-9０-９]{4}")
CJK_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_JA_STRONG = re.compile(r"[都道府県市区町村郡]|丁目|番地|号")


def ja_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in JA_POSTCODE_RE.finditer(text)]
    for m in JA_ADDRESS_RE.finditer(text):
        value = m.group()
        # A place name with block numbers, or numbers in the 丁目/番地/号 form: not "3-4 日".
        has_number = any(c.isdigit() or c in "一二三四五六七八九十" for c in value)
        bare = re.fullmatch(rf"{_JA_NUM}[-－−‐ー―の]?{_JA_NUM}?", value)
        lot = not _JA_BLOCKS_RE.search(value)  # a lot number alone holds only after 字
        if _JA_STRONG.search(value) and has_number and not bare and not (lot and "字" not in value):
            spans.append((m.start(), m.end()))
    return spans
