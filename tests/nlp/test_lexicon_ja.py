"""The Japanese lexicon (surface substrings): every theme and sub-code, on our own examples."""

import pytest

from tests.nlp.lexicon_helpers import suggested

CASES = [
    ("医師は話を聞いてくれなかった。気のせいだと言われた。", "not_listened_to"),
    ("先生はパソコンばかり見ていて、目も合わせなかった。", "not_listened_to"),
    ("外国人だからと決めつけられ、お酒を飲んでいるのかと聞かれた。", "judged"),
    ("診察は3分で終わり、先生は忙しそうだった。", "time_with_professional"),
    ("受付でみんなの前で昔の名前を呼ばれ、居心地が悪かった。", "not_welcome"),
    ("一人の人間として向き合い、私の希望を聞いてくれた。", "person_centred"),
    ("悪気はないが、無意識の偏見があると思う。", "unconscious_bias"),
    ("すべての医療者に傾聴の研修が必要だ。", "education"),
    ("臨床試験には女性のデータが少ない。", "research"),
    ("病院の委員会に当事者を入れて、意思決定に参加できるようにしてほしい。", "community"),
    ("SNSのデマが多く、きちんとした説明がなかった。", "communication"),
    ("通訳がいなくて、専門用語が理解できなかった。", "accessible_information"),
    ("娘は看護師を目指しているが、学費が高い。", "workforce"),
    ("同じルーツを持つ医師に出会ったことがない。母語で話せたらいいのに。", "representation"),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_each_theme_and_sub_code_is_found(text, code):
    assert code in suggested("ja", text)


def test_a_sub_code_brings_its_theme():
    assert {"not_listened_to", "person_centred"} <= suggested("ja", "話を聞いてもらえなかった。")


def test_being_heard_is_not_being_unheard():
    assert "not_listened_to" not in suggested("ja", "先生はじっくり話を聞いてくれた。")


def test_a_plain_visit_suggests_nothing():
    assert suggested("ja", "火曜日に病院へ行き、バスで帰った。") == set()
