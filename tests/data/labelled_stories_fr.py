"""French labelled stories, written for Entendu's tests (fictional people, numbers and places).

Markup: ``{{LABEL|text}}`` marks a direct identifier (PERSON, EMAIL, PHONE, ADDRESS, ID); the
codes are the story's document-level codes (sub-codes imply their parent theme).
"""

STORIES_FR = [
    (
        ["person_centred", "not_listened_to"],
        "Je m'appelle {{PERSON|Nadia Benali}}. Aux urgences de Créteil, j'ai expliqué trois fois "
        "que j'avais mal au ventre depuis deux jours. L'interne ne m'a pas écoutée, il regardait "
        "son écran. On m'a renvoyée chez moi avec du paracétamol et c'était une appendicite.",
    ),
    (
        ["education", "unconscious_bias", "person_centred", "judged"],
        "Quand je suis arrivée enceinte et que je vomissais du sang, le médecin m'a d'abord "
        "demandé si j'avais bu. Parce que je suis noire et que j'étais seule, il a supposé des "
        "choses. Ces préjugés, il faut que les soignants soient formés à les reconnaître.",
    ),
    (
        ["education"],
        "Je suis une femme trans. Le docteur {{PERSON|Lemaire}} était plein de bonne volonté, mais "
        "il n'avait jamais été formé à accueillir une personne trans. Il m'a posé des questions "
        "sans rapport avec ma consultation. Il faudrait une formation obligatoire pour tous les "
        "médecins.",
    ),
    (
        ["workforce", "representation"],
        "Dans tout mon parcours, je n'ai jamais vu une soignante qui me ressemble. Mes filles "
        "voudraient devenir infirmières mais elles pensent que ce métier n'est pas pour des filles "
        "comme elles. Il faut ouvrir les études de santé aux jeunes des quartiers.",
    ),
    (
        ["communication", "accessible_information"],
        "Je suis sourde. À la maternité, personne ne parlait la langue des signes et on ne m'a "
        "jamais proposé d'interprète. Les documents de sortie étaient incompréhensibles, pleins "
        "de jargon médical. Mon mari {{PERSON|Karim}} a dû tout m'expliquer.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "Le généraliste m'accorde dix minutes, montre en main. Avec trois maladies chroniques, "
        "je n'ai jamais le temps d'en parler. J'aimerais qu'il prenne le temps de comprendre ma "
        "situation, mes horaires de travail de nuit, mes contraintes.",
    ),
    (
        ["community"],
        "Notre association de patients demande depuis des années un siège au conseil de "
        "surveillance de l'hôpital. Rien sur nous sans nous : les personnes concernées doivent "
        "participer aux décisions, pas seulement être consultées une fois par an.",
    ),
    (
        ["research"],
        "Les essais cliniques sur mon traitement ont été faits presque uniquement sur des hommes "
        "blancs. Personne ne sait si la dose est adaptée aux femmes africaines. Il faut des "
        "données qui représentent toute la population.",
    ),
    (
        ["person_centred", "not_welcome"],
        "À l'accueil du centre de santé, la secrétaire a soupiré quand j'ai montré mon attestation "
        "d'aide médicale d'État. Je me suis sentie de trop, pas la bienvenue. Depuis, je n'y suis "
        "jamais retournée. Vous pouvez me joindre au {{PHONE|06 12 48 73 90}}.",
    ),
    (
        ["person_centred", "judged"],
        "Le rhumatologue a dit devant moi à l'interne que « ces patientes-là exagèrent toujours la "
        "douleur ». J'ai compris qu'il parlait des femmes maghrébines. Je me suis sentie jugée et "
        "humiliée.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "Mon fils {{PERSON|Ilyes}} est autiste. Aux urgences pédiatriques, on ne m'a pas crue "
        "quand je disais qu'il avait mal : personne n'a tenu compte de ce que je disais, alors "
        "que c'est moi qui le connais le mieux. Écrivez-moi à "
        "{{EMAIL|s.haddad.famille@laposte.net}}.",
    ),
    (
        ["communication"],
        "Pendant l'épidémie, les messages de santé publique changeaient toutes les semaines. Dans "
        "mon immeuble, beaucoup de voisins âgés ont cru les rumeurs sur les réseaux sociaux. Il "
        "manquait des relais de confiance pour lutter contre la désinformation.",
    ),
    (
        ["education", "unconscious_bias"],
        "La sage-femme, Mme {{PERSON|Girard}}, m'a dit que les femmes de ma culture « supportent "
        "bien la douleur ». Je n'ai pas eu de péridurale à temps. Ce sont des stéréotypes que les "
        "écoles de sage-femmes devraient combattre, des biais inconscients.",
    ),
    (
        ["person_centred", "time_with_professional", "communication"],
        "J'ai soixante-dix-huit ans et je ne sais pas me servir d'internet. Pour prendre rendez-"
        "vous il faut passer par une application. Le cardiologue, le docteur {{PERSON|Bernard "
        "Vasseur}}, est toujours pressé ; il ne prend pas le temps d'expliquer les résultats.",
    ),
    (
        ["workforce"],
        "J'ai voulu faire médecine mais ma famille n'avait pas les moyens de payer une prépa. Des "
        "bourses pour les étudiants issus de milieux modestes changeraient beaucoup de choses : "
        "les futurs médecins viendraient de tous les milieux.",
    ),
    (
        ["community"],
        "Après notre dialogue à Lyon, l'hôpital a promis de créer un comité d'usagers avec des "
        "personnes handicapées. Nous attendons toujours. Ma voisine {{PERSON|Josiane Perrin}}, "
        "qui est en fauteuil, voulait en faire partie. Contact : {{PHONE|04 78 62 19 05}}.",
    ),
    (
        ["person_centred", "not_welcome"],
        "Avec mon fauteuil roulant, je n'ai pas pu entrer dans le cabinet de gynécologie : deux "
        "marches et pas de rampe. La gynécologue m'a proposé de revenir « quand ce serait plus "
        "simple ». Je me suis sentie rejetée, mal accueillie.",
    ),
    (
        ["research"],
        "On ne connaît pas le nombre de personnes LGBT+ suivies pour un cancer, parce que les "
        "hôpitaux ne collectent pas ces données. Sans statistiques fiables, les inégalités restent "
        "invisibles. Il faut des données standardisées et transparentes.",
    ),
    (
        ["person_centred", "not_listened_to", "judged"],
        "J'ai dit au médecin que je souffrais d'endométriose. Il a répondu que c'était sûrement "
        "dans ma tête, que j'étais trop stressée. Il ne m'a pas prise au sérieux. Huit ans de "
        "diagnostic. Je m'appelle {{PERSON|Élodie Marchand}} et j'habite au "
        "{{ADDRESS|14 rue des Tanneurs, 59000 Lille}}.",
    ),
    (
        ["communication", "accessible_information"],
        "Je lis mal le français. Les ordonnances et les notices sont écrites trop petit, avec des "
        "mots compliqués. Un document en facile à lire et à comprendre, avec des images, m'aurait "
        "aidée à prendre mon traitement correctement.",
    ),
    (
        ["workforce", "representation"],
        "Quand j'ai enfin été soignée par un médecin qui parlait wolof, j'ai pu tout dire. Il "
        "comprenait ma vie et ma famille. Il faudrait plus de soignants issus de la diversité, "
        "qui partagent nos expériences.",
    ),
    (
        ["person_centred"],
        "Ce qui m'a redonné confiance, c'est une infirmière de l'équipe de dialyse, "
        "{{PERSON|Fatou Diop}}. Elle me voyait comme une personne entière, pas comme un rein. "
        "Elle s'est intéressée à mon travail, à mon deuil, à ma vie.",
    ),
    (
        ["education"],
        "À l'hôpital Tenon, les internes suivent maintenant un module sur l'écoute active et la "
        "diversité culturelle. Le docteur {{PERSON|Amadou Sow}}, qui l'anime, dit que ça change "
        "déjà les consultations. Il faut généraliser ces formations.",
    ),
    (
        ["person_centred", "judged"],
        "Parce que je suis grosse, chaque consultation tourne autour de mon poids, quelle que soit "
        "la raison de ma venue. Le médecin m'a fait la morale au lieu de m'examiner. Je me sens "
        "jugée à chaque fois.",
    ),
    (
        ["community"],
        "Nous avons co-construit avec l'agence régionale de santé un plan d'action pour les "
        "personnes âgées isolées. Les habitants du quartier ont voté les priorités. C'est la "
        "première fois qu'on nous associe vraiment aux décisions.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "Ma mère, {{PERSON|Odette Lambert}}, 84 ans, a été hospitalisée pour une chute. Les "
        "soignants parlaient de son cas devant elle comme si elle n'était pas là. Personne ne lui "
        "demandait son avis. Pour la famille : {{EMAIL|famille.lambert@orange.fr}}.",
    ),
    (
        ["communication"],
        "On m'a annoncé mon diagnostic de VIH dans un couloir, en trente secondes, sans "
        "explication. J'aurais eu besoin d'informations claires, de documents, d'un numéro à "
        "appeler. La communication est aussi importante que le traitement.",
    ),
    (
        ["research", "community"],
        "Les chercheurs viennent dans nos quartiers prendre des prélèvements puis disparaissent. "
        "Nous ne voyons jamais les résultats. Les communautés devraient participer à la "
        "conception des études et être représentées dans la recherche.",
    ),
    (
        ["person_centred", "not_welcome"],
        "Je suis demandeur d'asile. À la PMI, l'agent de sécurité m'a demandé mes papiers avant "
        "même que je dise bonjour. Je ne me suis pas sentie en sécurité. M. {{PERSON|Rakotomalala}}"
        ", le médiateur, m'a ensuite aidée.",
    ),
    (
        ["education", "unconscious_bias"],
        "Le dermatologue n'avait jamais vu d'eczéma sur une peau noire. Les manuels de médecine "
        "ne montrent que des peaux blanches. Les études de médecine doivent former à reconnaître "
        "les maladies sur toutes les couleurs de peau.",
    ),
    (
        ["workforce"],
        "En tant qu'aide-soignante, je vois que les postes de cadre sont toujours pour les mêmes "
        "profils. L'accès aux carrières de santé doit être ouvert à tous, quelle que soit "
        "l'origine. Mon numéro professionnel : {{PHONE|+33 1 45 67 89 12}}.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "Le psychiatre du CMP ne me voit que quinze minutes par mois. Il renouvelle l'ordonnance "
        "sans me regarder. J'aurais besoin de plus de temps pour parler de ce qui ne va pas.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "Je suis {{PERSON|Rachida}}, j'ai 67 ans. Quand j'ai signalé les effets secondaires de mon "
        "traitement, le pharmacien a haussé les épaules. Mes plaintes ont été ignorées jusqu'à mon "
        "hospitalisation.",
    ),
    (
        ["communication", "accessible_information"],
        "Pour les personnes aveugles comme moi, les comptes rendus d'examen en PDF scanné sont "
        "illisibles. J'ai demandé un format accessible. Mon dossier porte le numéro "
        "{{ID|IPP 00482193}} et personne n'a su répondre.",
    ),
    (
        ["person_centred", "judged"],
        "Quand j'ai dit que j'étais lesbienne, la gynécologue a changé de ton. Elle m'a fait une "
        "remarque sur « mon mode de vie ». Je me suis sentie jugée, stigmatisée. "
        "{{PERSON|Camille Roussel}}, {{EMAIL|camille.roussel@protonmail.com}}.",
    ),
    (
        ["community"],
        "Au dialogue organisé avec APF France handicap, les directeurs d'hôpitaux nous ont "
        "écoutés. Ils se sont engagés à intégrer des représentants des usagers dans leurs "
        "instances. Nous suivrons ces engagements de près.",
    ),
    (
        ["research"],
        "Mon médecin m'a proposé de participer à une étude, mais le formulaire était seulement "
        "en français académique. Les personnes migrantes sont exclues de la recherche sans même "
        "qu'on s'en rende compte. La recherche doit inclure la diversité.",
    ),
    (
        ["person_centred", "not_welcome"],
        "Mon fils trans a été appelé par son ancien prénom à voix haute dans la salle d'attente. "
        "Il s'est senti humilié et en danger. Le lendemain, il refusait de retourner à l'hôpital. "
        "Notre adresse : {{ADDRESS|3 bis avenue Jean Jaurès, 31000 Toulouse}}.",
    ),
    (
        ["education"],
        "Je forme des étudiants infirmiers. Je leur apprends à écouter avant de juger, à demander "
        "le prénom d'usage, à questionner leurs réflexes. La formation continue des "
        "professionnels est la clé pour regagner la confiance.",
    ),
    (
        ["workforce", "representation"],
        "Il n'y a aucun médecin qui parle créole dans notre centre. Ma grand-mère "
        "{{PERSON|Ginette Laventure}} ne comprend pas la moitié de ce qu'on lui dit. Des "
        "soignants qui parlent comme nous, ce serait déjà un grand pas.",
    ),
    (
        ["person_centred"],
        "Avec le docteur {{PERSON|Nguyen}}, c'était différent : elle m'a demandé comment je vivais "
        "ma maladie, ce qui comptait pour moi, mes préférences. Des soins centrés sur la personne, "
        "enfin.",
    ),
    (
        ["communication"],
        "Les campagnes de vaccination ne parlent jamais de nous, les gens du voyage. Personne ne "
        "vient expliquer. Une médiatrice de santé de notre communauté serait plus écoutée que "
        "n'importe quelle affiche.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "J'avais des douleurs thoraciques. L'urgentiste a dit que c'était une crise d'angoisse, "
        "sans examen. J'ai fait un infarctus deux jours plus tard. On ne m'a pas écoutée parce "
        "que j'étais une femme de quarante ans.",
    ),
    (
        ["person_centred", "judged"],
        "Je consomme de la méthadone. Dès que l'infirmier l'a lu dans mon dossier, il m'a traité "
        "comme un drogué qui cherche des médicaments. Mépris, jugement. Appelez-moi au "
        "{{PHONE|07.81.22.64.03}} si vous voulez en parler. {{PERSON|Thierry Roux}}.",
    ),
    (
        ["research"],
        "Les registres de santé ne mentionnent ni le handicap ni l'origine. Comment mesurer les "
        "inégalités sans ces données ? Des normes nationales d'inclusion dans les données de santé "
        "sont nécessaires.",
    ),
    (
        ["education", "unconscious_bias"],
        "Le médecin a cru que mon mari me battait parce que je portais le voile et que j'avais un "
        "bleu. Il ne m'a pas posé la question, il a supposé. Ces biais inconscients font mal. Mon "
        "mari s'appelle {{PERSON|Youssef}}, il n'a jamais levé la main sur moi.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "À l'Ehpad, les aides-soignantes courent toute la journée. Ma tante {{PERSON|Yvette}} "
        "attend parfois une heure qu'on l'aide à aller aux toilettes. Ce n'est pas leur faute : "
        "il manque du personnel et du temps.",
    ),
    (
        ["communication", "accessible_information"],
        "Les rendez-vous sont envoyés par SMS en français seulement. Mes parents parlent "
        "portugais. Une traduction des informations essentielles changerait tout. Téléphone de "
        "ma mère : {{PHONE|+351 912 345 678}}.",
    ),
    (
        ["community"],
        "Nous demandons que les budgets de santé du département soient discutés avec les "
        "associations de quartier. Une politique durable et financée, construite avec nous, "
        "pas pour nous.",
    ),
    (
        ["workforce"],
        "Je suis infirmière en situation de handicap. On m'a dit en entretien que l'hôpital "
        "n'était « pas adapté ». Les métiers de la santé doivent être accessibles à tous les "
        "profils, sinon les équipes ne ressembleront jamais aux patients.",
    ),
    (
        ["person_centred", "not_welcome"],
        "J'ai été hébergée par le 115 pendant un an. À chaque passage aux urgences, on me faisait "
        "attendre des heures, on me parlait mal. Un sans-abri, ça dérange. Je ne me suis jamais "
        "sentie accueillie.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "L'infirmière {{PERSON|Sandrine}} a été la seule à m'écouter. Les médecins, eux, "
        "ignoraient ce que je disais de ma douleur chronique. Elle a noté mes mots dans le dossier "
        "et tout a changé.",
    ),
    (
        ["education", "person_centred"],
        "Mon médecin traitant, le docteur {{PERSON|Claire Fontaine}}, a suivi une formation sur "
        "les violences faites aux femmes. Elle a su me poser les bonnes questions et prendre le "
        "temps. Formez tous les médecins comme elle.",
    ),
    (
        ["research", "communication"],
        "J'ai participé à une étude sur le diabète mais on ne m'a jamais envoyé les résultats. "
        "Les chercheurs devraient rendre compte aux participants, dans un langage clair. Mon "
        "identifiant d'étude était {{ID|DIAB-2023-004417}}.",
    ),
    (
        ["person_centred", "judged"],
        "En arrivant avec mes enfants, l'accueil m'a demandé si « le père était dans les "
        "parages ». Mère célibataire et noire, j'ai senti le stéréotype. Contactez "
        "{{PERSON|Aminata Keïta}} au {{PHONE|0645789123}}.",
    ),
    (
        ["workforce", "representation", "education"],
        "Je suis interne, fille d'ouvriers immigrés. Des patients me disent qu'ils ont confiance "
        "parce que je leur ressemble. Il faut plus de soignants comme moi, et former tous les "
        "autres à la diversité.",
    ),
    (
        ["person_centred"],
        "Après ma greffe, l'équipe m'a aidé à reprendre le travail, a parlé avec ma famille, a "
        "tenu compte de ma religion pour les horaires des médicaments. Une prise en charge "
        "globale, humaine. Merci au professeur {{PERSON|Hamid Benyahia}}.",
    ),
]
