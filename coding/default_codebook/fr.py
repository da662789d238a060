"""Le livre de codes par défaut en français (nos propres mots) : libellé, description, critères
d'inclusion, critères d'exclusion, exemple."""

TEXTS = {
    "education": (
        "Former pour transformer",
        "Une formation continue de tous les professionnels de santé à la diversité culturelle et "
        "à l'écoute active, et un travail sur les biais inconscients qui influencent les soins.",
        "Ce que les professionnels de santé apprennent : diversité culturelle, écoute active, "
        "biais, et la façon dont les personnes voudraient que ce soit enseigné.",
        "Les informations données aux patients : utilisez Promouvoir une communication cohérente "
        "et accessible.",
        "Les infirmières et infirmiers devraient apprendre à parler avec des personnes comme moi.",
    ),
    "research": (
        "Défendre la diversité dans la recherche",
        "Des données de recherche et de résultats qui représentent toute la population, des "
        "données cohérentes et ouvertes sur les groupes sous-représentés et des normes nationales "
        "d'inclusion.",
        "Qui participe à la recherche et qui est compté dans les données de santé : groupes "
        "absents, données sur l'origine ou le genre, normes d'inclusion.",
        "Les soins d'une personne sans lien avec la recherche ou les données : utilisez "
        "Privilégier des soins globaux centrés sur la personne.",
        "Les essais n'incluent jamais des personnes comme moi, alors personne ne sait si le "
        "médicament marche pour nous.",
    ),
    "community": (
        "Associer les communautés aux décisions",
        "Rien sur nous sans nous : des politiques durables et financées, construites avec les "
        "personnes concernées, par exemple des sièges pour les usagers dans les conseils "
        "d'hôpitaux.",
        "Les patients et les communautés ont leur mot à dire sur l'organisation des services : "
        "conseils, consultations, politiques construites ensemble.",
        "Les choix d'une personne sur ses propres soins : utilisez Privilégier des soins globaux "
        "centrés sur la personne.",
        "Ils ont changé les horaires du centre sans demander l'avis d'aucun d'entre nous.",
    ),
    "person_centred": (
        "Privilégier des soins globaux centrés sur la personne",
        "Donner aux professionnels le temps et les moyens de comprendre la situation de chaque "
        "personne, les obstacles qu'elle rencontre et ses préférences.",
        "La façon dont la personne a été traitée dans ses propres soins : écoutée, jugée, le "
        "temps accordé, l'accueil, sa situation comprise.",
        "La formation ou les politiques en général, sans expérience personnelle de soins : "
        "utilisez le thème concerné.",
        "Le médecin m'a demandé ce qui comptait pour moi avant de décider quoi que ce soit.",
    ),
    "communication": (
        "Promouvoir une communication cohérente et accessible",
        "La littératie en santé, des supports accessibles à tous, des messages de santé publique "
        "clairs et des relais de confiance contre la désinformation.",
        "Les informations et messages de santé : mots clairs, langues, interprètes, formats "
        "accessibles, confiance dans les messages de santé publique, désinformation.",
        "Ne pas être écouté·e par un professionnel : utilisez Privilégier des soins globaux "
        "centrés sur la personne.",
        "La brochure était pleine de mots que je ne comprenais pas.",
    ),
    "workforce": (
        "Des professionnels de santé pour tous",
        "Des carrières de santé ouvertes à toutes les origines, pour que les soignants "
        "ressemblent aux personnes qu'ils soignent.",
        "Qui travaille dans la santé : recrutement, carrières, professionnels de toutes origines.",
        "La façon dont un professionnel a traité la personne : utilisez Privilégier des soins "
        "globaux centrés sur la personne.",
        "Il nous faut plus d'infirmières et d'infirmiers issus de notre communauté.",
    ),
    "not_listened_to": (
        "Pas écouté·e",
        "La personne dit qu'un professionnel n'a pas entendu ou pas cru ce qu'elle disait.",
        "Symptômes minimisés, être interrompu·e, inquiétudes non notées ou sans suite.",
        "L'attente ou une consultation pressée sans signe de ne pas être entendu·e : utilisez "
        "Temps avec le professionnel.",
        "Je lui ai dit trois fois que la douleur empirait et elle continuait de taper.",
    ),
    "judged": (
        "Jugé·e ou stéréotypé·e",
        "La personne a été traitée à travers un stéréotype sur ce qu'elle est.",
        "Suppositions sur l'alcool, la drogue, la résistance à la douleur, la sexualité ou la "
        "culture.",
        "Une impolitesse sans lien avec ce qu'est la personne : utilisez Mal accueilli·e ou en "
        "insécurité.",
        "La première chose que le médecin m'a demandée, c'est si j'avais bu.",
    ),
    "time_with_professional": (
        "Temps avec le professionnel",
        "Le temps qu'un professionnel a pu consacrer, trop court ou bien employé.",
        "Rendez-vous pressés, pas le temps de poser des questions, ou un temps qui a tout changé.",
        "Être ignoré·e pendant une longue consultation : utilisez Pas écouté·e.",
        "Dix minutes, dont la moitié sur l'ordinateur.",
    ),
    "not_welcome": (
        "Mal accueilli·e ou en insécurité",
        "La personne s'est sentie mal accueillie, en insécurité ou exposée dans un lieu de soin.",
        "Accueil hostile, mauvais genre employé, pas d'intimité, peur d'y retourner.",
        "Un stéréotype exprimé sur la personne : utilisez Jugé·e ou stéréotypé·e.",
        "À l'accueil, ils ont appelé mon ancien prénom devant tout le monde.",
    ),
    "unconscious_bias": (
        "Biais inconscients",
        "Des biais dont le professionnel n'a pas conscience, et la formation qui les traite.",
        "Une inégalité de traitement décrite comme involontaire ; des demandes de formation aux "
        "biais.",
        "Une discrimination ouverte et voulue : utilisez Jugé·e ou stéréotypé·e.",
        "Même avec les meilleures intentions, ils ne sont pas formés à penser aux patients trans.",
    ),
    "accessible_information": (
        "Information accessible",
        "Des informations que la personne a pu ou non comprendre ou utiliser.",
        "Jargon, pas d'interprète, pas de version facile à lire ou accessible, des explications "
        "claires.",
        "Ne pas être écouté·e quand on parle : utilisez Pas écouté·e.",
        "Personne ne m'a expliqué la lettre, et elle n'était qu'en anglais.",
    ),
    "representation": (
        "Des soignants qui me ressemblent",
        "Des soignants qui partagent l'origine, la langue ou l'expérience de vie de la personne.",
        "Ne voir que rarement ou jamais des professionnels qui lui ressemblent ou parlent comme "
        "elle ; le souhaiter.",
        "Les carrières et le recrutement en général, sans expérience personnelle de soins.",
        "En vingt ans, j'ai vu une seule infirmière qui me ressemble.",
    ),
}
