"""Japanese names beyond Sudachi's tags (issue 16): kanji name lists from gimei, a given name that
is also a word after a child or spouse, self-introductions in katakana, names found in parts."""

import pytest

from nlp.redaction.japanese_cues import family_names, given_names
from tests.nlp.redaction_cases import redacted

CASES = [
    ("娘の愛は三歳です。", "娘の[PERSON]は三歳です。"),
    ("私はフェルナンダです。", "私は[PERSON]です。"),
    ("私の名前はアナ・ソウザです。", "私の名前は[PERSON]です。"),
    ("日系の医師、大野レナータ先生も来た。", "日系の医師、[PERSON]先生も来た。"),
    ("私は石田美咲と申します。", "私は[PERSON]と申します。"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_whole_name_is_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize(
    "text",
    ["母の愛は深い。", "私はシングルマザーです。", "私はナースです。", "病院まで三十分です。"],
)
def test_words_are_not_names(text):
    assert redacted(text, "ja") == text


def test_the_lists_are_shipped_in_kanji():
    assert "美咲" in given_names() and "佐藤" in family_names()
    assert len(given_names()) > 5000 and len(family_names()) > 400


def test_diseases_named_after_people_are_not_names():
    text = "妻はアルツハイマー型認知症で、マイナ保険証も使えませんでした。"
    assert redacted(text, "ja") == text


# The forms of issue 16's third point (our own examples, none from the labelled sets).
FORMS = [
    # Surnames alone before a title of rank or a role.
    (
        "三軒目の病院で、松本医師がエコーを撮った。",
        "三軒目の病院で、[PERSON]医師がエコーを撮った。",
    ),
    ("理事長の大川氏が書いていた。", "理事長の[PERSON]氏が書いていた。"),
    ("森田院長にも岩崎部長にも相談した。", "[PERSON]院長にも[PERSON]部長にも相談した。"),
    ("担当の山口薬剤師に相談した。", "担当の[PERSON]薬剤師に相談した。"),
    ("学生の森本君が受け持った。", "学生の[PERSON]君が受け持った。"),
    # Doctors and nurses in lists.
    ("井上先生と木村先生は忙しかった。", "[PERSON]先生と[PERSON]先生は忙しかった。"),
    ("青木看護師と杉山看護師が来た。", "[PERSON]看護師と[PERSON]看護師が来た。"),
    # A name and its reading, each replaced, the brackets kept.
    ("小児科の内田（うちだ）先生は優しい。", "小児科の[PERSON]（[PERSON]）先生は優しい。"),
    ("娘の名前は心愛（ここあ）といいます。", "娘の名前は[PERSON]（[PERSON]）といいます。"),
    # Katakana names of foreign residents, each part mentioned again.
    (
        "マリセル・デラクルスです。主任は「デラクルスは丁寧だ」と言う。",
        "[PERSON]です。主任は「[PERSON]は丁寧だ」と言う。",
    ),
    ("グエン・ヴァン・ナムです。ベトナムから来ました。", "[PERSON]です。ベトナムから来ました。"),
    ("同じ寮のトゥアンが読んでくれた。", "同じ寮の[PERSON]が読んでくれた。"),
    # Names in romaji inside Japanese text.
    ("私はMaria Reyesです。", "私は[PERSON]です。"),
    ("名前はCarlos Eduardo Yamamotoです。", "名前は[PERSON]です。"),
    ("Tanaka-sanは親切でした。", "[PERSON]-sanは親切でした。"),
    # A given name that is also a word, mentioned again alone; a relative's listed given name.
    (
        "息子の翼は六歳です。暴れた翼を見て、先生は驚いた。",
        "息子の[PERSON]は六歳です。暴れた[PERSON]を見て、先生は驚いた。",
    ),
    ("叔母の和子が付き添ってくれた。", "叔母の[PERSON]が付き添ってくれた。"),
    ("相談員の誠さんは誠実な人だった。", "相談員の[PERSON]さんは誠実な人だった。"),
    # A name before a relative or a kin word said after it; a name said to be one.
    ("トメばあちゃんが倒れた。", "[PERSON]ばあちゃんが倒れた。"),
    ("ミンジュンの母です。", "[PERSON]の母です。"),
    ("母のツルも同じことを言われた。", "母の[PERSON]も同じことを言われた。"),
    ("『ミナ』という名前で暮らしている。", "『[PERSON]』という名前で暮らしている。"),
    # A given name's reading that Sudachi cut in two (ゆう + と).
    ("「ゆうとが熱出した」と娘が言った。", "「[PERSON]が熱出した」と娘が言った。"),
    # A Korean name in Hangul; a Chinese name read out in katakana; ダ inside a name.
    ("ハングルでは박소연と書きます。", "ハングルでは[PERSON]と書きます。"),
    ("林小燕（リン・シャオイェン）といいます。", "[PERSON]（[PERSON]）といいます。"),
    ("患者さん、ジョアン・ダ・シルバさんを受け持った。", "患者さん、[PERSON]さんを受け持った。"),
    # Someone's age told of a name; a list of names going on with それに.
    (
        "蒼は今年で七歳です。ある晩、蒼がぐったりした。",
        "[PERSON]は今年で七歳です。ある晩、[PERSON]がぐったりした。",
    ),
    ("同僚はビシュヌ、アスミタ、それにディペシュ。", "同僚は[PERSON]、[PERSON]、それに[PERSON]。"),
    # A nickname explained, a maiden name, a Vietnamese surname alone, a romaji name with rank.
    (
        "よっちゃんというのは、仲間がつけたあだ名です。",
        "[PERSON]ちゃんというのは、仲間がつけたあだ名です。",
    ),
    ("旧姓は佐々木、今はグェンです。", "旧姓は[PERSON]、今は[PERSON]です。"),
    ("グエンさんの隣の人もグエンでした。", "[PERSON]さんの隣の人も[PERSON]でした。"),
    (
        "責任者はYuki Tanaka准教授です。論文ではTanaka Yと書かれています。",
        "責任者は[PERSON]准教授です。論文では[PERSON]と書かれています。",
    ),
    # A place-name surname said of a person; a reading Sudachi cut in two after a relative or
    # before an honorific; a listed given name after a colleague.
    ("先生は千葉という年配の男性でした。", "先生は[PERSON]という年配の男性でした。"),
    (
        "長女のこはるは五歳です。毎日こはると絵を描いた。",
        "長女の[PERSON]は五歳です。毎日[PERSON]と絵を描いた。",
    ),
    ("その子の名前はゆいとくん、まだ十歳でした。", "その子の名前は[PERSON]くん、まだ十歳でした。"),
    ("同期の小百合は病院を辞めた。", "同期の[PERSON]は病院を辞めた。"),
    # A name joined by ＝; a one-kanji given name again after a pause, before の.
    ("名前はジャン＝ピエール・モロー、通訳です。", "名前は[PERSON]、通訳です。"),
    (
        "娘の凛は十歳。先生は、凛の話を聞いた。",
        "娘の[PERSON]は十歳。先生は、[PERSON]の話を聞いた。",
    ),
    # A role or a title joined to a name by ・; a name said together with the teller.
    ("内科部長・河合氏が答えた。", "内科部長・[PERSON]氏が答えた。"),
    ("「ミスター・ジョーンズ」と呼ばれる。", "「ミスター・[PERSON]」と呼ばれる。"),
    (
        "大樹は待合室にいた。大樹と私は、今、二人です。",
        "[PERSON]は待合室にいた。[PERSON]と私は、今、二人です。",
    ),
    # Names that are katakana words before さん, くん (パール, スカイ); a surname answering.
    ("パールさんとスカイくんが来た。", "[PERSON]さんと[PERSON]くんが来た。"),
    ("看護師の田中さゆりさんが出た。", "看護師の[PERSON]さんが出た。"),
    # A name with the old polite お; a relative joined to a name by ・ in a label.
    (
        "祖母は「おきよさん」と呼ばれ、「おハルさん」とも呼ばれた。",
        "祖母は「お[PERSON]さん」と呼ばれ、「お[PERSON]さん」とも呼ばれた。",
    ),
    ("【記入者：孫・彩花】", "【記入者：孫・[PERSON]】"),
    # Signatures.
    ("文責：岡田（世話人）", "文責：[PERSON]（世話人）"),
    ("記：山本花子", "記：[PERSON]"),
    ("ありがとうございました。\n― チャン・ティ・マイ", "ありがとうございました。\n― [PERSON]"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_the_forms_names_take(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize(
    "text",
    [
        # Counts Sudachi reads as surnames (三軒, 六軒), a role it reads as 保 + 健師.
        "三軒目の医院でやっと分かった。",
        "病院を二軒回って、六軒目でやっと診てもらえた。",
        "今は市の保健師さんも来てくれる。",
        # A word spelled out kana by kana.
        "「ホ・ケ・ン・ショ・ウ、ある？」と聞かれた。",
        # Names that are words, where no name is.
        "春になると、母の愛を思い出す。光が差して、翼を広げるような気持ちでした。",
        "誠実な先生でした。薫る風の中を歩いた。",
        # Nouns after a relative and の: kana words, loanwords, a listed name that is a word.
        "母のおかげで助かった。父のせいで遅れた。息子のおむつを替えた。",
        "母のリハビリが始まった。父のペースメーカーが止まりかけた。",
        "祖母のデイサービスが休みになった。ばあちゃんが倒れた。",
        "父の未来を考えると不安でした。",
        # Words around a nickname cue, and Vietnamese surnames inside longer words.
        "これはみんながつけたあだ名ではありません。",
        "ファミリーで病院に行った。ブイヨンのスープを飲んだ。",
        # A poster's age and work after a name; words said of a person with という.
        "（五十代・パート）",
        "日本という国の医者は忙しい。看護師という仕事が好きです。母という人は強かった。",
        # Kana words after a relative, two kana that Sudachi knows as a noun among them.
        "娘のはなしを聞いてください。息子のかおがあかい。",
        # Words and relatives named together with the teller.
        "病院と私は合わなかった。夫と私は、私と母の二人で暮らした。",
        # A katakana word before a role's title, a role before さん, a clinic's name.
        "ベテラン看護師が来た。パートさんが来た。",
        # Kinship and roles after the polite お.
        "おばあさんとおじいさん。おかみさんが来た。おとなりさん、おまわりさん。",
        # Ages told of relatives, not of names.
        "母は八十二歳です。長男は十歳、次男は八歳です。主人はもう七十歳です。",
        # A reading of a word, and a place before a particle.
        "外転（がいてん）は難しい言葉です。",
        "ブラジルのサンパウロに住んでいた。",
    ],
)
def test_counts_roles_and_words_are_not_names(text):
    assert redacted(text, "ja") == text


def test_a_clinic_named_after_a_surname_keeps_its_kind():
    text = "「はい、山本クリニックです」と受付が出た。"
    assert redacted(text, "ja") == "「はい、[PERSON]クリニックです」と受付が出た。"


def test_a_name_inside_a_longer_katakana_word_is_not_replaced():
    text = "ナムさんはベトナムの人です。"
    assert redacted(text, "ja") == "[PERSON]さんはベトナムの人です。"


def test_a_one_kanji_given_name_is_not_replaced_inside_a_phrase():
    text = "娘の光は十歳です。春の光がまぶしい。"
    assert redacted(text, "ja") == "娘の[PERSON]は十歳です。春の光がまぶしい。"
