"""Search cases that must give the same stories on SQLite (FTS5) and PostgreSQL (full-text
search): used by tests/analysis/test_search.py (SQLite) and tests/analysis/test_postgres.py.

Each case: (query, keys of the stories found). No stop words in the queries (PostgreSQL
drops "the", "le"... in a story's language; SQLite's index keeps every word).
"""

STORIES = {
    "A": ("The doctors never listened to me.", "en"),
    "B": ("Nobody at the clinic listens to young mothers.", "en"),
    "C": ("The nurse listened and helped me find a new doctor.", "en"),
    "D": ("Le médecin ne m'a pas écoutée.", "fr"),
    "E": ("病院で差別を受けました。誰も説明してくれませんでした。", "ja"),
    "F": ("医師は私の話を聞いてくれませんでした。", "ja"),
}

CASES = [
    # Word forms (English on both databases).
    ("listen", {"A", "B", "C"}),
    ("doctor", {"A", "C"}),
    ("listened.", {"A", "B", "C"}),
    # Every word, in any order.
    ("doctors listened", {"A", "C"}),
    ("mothers young", {"B"}),
    # Quoted phrases: the words side by side, in this order.
    ('"new doctor"', {"C"}),
    ('"doctor new"', set()),
    ('"never listened', {"A"}),  # an unclosed quote runs to the end
    # A minus sign leaves a word or phrase out.
    ("listen -doctor", {"B"}),
    ('listen -"new doctor"', {"A", "B"}),
    ("-listen", {"D", "E", "F"}),
    # "or"
    ("clinic or nurse", {"B", "C"}),
    ("clinic or -listen", {"B", "D", "E", "F"}),
    # Accents are kept.
    ("médecin", {"D"}),
    # Japanese: substrings of the runs of characters.
    ("差別", {"E"}),
    ("聞いて", {"F"}),
    ("「説明」", {"E"}),
    ("説明してくれ", {"E"}),
    ("医師説明", set()),
    ("差", {"E"}),
    ("病院 doctor", set()),
    # Nothing to look for.
    ('"', set()),
]
