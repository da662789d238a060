"""Fill a French catalogue from a JSON dictionary {msgid: msgstr}: `python scripts/translate.py
events/locale/fr/LC_MESSAGES/django.po translations.json`. Prints what is still missing."""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as fh:
        table = json.load(fh)
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid in table:
            value = table[entry.msgid]
            if entry.msgid_plural and isinstance(value, list):
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    for msgid in missing:
        print(f"missing: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
