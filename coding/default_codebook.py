"""The default codebook's content: the six action themes, their sub-codes and guidance, in
English and French (our own words). ``coding.services.codebook_default_seed`` writes it."""

# The six action themes: key, English and French labels and descriptions (our own words).
THEMES = [
    (
        "education",
        "Empower through education",
        "Former pour transformer",
        "Ongoing training for every health professional in cultural awareness and active "
        "listening, and work on the unconscious biases that shape care.",
        "Une formation continue de tous les professionnels de santé à la diversité culturelle et "
        "à l'écoute active, et un travail sur les biais inconscients qui influencent les soins.",
    ),
    (
        "research",
        "Champion diversity in research",
        "Défendre la diversité dans la recherche",
        "Research and outcome data that represent the whole population, with consistent and open "
        "data on under-represented groups and national standards for inclusion.",
        "Des données de recherche et de résultats qui représentent toute la population, des "
        "données cohérentes et ouvertes sur les groupes sous-représentés et des normes nationales "
        "d'inclusion.",
    ),
    (
        "community",
        "Include communities in decision-making",
        "Associer les communautés aux décisions",
        "Nothing about us without us: lasting, funded policy built together with the people it "
        "affects, such as community members sitting on hospital boards.",
        "Rien sur nous sans nous : des politiques durables et financées, construites avec les "
        "personnes concernées, par exemple des sièges pour les usagers dans les conseils "
        "d'hôpitaux.",
    ),
    (
        "person_centred",
        "Prioritise holistic, person-centred care",
        "Privilégier des soins globaux centrés sur la personne",
        "Giving professionals the time and means to understand each person's situation, the "
        "obstacles they face and what they prefer.",
        "Donner aux professionnels le temps et les moyens de comprendre la situation de chaque "
        "personne, les obstacles qu'elle rencontre et ses préférences.",
    ),
    (
        "communication",
        "Promote consistent, accessible communication",
        "Promouvoir une communication cohérente et accessible",
        "Health literacy, materials everyone can use, clear public-health messages and trusted "
        "voices that counter misinformation.",
        "La littératie en santé, des supports accessibles à tous, des messages de santé publique "
        "clairs et des relais de confiance contre la désinformation.",
    ),
    (
        "workforce",
        "Health professionals for everyone",
        "Des professionnels de santé pour tous",
        "Health careers open to people of every background, so that the workforce looks like the "
        "people it cares for.",
        "Des carrières de santé ouvertes à toutes les origines, pour que les soignants "
        "ressemblent aux personnes qu'ils soignent.",
    ),
]

# A few sub-codes under the themes, drawn from the reasons people give for lost trust.
SUB_CODES = [
    ("person_centred", "not_listened_to", "Not listened to", "Pas écouté·e"),
    ("person_centred", "judged", "Judged or stereotyped", "Jugé·e ou stéréotypé·e"),
    (
        "person_centred",
        "time_with_professional",
        "Time with the professional",
        "Temps avec le professionnel",
    ),
    ("person_centred", "not_welcome", "Not welcome or unsafe", "Mal accueilli·e ou en insécurité"),
    ("education", "unconscious_bias", "Unconscious bias", "Biais inconscients"),
    ("communication", "accessible_information", "Accessible information", "Information accessible"),
    ("workforce", "representation", "Carers who look like me", "Des soignants qui me ressemblent"),
]

# Sub-code guidance for coders: description (en, fr), inclusion, exclusion, an example (ours).
SUB_CODE_GUIDANCE = {
    "not_listened_to": (
        "The person says a professional did not hear or believe what they said.",
        "La personne dit qu'un professionnel n'a pas entendu ou pas cru ce qu'elle disait.",
        "Symptoms dismissed, being interrupted, concerns not written down or not acted on.",
        "Waiting times or rushed visits with no sign of being unheard: use Time with the "
        "professional.",
        "I told her three times that the pain was getting worse and she kept typing.",
    ),
    "judged": (
        "The person was treated through a stereotype about who they are.",
        "La personne a été traitée à travers un stéréotype sur ce qu'elle est.",
        "Assumptions about drinking, drugs, pain tolerance, sexuality or culture.",
        "Rudeness with no link to who the person is: use Not welcome or unsafe.",
        "The first thing the doctor asked was whether I had been drinking.",
    ),
    "time_with_professional": (
        "The time a professional could give, too short or well used.",
        "Le temps qu'un professionnel a pu consacrer, trop court ou bien employé.",
        "Rushed appointments, no time to ask questions, or time that made a difference.",
        "Being ignored during a long visit: use Not listened to.",
        "Ten minutes, and half of it on the computer.",
    ),
    "not_welcome": (
        "The person felt unwelcome, unsafe or exposed in a care setting.",
        "La personne s'est sentie mal accueillie, en insécurité ou exposée dans un lieu de soin.",
        "Hostile reception, being misgendered, no privacy, fear of going back.",
        "A stereotype voiced about the person: use Judged or stereotyped.",
        "At reception they called out my old name in front of everyone.",
    ),
    "unconscious_bias": (
        "Bias the professional may not be aware of, and training that addresses it.",
        "Des biais dont le professionnel n'a pas conscience, et la formation qui les traite.",
        "Unequal treatment described as unintentional; calls for bias training.",
        "Open, deliberate discrimination: use Judged or stereotyped.",
        "Even with the best intentions, they are not trained to think about trans patients.",
    ),
    "accessible_information": (
        "Information the person could or could not understand or use.",
        "Des informations que la personne a pu ou non comprendre ou utiliser.",
        "Jargon, no interpreter, no easy-read or accessible formats, clear explanations.",
        "Not being heard when speaking: use Not listened to.",
        "Nobody explained the letter, and it was only in English.",
    ),
    "representation": (
        "Carers who share the person's background, language or life experience.",
        "Des soignants qui partagent l'origine, la langue ou l'expérience de vie de la personne.",
        "Rarely or never seeing professionals who look or speak like them; wishing they did.",
        "Careers and recruitment in general with no personal experience of care.",
        "In twenty years I have seen one nurse who looks like me.",
    ),
}

THEME_COLOURS = ["#1f5f8b", "#7a3e9d", "#2e7d32", "#b3541e", "#00695c", "#8e244d"]
