"""The words before a person's name in Latin-script languages (``nlp.redaction.names``).

- Strong cues: after them the next capitalised words are a name whatever they are ("my name is",
  "me llamo", "meu nome é", "ich heiße"...).
- Weak cues: after them a word is a name only when it is a known given name ("I am", "soy").
- Relatives and carers: after them a capitalised word is a name ("ma fille Inès", "minha sobrinha
  Yakecan", "my auntie jen" is left to ``nlp.redaction.name_informal``).
"""

# Cues after which the next capitalised words are a name whatever they are.
STRONG_CUES = [
    r"je m['’]appelle",
    r"il s['’]appelle",
    r"elle s['’]appelle",
    r"s['’]appelait",
    r"s['’]appelle",
    r"moi,? c['’]est",
    r"(?:appelée?|nommée?|prénommée?|surnommée?)",
    r"my name is",
    r"his name (?:is|was)",
    r"her name (?:is|was)",
    r"their name (?:is|was)",
    r"(?:called|named)",
    r"me llamo",
    r"mi nombre es",
    r"se llama",
    r"meu nome é",
    r"me chamo",
    r"se chama",
    r"chamad[ao]",
    r"ich heiße",
    r"mein name ist",
    r"signée?",
    r"signed",
    r"assinad[ao]",
    r"firmad[ao]",
    r"(?:casar|casei|casou|casad[ao]) com (?:a|o)",
    r"(?:we|they|everyone|people) (?:all )?call (?:her|him|me|them)",
    r"sou (?:a|o)",
    r"soy (?:la|el)",
    r"me (?:llaman|chamam|dicen)(?: de)?",
    r"nennt mich",
    r"heiße ich",
    r"heißt (?:er|sie)",
    r"heiße",
    r"i['’]m called",
    r"(?:me|nos) chama(?:m|va|vam)? de",
    r"apelid(?:o|ad[ao])(?: de)?",
    r"conocid[ao] como",
    r"(?:known|better known) as",
    r"goes by",
    r"(?:nennen|nannten|nennt|nannte) (?:mich|ihn|sie|uns)",
    r"on m['’]appel(?:le|ait)",
    r"namens",
    r"mit (?:dem )?namen",
    r"llamad[ao]",
    r"de nombre",
    r"de nome",
    r"m['’]appel(?:le|lent|ait|aient)",
    # A greeting, then "I am": "Hola, soy Sol", "Hi, I'm Hope" (not German: "ich bin Ärztin").
    r"(?:hola|olá|oi|hi|hello|hey|bonjour|salut|coucou),? (?:soy|sou|i['’]m|i am|je suis)",
]
# Cues after which the next word is a name only when it is a known given name.
WEAK_CUES = [r"je suis", r"i am", r"i['’]m", r"ich bin", r"eu sou", r"soy", r"c['’]est"]
# Relatives and carers, after which a capitalised word is a name ("ma fille Inès").
RELATIVE_CUES = [
    r"(?:mon|ma|notre|son|sa) (?:fils|fille|mari|femme|époux|épouse|compagnon|compagne|"
    r"conjoint|conjointe|frère|sœur|soeur|mère|père|grand-mère|grand-père|amie?|voisine?|"
    r"cousine?|neveu|nièce|tante|oncle|partenaire|aidante?|médecin|infirmière|infirmier|"
    r"généraliste|sage-femme|petite-fille|petit-fils|belle-mère|beau-père)",
    r"(?:my|our|his|her) (?:son|daughter|husband|wife|partner|brother|sister|mother|mum|mom|"
    r"father|dad|friend|neighbour|neighbor|cousin|nephew|niece|aunt|uncle|carer|caregiver|"
    r"grandmother|grandfather|grandson|granddaughter|girlfriend|boyfriend|fiancée?|gp|"
    r"doctor|nurse|midwife|consultant|social worker|support worker|gran|granny|grandma|nan|nana|"
    r"grandad|grandpa|auntie|aunty|stepson|stepdaughter|stepmum|stepmom|stepdad|twin|"
    r"(?:mother|father|sister|brother|son|daughter)-in-law|fiancé|carer|key worker|keyworker)",
    r"(?:meu|minha|nosso|nossa|sua) (?:filho|filha|marido|esposa|esposo|irmão|irmã|mãe|pai|"
    r"médico|médica|sobrinho|sobrinha|neto|neta|avô|avó|tio|tia|primo|prima|vizinho|vizinha|"
    r"amigo|amiga|sogro|sogra|cunhado|cunhada|companheiro|companheira|namorado|namorada|"
    r"enteado|enteada|afilhado|afilhada)",
    r"(?:mi|su|nuestro|nuestra) (?:hijo|hija|marido|esposo|esposa|hermano|hermana|madre|"
    r"padre|médico|médica|sobrino|sobrina|nieto|nieta|abuelo|abuela|tío|tía|primo|prima|"
    r"vecino|vecina|amigo|amiga|suegro|suegra|cuñado|cuñada|pareja|novio|novia|compañero|"
    r"compañera|mujer|ahijado|ahijada)",
    r"(?:mein|meine|unser|unsere|sein|seine|ihr|ihre) (?:sohn|tochter|mann|frau|bruder|"
    r"schwester|mutter|vater|ärztin|arzt|enkel|enkelin|freund|freundin|nachbar|nachbarin|"
    r"partner|partnerin|kollege|kollegin|oma|opa|tante|onkel|cousine|cousin|hebamme|betreuerin)",
    # "soy mamá de Santiago", "mãe do Kauã", "mother of Ada".
    r"(?:mamá|madre|papá|padre|mãe|pai|mother|father|mum|mom|dad) (?:de|do|da|of)",
    r"(?:my|our|his|her) (?:pal|mate|buddy|flatmate|roommate|colleague)",
]
