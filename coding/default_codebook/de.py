"""Das Standard-Codebuch auf Deutsch (unsere eigenen Worte): Bezeichnung, Beschreibung,
Einschlusskriterien, Ausschlusskriterien, Beispiel."""

TEXTS = {
    "education": (
        "Durch Bildung stärken",
        "Laufende Fortbildung aller Gesundheitsfachkräfte in kultureller Sensibilität und aktivem "
        "Zuhören, und Arbeit an den unbewussten Vorurteilen, die die Versorgung prägen.",
        "Was Gesundheitsfachkräfte lernen: kulturelle Sensibilität, aktives Zuhören, Vorurteile, "
        "und wie Menschen sich wünschen, dass es gelehrt wird.",
        "Informationen für Patientinnen und Patienten: Verwenden Sie Einheitliche, barrierefreie "
        "Kommunikation fördern.",
        "Pflegekräfte sollten lernen, wie man mit Menschen wie mir spricht.",
    ),
    "research": (
        "Vielfalt in der Forschung fördern",
        "Forschungs- und Ergebnisdaten, die die ganze Bevölkerung abbilden, mit einheitlichen, "
        "offenen Daten über unterrepräsentierte Gruppen und nationalen Standards für Einbeziehung.",
        "Wer an Forschung teilnimmt und wer in Gesundheitsdaten gezählt wird: fehlende Gruppen, "
        "Daten zu Herkunft oder Geschlecht, Standards für Einbeziehung.",
        "Die eigene Behandlung einer Person ohne Bezug zu Forschung oder Daten: Verwenden Sie "
        "Ganzheitliche, personenzentrierte Versorgung in den Mittelpunkt stellen.",
        "In Studien sind nie Menschen wie ich dabei, also weiß niemand, ob das Medikament bei uns "
        "wirkt.",
    ),
    "community": (
        "Gemeinschaften an Entscheidungen beteiligen",
        "Nichts über uns ohne uns: dauerhafte, finanzierte Politik, die gemeinsam mit den "
        "Betroffenen entsteht, zum Beispiel mit Mitgliedern der Gemeinschaft in "
        "Krankenhausgremien.",
        "Patientinnen, Patienten und Gemeinschaften reden mit, wie Dienste geplant und geführt "
        "werden: Gremien, Befragungen, gemeinsam gemachte Regeln.",
        "Die Entscheidungen einer Person über ihre eigene Versorgung: Verwenden Sie "
        "Ganzheitliche, personenzentrierte Versorgung in den Mittelpunkt stellen.",
        "Sie haben die Öffnungszeiten der Praxis geändert, ohne eine von uns zu fragen, die sie "
        "nutzen.",
    ),
    "person_centred": (
        "Ganzheitliche, personenzentrierte Versorgung in den Mittelpunkt stellen",
        "Fachkräften die Zeit und die Mittel geben, die Lage jeder Person zu verstehen, die "
        "Hindernisse, denen sie begegnet, und was sie sich wünscht.",
        "Wie die Person in ihrer eigenen Versorgung behandelt wurde: gehört, beurteilt, wie viel "
        "Zeit sie bekam, wie sie empfangen wurde, ob ihre Lage verstanden wurde.",
        "Fortbildung oder Politik allgemein, ohne eigene Erfahrung mit Versorgung: Verwenden Sie "
        "das passende Thema.",
        "Die Ärztin hat mich gefragt, was mir wichtig ist, bevor sie etwas entschieden hat.",
    ),
    "communication": (
        "Einheitliche, barrierefreie Kommunikation fördern",
        "Gesundheitskompetenz, Materialien, die alle nutzen können, klare Botschaften der "
        "öffentlichen Gesundheit und vertrauenswürdige Stimmen gegen Falschinformationen.",
        "Gesundheitsinformationen und Botschaften: klare Worte, Sprachen, Dolmetschende, "
        "barrierefreie Formate, Vertrauen in Gesundheitsbotschaften, Falschinformationen.",
        "Von einer Fachkraft nicht gehört werden: Verwenden Sie Ganzheitliche, personenzentrierte "
        "Versorgung in den Mittelpunkt stellen.",
        "Das Faltblatt war voller Wörter, die ich nicht verstanden habe.",
    ),
    "workforce": (
        "Gesundheitsfachkräfte für alle",
        "Gesundheitsberufe, die Menschen jeder Herkunft offenstehen, damit das Personal den "
        "Menschen ähnelt, die es versorgt.",
        "Wer im Gesundheitswesen arbeitet: Einstellung, Berufswege, Fachkräfte jeder Herkunft.",
        "Wie eine einzelne Fachkraft die Person behandelt hat: Verwenden Sie Ganzheitliche, "
        "personenzentrierte Versorgung in den Mittelpunkt stellen.",
        "Wir brauchen mehr Pflegekräfte aus unserer eigenen Gemeinschaft.",
    ),
    "not_listened_to": (
        "Kein Gehör gefunden",
        "Die Person sagt, dass eine Fachkraft ihr nicht zugehört oder ihr nicht geglaubt hat.",
        "Beschwerden abgetan, unterbrochen werden, Sorgen nicht notiert oder ohne Folgen.",
        "Wartezeiten oder kurze Termine ohne Hinweis, nicht gehört worden zu sein: Verwenden Sie "
        "Zeit mit der Fachkraft.",
        "Ich habe ihr dreimal gesagt, dass die Schmerzen schlimmer werden, und sie hat weiter "
        "getippt.",
    ),
    "judged": (
        "Vorurteile oder Stereotype",
        "Die Person wurde durch ein Stereotyp darüber behandelt, wer sie ist.",
        "Annahmen über Alkohol, Drogen, Schmerzempfinden, Sexualität oder Kultur.",
        "Unhöflichkeit ohne Bezug dazu, wer die Person ist: Verwenden Sie Nicht willkommen oder "
        "nicht sicher.",
        "Das Erste, was der Arzt gefragt hat, war, ob ich getrunken hatte.",
    ),
    "time_with_professional": (
        "Zeit mit der Fachkraft",
        "Die Zeit, die eine Fachkraft geben konnte, zu kurz oder gut genutzt.",
        "Gehetzte Termine, keine Zeit für Fragen, oder Zeit, die etwas verändert hat.",
        "Bei einem langen Termin übergangen werden: Verwenden Sie Kein Gehör gefunden.",
        "Zehn Minuten, und die Hälfte davon am Computer.",
    ),
    "not_welcome": (
        "Nicht willkommen oder nicht sicher",
        "Die Person fühlte sich an einem Ort der Versorgung nicht willkommen, nicht sicher oder "
        "bloßgestellt.",
        "Feindseliger Empfang, falsch angesprochenes Geschlecht, keine Privatsphäre, Angst, "
        "wiederzukommen.",
        "Ein ausgesprochenes Stereotyp über die Person: Verwenden Sie Vorurteile oder Stereotype.",
        "Am Empfang haben sie vor allen meinen alten Namen aufgerufen.",
    ),
    "unconscious_bias": (
        "Unbewusste Vorurteile",
        "Vorurteile, die der Fachkraft vielleicht nicht bewusst sind, und Fortbildung dazu.",
        "Ungleiche Behandlung, die als unabsichtlich beschrieben wird; Wunsch nach Fortbildung zu "
        "Vorurteilen.",
        "Offene, absichtliche Diskriminierung: Verwenden Sie Vorurteile oder Stereotype.",
        "Selbst mit den besten Absichten haben sie nicht gelernt, an trans Patientinnen und "
        "Patienten zu denken.",
    ),
    "accessible_information": (
        "Barrierefreie Information",
        "Informationen, die die Person verstehen oder nutzen konnte, oder eben nicht.",
        "Fachsprache, keine Dolmetschenden, keine Leichte Sprache oder barrierefreien Formate, "
        "klare Erklärungen.",
        "Beim Sprechen nicht gehört werden: Verwenden Sie Kein Gehör gefunden.",
        "Niemand hat mir den Brief erklärt, und er war nur auf Englisch.",
    ),
    "representation": (
        "Fachkräfte, die mir ähnlich sind",
        "Fachkräfte, die Herkunft, Sprache oder Lebenserfahrung der Person teilen.",
        "Selten oder nie Fachkräfte sehen, die so aussehen oder sprechen wie man selbst; sich "
        "das wünschen.",
        "Berufswege und Einstellung allgemein, ohne eigene Erfahrung mit Versorgung.",
        "In zwanzig Jahren habe ich eine einzige Pflegekraft gesehen, die mir ähnlich ist.",
    ),
}
