"""Synthetic story texts for the NLP benchmark, in the six languages (our own sentences).

``mixed_corpus`` gives the six languages in equal shares, short and long stories alike, with
rare words (made-up names of medicines and places) so that the vocabulary keeps growing as it
does with real stories.
"""

import random

SENTENCES = {
    "fr": [
        "Le médecin ne m'a pas écoutée quand j'ai décrit la douleur dans mon ventre.",
        "J'ai attendu plus de quatre heures aux urgences sans que personne ne m'explique rien.",
        "L'infirmière a pris le temps de comprendre ma situation et mes contraintes de travail.",
        "On m'a jugée à cause de mon accent et de ma couleur de peau, je l'ai bien senti.",
        "Les documents de sortie étaient pleins de jargon et aucun interprète n'était disponible.",
        "Il faudrait former tous les soignants à l'écoute active et aux biais inconscients.",
        "Je n'ai jamais vu de soignant qui me ressemble dans ce service de cardiologie.",
        "Notre association demande un siège au conseil de surveillance de l'hôpital.",
        "Les essais cliniques ne tiennent pas compte des femmes âgées comme moi.",
        "Depuis cette consultation, j'ai changé de médecin et je repousse mes rendez-vous.",
        "Ma fille m'accompagne toujours parce qu'on ne me parle pas directement.",
        "Le secrétariat m'a demandé mes papiers avant même de me dire bonjour.",
        "Le généraliste m'accorde dix minutes et regarde son écran pendant tout ce temps.",
        "Une médiatrice de santé de notre quartier serait plus écoutée que les affiches.",
        "Après ma greffe, l'équipe a parlé avec ma famille et a respecté mes préférences.",
        "J'aimerais que les résultats de l'étude soient expliqués dans un langage clair.",
    ],
    "en": [
        "The doctor didn't listen when I said the pain was getting worse every night.",
        "I waited five hours in A&E and nobody explained what was happening to my son.",
        "The midwife took the time to ask about my work and who looks after my children.",
        "He asked whether I had been drinking before he even looked at my notes.",
        "The discharge letter was full of jargon and there was no interpreter that day.",
        "Every nurse should have training on unconscious bias and on listening well.",
        "In twenty years I have met one doctor who looks like me and speaks my language.",
        "Our tenants' association wants a seat on the hospital board, with a real vote.",
        "Trials of the new tablets left out older Black women like my mother.",
        "After that appointment I stopped going and put off my check-ups for a year.",
    ],
    "pt": [
        "A médica não me escutou quando falei que a dor piorava todas as noites.",
        "Esperei cinco horas na fila da UPA e ninguém me explicou o que estava acontecendo.",
        "A enfermeira teve paciência e perguntou sobre o meu trabalho e os meus filhos.",
        "O médico perguntou se eu tinha bebido antes mesmo de olhar os meus exames.",
        "A receita estava cheia de termos técnicos e não havia intérprete de libras.",
        "Todos os profissionais deviam ter formação sobre racismo e escuta ativa.",
        "Em vinte anos nunca fui atendida por uma médica negra que se parece comigo.",
        "A associação de moradores quer uma cadeira no conselho de saúde do município.",
        "As pesquisas sobre o remédio novo não tinham dados de mulheres indígenas.",
        "Depois daquela consulta eu parei de ir ao posto e adiei os meus exames.",
    ],
    "es": [
        "La doctora no me escuchó cuando le dije que el dolor empeoraba cada noche.",
        "Esperé cinco horas en urgencias y nadie me explicó qué le pasaba a mi hijo.",
        "La enfermera se tomó el tiempo de preguntar por mi trabajo y por mis hijos.",
        "El médico me preguntó si había bebido antes de mirar mis análisis.",
        "El informe estaba lleno de términos médicos y no había intérprete ese día.",
        "Todo el personal debería recibir capacitación sobre sesgos y escucha activa.",
        "En veinte años solo vi una médica indígena que hablaba mi lengua.",
        "La asociación vecinal pide un lugar en el consejo de salud del hospital.",
        "Los ensayos clínicos del medicamento no incluían mujeres mayores como yo.",
        "Después de esa consulta dejé de ir al centro de salud durante un año.",
    ],
    "de": [
        "Die Ärztin hat mir nicht zugehört, als ich sagte, dass die Schmerzen schlimmer werden.",
        "Ich habe fünf Stunden in der Notaufnahme gewartet, und niemand hat etwas erklärt.",
        "Die Pflegerin nahm sich Zeit und fragte nach meiner Arbeit und meinen Kindern.",
        "Der Arzt fragte, ob ich getrunken hätte, bevor er meine Befunde ansah.",
        "Der Arztbrief war voller Fachbegriffe, und es gab keinen Dolmetscher.",
        "Alle Beschäftigten sollten eine Fortbildung zu unbewussten Vorurteilen machen.",
        "In zwanzig Jahren habe ich eine Ärztin getroffen, die meine Sprache spricht.",
        "Unser Verein möchte einen Sitz im Patientenbeirat des Krankenhauses.",
        "In den Studien zum neuen Medikament waren ältere Frauen unterrepräsentiert.",
        "Nach diesem Termin bin ich ein Jahr lang nicht mehr zur Vorsorge gegangen.",
    ],
    "ja": [
        "痛みが毎晩ひどくなると伝えても、医師は話を聞いてくれなかった。",
        "救急外来で五時間待たされたが、誰も何も説明してくれなかった。",
        "看護師は時間をとって、仕事や子どものことを丁寧に聞いてくれた。",
        "医師は検査結果を見る前に、お酒を飲んでいるのかと聞いてきた。",
        "退院の書類は専門用語ばかりで、その日は通訳もいなかった。",
        "すべての医療者が無意識の偏見と傾聴について研修を受けるべきだ。",
        "二十年間で、母語で話せる医師に会ったのは一度だけだ。",
        "私たちの患者会は、病院の委員会に当事者の席を求めている。",
        "新しい薬の臨床試験には、高齢の女性のデータがほとんどなかった。",
        "あの診察の後、一年ほど健診に行かなくなった。",
    ],
}
LANGUAGES = ("fr", "en", "pt", "es", "de", "ja")
# Rare words: made-up medicines, places and names of services that no vocabulary holds.
_SYLLABLES = ["ka", "zo", "mi", "tre", "vul", "ax", "no", "pe", "quin", "dro", "sel", "ri"]


def _rare_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()


def synthetic_story(rng: random.Random, words: int = 170, language: str = "fr") -> str:
    """About ``words`` words of ``language`` (a Japanese "word" counted as two characters)."""
    sentences = SENTENCES[language]
    out: list[str] = []
    size = 0
    while size < words:
        sentence = rng.choice(sentences)
        if rng.random() < 0.3:
            sentence = f"{sentence} ({_rare_word(rng)})"
        out.append(sentence)
        size += len(sentence) // 2 if language == "ja" else len(sentence.split())
    return ("" if language == "ja" else " ").join(out)


def mixed_corpus(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(language, text) pairs: the six languages in turn, from 20 to 400 words."""
    return [
        (lang, synthetic_story(rng, rng.choice([20, 40, 80, 170, 250, 400]), lang))
        for lang in (LANGUAGES[i % len(LANGUAGES)] for i in range(count))
    ]
