# ruff: noqa: E501  (one passage a line reads better than wrapped strings)
"""The pieces the generated demo corpus (``testimonies.demo_corpus``) assembles its stories from,
in each programme language (our own words, in the spirit of the demo stories and of the session
logs in ``events.demo_texts``). Invented, with no names, e-mail addresses or phone numbers.

Each passage carries the key of the code a demo coder gives it (``coding.demo``): a sub-code
of the default codebook or an action theme.
"""

# language -> {"openings": [...], "passages": [(text, code key)], "endings": [...]}
CORPUS_TEXTS = {
    "en": {
        "openings": [
            "I went to the clinic because of pain that would not go away.",
            "Last winter I took my mother to the hospital.",
            "I have a long-term condition and see health workers often.",
            "When I was pregnant I had many appointments.",
        ],
        "passages": [
            ("The doctor looked at the screen and not at me.", "not_listened_to"),
            ("They decided I was exaggerating before I had finished.", "judged"),
            (
                "The appointment lasted five minutes and I could not ask anything.",
                "time_with_professional",
            ),
            ("At reception they made me feel I did not belong there.", "not_welcome"),
            ("The nurse made a remark about people like me.", "unconscious_bias"),
            ("Nobody explained the letter in words I could understand.", "accessible_information"),
            ("I never meet staff who look like me or speak my language.", "representation"),
            ("The studies about my illness never include people like me.", "research"),
            ("A community group helped me find a doctor I could trust.", "community"),
        ],
        "endings": [
            "Since then I put off every appointment.",
            "I changed doctor, and it is better now.",
            "I still go, but I feel tense in the waiting room.",
            "I would like staff to listen first and explain calmly.",
        ],
    },
    "fr": {
        "openings": [
            "Je suis allée chez le médecin pour une douleur qui ne passait pas.",
            "L'hiver dernier, j'ai accompagné mon père à l'hôpital.",
            "J'ai une maladie chronique et je vois souvent des soignants.",
            "Pendant ma grossesse, j'ai eu beaucoup de rendez-vous.",
        ],
        "passages": [
            ("Le médecin regardait l'écran et pas moi.", "not_listened_to"),
            ("On a décidé que j'exagérais avant que j'aie fini de parler.", "judged"),
            (
                "La consultation a duré cinq minutes, sans temps pour mes questions.",
                "time_with_professional",
            ),
            ("À l'accueil, on m'a fait sentir que je n'avais rien à faire là.", "not_welcome"),
            ("L'infirmière a fait une remarque sur les gens comme moi.", "unconscious_bias"),
            (
                "Personne ne m'a expliqué le courrier avec des mots simples.",
                "accessible_information",
            ),
            ("Je ne rencontre jamais de soignants qui me ressemblent.", "representation"),
            ("Les études sur ma maladie n'incluent jamais des personnes comme moi.", "research"),
            (
                "Une association du quartier m'a aidée à trouver un médecin de confiance.",
                "community",
            ),
        ],
        "endings": [
            "Depuis, je repousse tous mes rendez-vous.",
            "J'ai changé de médecin et cela va mieux.",
            "J'y vais encore, mais je suis tendue dans la salle d'attente.",
            "Je voudrais qu'on m'écoute d'abord et qu'on m'explique avec calme.",
        ],
    },
    "pt-BR": {
        "openings": [
            "Fui ao posto de saúde por causa de uma dor que não passava.",
            "No inverno passado levei minha mãe ao hospital.",
            "Tenho uma doença crônica e vejo profissionais de saúde com frequência.",
            "Quando estava grávida, tive muitas consultas.",
        ],
        "passages": [
            ("O médico olhava para a tela e não para mim.", "not_listened_to"),
            ("Decidiram que eu estava exagerando antes de eu terminar de falar.", "judged"),
            ("A consulta durou cinco minutos e não pude perguntar nada.", "time_with_professional"),
            ("Na recepção me fizeram sentir que eu não devia estar ali.", "not_welcome"),
            ("A enfermeira fez um comentário sobre pessoas como eu.", "unconscious_bias"),
            ("Ninguém me explicou o exame com palavras simples.", "accessible_information"),
            ("Nunca encontro profissionais que se parecem comigo.", "representation"),
            ("As pesquisas sobre a minha doença não incluem pessoas como eu.", "research"),
            ("Um grupo da comunidade me ajudou a achar uma médica de confiança.", "community"),
        ],
        "endings": [
            "Desde então adio todas as consultas.",
            "Troquei de médico e agora está melhor.",
            "Ainda vou, mas fico tensa na sala de espera.",
            "Queria que primeiro me ouvissem e explicassem com calma.",
        ],
    },
    "es": {
        "openings": [
            "Fui a la clínica por un dolor que no se quitaba.",
            "El invierno pasado llevé a mi madre al hospital.",
            "Tengo una enfermedad crónica y veo a profesionales de salud a menudo.",
            "Durante mi embarazo tuve muchas citas.",
        ],
        "passages": [
            ("El médico miraba la pantalla y no a mí.", "not_listened_to"),
            ("Decidieron que yo exageraba antes de que terminara de hablar.", "judged"),
            ("La consulta duró cinco minutos y no pude preguntar nada.", "time_with_professional"),
            ("En la recepción me hicieron sentir que no era mi lugar.", "not_welcome"),
            ("La enfermera hizo un comentario sobre la gente como yo.", "unconscious_bias"),
            ("Nadie me explicó la receta con palabras sencillas.", "accessible_information"),
            ("Nunca encuentro personal que se parezca a mí.", "representation"),
            ("Los estudios sobre mi enfermedad no incluyen a personas como yo.", "research"),
            ("Un grupo del barrio me ayudó a encontrar una doctora de confianza.", "community"),
        ],
        "endings": [
            "Desde entonces dejo pasar todas las citas.",
            "Cambié de médico y ahora estoy mejor.",
            "Sigo yendo, pero me pongo nerviosa en la sala de espera.",
            "Quisiera que primero me escucharan y me explicaran con calma.",
        ],
    },
    "de": {
        "openings": [
            "Ich war wegen Schmerzen, die nicht weggingen, in der Praxis.",
            "Letzten Winter habe ich meine Mutter ins Krankenhaus begleitet.",
            "Ich habe eine chronische Krankheit und bin oft in Behandlung.",
            "In der Schwangerschaft hatte ich viele Termine.",
        ],
        "passages": [
            ("Der Arzt schaute auf den Bildschirm und nicht auf mich.", "not_listened_to"),
            ("Man hat entschieden, dass ich übertreibe, bevor ich fertig war.", "judged"),
            (
                "Der Termin dauerte fünf Minuten, für Fragen blieb keine Zeit.",
                "time_with_professional",
            ),
            ("Am Empfang gab man mir das Gefühl, nicht hierher zu gehören.", "not_welcome"),
            ("Die Pflegerin machte eine Bemerkung über Menschen wie mich.", "unconscious_bias"),
            ("Niemand hat mir den Befund in einfachen Worten erklärt.", "accessible_information"),
            ("Ich treffe nie Fachkräfte, die so aussehen wie ich.", "representation"),
            ("Studien zu meiner Krankheit schließen Menschen wie mich nie ein.", "research"),
            ("Eine Gruppe im Viertel hat mir geholfen, eine Ärztin zu finden.", "community"),
        ],
        "endings": [
            "Seitdem schiebe ich jeden Termin hinaus.",
            "Ich habe den Arzt gewechselt, jetzt ist es besser.",
            "Ich gehe noch hin, aber im Wartezimmer bin ich angespannt.",
            "Ich wünsche mir, dass man zuerst zuhört und ruhig erklärt.",
        ],
    },
    "ja": {
        "openings": [
            "治らない痛みがあって、診療所に行きました。",
            "去年の冬、母を病院に連れて行きました。",
            "持病があり、医療者に会うことがよくあります。",
            "妊娠中、何度も健診に通いました。",
        ],
        "passages": [
            ("医師は画面ばかり見て、私を見ませんでした。", "not_listened_to"),
            ("話し終わる前に、大げさだと決めつけられました。", "judged"),
            ("診察は五分で終わり、何も質問できませんでした。", "time_with_professional"),
            ("受付で、ここに来てはいけないような気持ちにさせられました。", "not_welcome"),
            ("看護師が私のような人について心ない一言を言いました。", "unconscious_bias"),
            (
                "検査結果を分かりやすい言葉で説明してくれる人はいませんでした。",
                "accessible_information",
            ),
            ("私に似た医療者に会うことはありません。", "representation"),
            ("私の病気の研究には、私のような人が入っていません。", "research"),
            ("地域の会が、信頼できる医師を探す手伝いをしてくれました。", "community"),
        ],
        "endings": [
            "それ以来、受診を先延ばしにしています。",
            "医師を変えて、今は少し良くなりました。",
            "今も通っていますが、待合室では緊張します。",
            "まず話を聞いて、落ち着いて説明してほしいです。",
        ],
    },
}
