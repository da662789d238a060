"""The demo events' session titles and session logs in each programme language (our own words).

``events.demo`` picks the texts of an event's first language, so a Japanese event's sessions read
in Japanese and a Brazilian one's in Portuguese. Keyed by BCP 47 code; English is the fallback.
"""

# (welcome, small groups, role play) session titles.
SESSION_TITLES = {
    "en": (
        "Welcome and listening circle",
        "Small-group testimonies",
        "Role play with health professionals",
    ),
    "fr": (
        "Accueil et cercle d'écoute",
        "Témoignages en petits groupes",
        "Jeu de rôle avec des professionnels de santé",
    ),
    "pt-BR": (
        "Acolhimento e roda de escuta",
        "Histórias em pequenos grupos",
        "Dramatização com profissionais de saúde",
    ),
    "es": (
        "Bienvenida y círculo de escucha",
        "Relatos en grupos pequeños",
        "Juego de roles con profesionales de la salud",
    ),
    "de": (
        "Begrüßung und Zuhörkreis",
        "Geschichten in kleinen Gruppen",
        "Rollenspiel mit Gesundheitsfachkräften",
    ),
    "ja": (
        "ようこそ・聞き合いの輪",
        "少人数グループでの体験談",
        "医療者とのロールプレイ",
    ),
}

# (topics discussed, concerns raised) in each session log.
SESSION_LOGS = {
    "en": (
        "Being listened to; time with professionals; access",
        "Judgement at reception; lack of interpreters",
    ),
    "fr": (
        "Être écouté·e ; le temps avec les soignants ; l'accès aux soins",
        "Des jugements à l'accueil ; le manque d'interprètes",
    ),
    "pt-BR": (
        "Ser ouvido; tempo com os profissionais; acesso",
        "Julgamento na recepção; falta de intérpretes",
    ),
    "es": (
        "Sentirse escuchado; tiempo con los profesionales; acceso",
        "Juicios en la recepción; falta de intérpretes",
    ),
    "de": (
        "Gehört werden; Zeit mit Fachkräften; Zugang",
        "Vorurteile am Empfang; fehlende Dolmetschende",
    ),
    "ja": (
        "話を聞いてもらうこと、医療者と話す時間、受診のしやすさ",
        "受付での偏見、通訳がいないこと",
    ),
}


def texts_for(languages: list[str]) -> tuple[tuple[str, ...], tuple[str, str]]:
    """The session titles and log texts in the first of ``languages`` we have, else English."""
    for code in [*languages, "en"]:
        if code in SESSION_TITLES:
            return SESSION_TITLES[code], SESSION_LOGS[code]
    return SESSION_TITLES["en"], SESSION_LOGS["en"]
