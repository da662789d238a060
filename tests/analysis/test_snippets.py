"""Keyword-in-context snippets (analysis/snippets.py): marks read from the highlighter's
sentinels as code-point offsets, fragments cut around them, HTML built with the story escaped."""

from analysis import snippets
from analysis.snippets import START, STOP, Fragment, fragments, marks_from_highlighted


def highlight(text: str, marks: list[tuple[int, int]]) -> str:
    """``text`` with sentinels around ``marks``, as ts_headline or FTS5 highlight() give it."""
    out, position = [], 0
    for left, right in marks:
        out += [text[position:left], START, text[left:right], STOP]
        position = right
    return "".join([*out, text[position:]])


def test_marks_are_code_point_offsets_in_the_text():
    text = "Zoé 🙂 said the doctor did not listen."
    left = text.index("listen")
    marks = marks_from_highlighted(text, highlight(text, [(left, left + 6)]))
    assert marks == [(left, left + 6)]
    assert text[marks[0][0] : marks[0][1]] == "listen"  # the emoji counts as one


def test_a_highlight_that_is_not_the_text_gives_no_mark():
    assert marks_from_highlighted("the text", f"the {START}test{STOP}") == []


def test_a_story_holding_a_sentinel_gets_no_mark():
    text = f"a {START}trap{STOP} listen"
    assert marks_from_highlighted(text, text.replace("listen", f"{START}listen{STOP}")) == []


def test_the_html_escapes_the_story_and_marks_only_the_matched_words():
    text = 'I said <script>alert("x")</script> and <mark>no</mark>; they did not listen & left.'
    left = text.index("listen")
    (fragment,) = fragments(text, [(left, left + 6)])
    html = str(fragment.html)
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;mark&gt;no&lt;/mark&gt;" in html
    assert html.count("<mark>") == 1 and "<mark>listen</mark>" in html
    assert "&amp; left." in html


def test_fragments_keep_context_cut_between_words_with_ellipses():
    text = " ".join(f"w{i}" for i in range(200))
    left = text.index(" w100 ") + 1
    (fragment,) = fragments(text, [(left, left + 4)])
    assert fragment.start > 0 and fragment.end < len(text)
    assert text[fragment.start - 1] == " " and text[fragment.end] == " "
    assert fragment.start <= left - snippets.CONTEXT + snippets.SNAP
    assert str(fragment.html).startswith("…") and str(fragment.html).endswith("…")
    assert fragment.at == f"{left}-{left + 4}"


def test_close_marks_share_a_fragment_and_far_ones_do_not():
    text = "listen " + "x" * 10 + " listen " + "y " * 300 + "listen again"
    marks = [(0, 6), (18, 24), (text.rindex("listen"), text.rindex("listen") + 6)]
    found = fragments(text, marks)
    assert [f.marks for f in found] == [tuple(marks[:2]), (marks[2],)]
    assert found[0].passage == (0, 24)
    assert found[0].end <= found[1].start


def test_at_most_three_fragments():
    text = ("listen " + "z " * 200) * 5
    marks = [(i, i + 6) for i in range(len(text)) if text.startswith("listen", i)]
    assert len(fragments(text, marks)) == snippets.MAX_FRAGMENTS


def test_no_mark_shows_the_start_and_links_nowhere():
    (fragment,) = fragments("word " * 100, [])
    assert fragment.start == 0 and fragment.at == "" and fragment.passage is None
    assert fragments("", []) == []


def test_substring_marks_find_every_occurrence():
    text = "病院で差別を受けました。差別は続きました。"
    assert snippets.substring_marks(text, ["差別"]) == [(3, 5), (12, 14)]


def test_fragment_html_of_overlapping_marks_is_merged():
    assert snippets.merge([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]
    assert str(Fragment("abcdef", 0, 6, ((1, 3),)).html) == "a<mark>bc</mark>def"


def test_phrase_marks_keep_the_words_that_stand_together():
    text = "Never again. The doctor never listened to me. I never came back."
    marks = [(0, 5), (24, 29), (30, 38), (49, 54)]  # every "never", and "listened"
    assert snippets.phrase_marks(text, marks, 2) == [(24, 29), (30, 38)]
    # No run that long (stop words in the phrase): every mark rather than none.
    assert snippets.phrase_marks(text, marks, 3) == marks
