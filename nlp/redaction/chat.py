"""Whether a story is written as in a chat, all in lower case (a testimony typed on a phone).

The informal forms of names (``nlp.redaction.name_informal``) and of street addresses
(``nlp.redaction.addresses``) are looked for only in such stories: there a name or a street is
written small, elsewhere a small word is a word.
"""

import re

_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?P<c>[^\W\d_])")


def chat_style(text: str) -> bool:
    """Written all in lower case, as in a chat: most sentences start with a small letter."""
    starts = [m["c"] for m in _SENTENCE_START_RE.finditer(text)]
    return bool(starts) and sum(c.islower() for c in starts) * 2 > len(starts)
