"""The spoken stories of the transcription bench (issue 19): distinct sentences per language.

A clip of several minutes is made from these sentences in a different order on each pass
(``story``), so that no 30-second window Whisper encodes holds the same sentence twice; one
sentence said over and over makes Whisper fall back to sampling (its compression-ratio check)
and measures that instead of a story. Japanese is written in kana (espeak-ng reads kanji as
"Chinese letter"). No numbers: Whisper writes them as digits, which the error rate would count.
"""

import random

# language: (espeak-ng voice, Whisper language, sentences)
STORIES = {
    "en": (
        "en",
        "en",
        [
            "Last winter I went to the hospital because of a bad cough.",
            "The doctor did not listen to me and I waited for hours.",
            "Nobody explained anything to me about the medicine.",
            "After that I stopped going to the clinic near my house.",
            "My daughter came with me the second time and she asked the questions.",
            "The nurse was kind, but she had too many people to see.",
            "I did not understand the letter they sent me afterwards.",
            "The bus to the hospital only comes in the morning.",
            "When I called the office, the line was always busy.",
            "I would like the staff to speak slowly and to look at me.",
            "My neighbour had the same problem with her knee last year.",
            "Now I feel better, but I am still afraid of going back.",
        ],
    ),
    "fr": (
        "fr",
        "fr",
        [
            "Bonjour, je voudrais parler de ma visite à l'hôpital.",
            "Le médecin était pressé et il ne m'a rien expliqué.",
            "J'ai attendu longtemps et personne ne m'a parlé.",
            "Depuis, je n'ai plus confiance dans cette clinique.",
            "Ma fille est venue avec moi la deuxième fois.",
            "L'infirmière était gentille, mais elle avait trop de travail.",
            "Je n'ai pas compris la lettre qu'ils m'ont envoyée.",
            "Le bus pour l'hôpital passe seulement le matin.",
            "Quand j'appelais le secrétariat, personne ne répondait.",
            "Je voudrais que le personnel parle lentement et me regarde.",
            "Ma voisine a eu le même problème avec son genou.",
            "Maintenant je vais mieux, mais j'ai encore peur d'y retourner.",
        ],
    ),
    "es": (
        "es",
        "es",
        [
            "El invierno pasado fui al hospital por una tos.",
            "El médico no me escuchó y esperé muchas horas.",
            "Nadie me explicó nada sobre el medicamento.",
            "Después dejé de ir al centro de salud de mi barrio.",
            "Mi hija vino conmigo la segunda vez y ella hizo las preguntas.",
            "La enfermera fue amable, pero tenía demasiados pacientes.",
            "No entendí la carta que me enviaron después.",
            "El autobús al hospital solo pasa por la mañana.",
            "Cuando llamaba a la oficina, la línea siempre estaba ocupada.",
            "Me gustaría que el personal hablara despacio y me mirara.",
            "Mi vecina tuvo el mismo problema con la rodilla.",
            "Ahora estoy mejor, pero todavía tengo miedo de volver.",
        ],
    ),
    "de": (
        "de",
        "de",
        [
            "Letzten Winter ging ich wegen Husten ins Krankenhaus.",
            "Der Arzt hat mir nicht zugehört und ich habe lange gewartet.",
            "Niemand hat mir etwas über das Medikament erklärt.",
            "Danach bin ich nicht mehr in die Praxis bei mir gegangen.",
            "Beim zweiten Mal kam meine Tochter mit und hat die Fragen gestellt.",
            "Die Pflegerin war freundlich, aber sie hatte zu viele Patienten.",
            "Den Brief, den sie mir danach geschickt haben, habe ich nicht verstanden.",
            "Der Bus zum Krankenhaus fährt nur am Morgen.",
            "Wenn ich im Büro angerufen habe, war die Leitung immer besetzt.",
            "Ich wünsche mir, dass das Personal langsam spricht und mich ansieht.",
            "Meine Nachbarin hatte das gleiche Problem mit ihrem Knie.",
            "Jetzt geht es mir besser, aber ich habe immer noch Angst davor.",
        ],
    ),
    "pt-BR": (
        "pt-br",
        "pt",
        [
            "No inverno passado eu fui ao hospital por causa de uma tosse.",
            "O médico não me escutou e eu esperei muitas horas.",
            "Ninguém me explicou nada sobre o remédio.",
            "Depois disso eu parei de ir ao posto de saúde perto de casa.",
            "Minha filha foi comigo na segunda vez e fez as perguntas.",
            "A enfermeira foi gentil, mas tinha pacientes demais.",
            "Eu não entendi a carta que eles mandaram depois.",
            "O ônibus para o hospital só passa de manhã.",
            "Quando eu ligava para o escritório, a linha estava sempre ocupada.",
            "Eu queria que a equipe falasse devagar e olhasse para mim.",
            "Minha vizinha teve o mesmo problema com o joelho.",
            "Agora eu estou melhor, mas ainda tenho medo de voltar.",
        ],
    ),
    "ja": (
        "ja",
        "ja",
        [
            "きょねんの ふゆ、わたしは せきで びょういんに いきました。",
            "いしゃは わたしの はなしを ききませんでした。",
            "くすりに ついて だれも せつめいして くれませんでした。",
            "それから、いえの ちかくの クリニックに いかなく なりました。",
            "にかいめは むすめが いっしょに きて、しつもんを してくれました。",
            "かんごしさんは やさしかったですが、とても いそがしそうでした。",
            "あとで とどいた てがみが よく わかりませんでした。",
            "びょういんへの バスは あさしか ありません。",
            "でんわを しても、いつも はなしちゅう でした。",
            "ゆっくり はなして、わたしの かおを みて ほしいです。",
            "となりの ひとも ひざの ことで おなじ もんだいが ありました。",
            "いまは げんきですが、まだ もどるのが こわいです。",
        ],
    ),
}


def story(language: str, passes: int) -> str:
    """Every sentence once per pass, each pass in a new order (fixed seed)."""
    sentences = STORIES[language][2]
    shuffler = random.Random(language)  # noqa: S311 (an order, not a secret)
    out: list[str] = []
    for _ in range(passes):
        order = sentences[:]
        shuffler.shuffle(order)
        if out and order[0] == out[-1]:
            order.reverse()
        out.extend(order)
    return " ".join(out)
