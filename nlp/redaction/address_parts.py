"""Pattern fragments shared by the address modules (``nlp.redaction.addresses`` and
``nlp.redaction.address_small``)."""

UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
# A count is no house number: "Linha Amarela, 300 metros depois", "Rua Augusta 20 minutos".
COUNTS = (
    r"anos?|años?|horas?|hours?|minutos?|minutes?|mins?|dias?|días?|days?|vezes|veces|times|"
    r"meses|months?|semanas?|weeks?|reais|pesos|euros|km|metros|pessoas|personas|people"
)
# English street types, after the street's name: "12 Abbey Road", "4 Elm Gr".
STREET_EN = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Place|Pl|Court|Ct|"
    r"Crescent|Cres|Terrace|Tce|Gardens|Grove|Hill|Square|Sq|Row|Parkway|Pkwy|Highway|Hwy|Mews|"
    r"Walk|Rise|Parade|Pde|Circuit|Cct|Esplanade|Trail|Park|View|Green|Concourse|Plaza|Circle|"
    r"Cir|Turnpike|Tpke|Causeway|Quay|Loop|Alley|"
    # Scottish, Northern English and North American names and their short forms: "2 Willow Wynd",
    # "14 Meadowbank Gdns", "3 Ash Cl".
    r"Wynd|Brae|Vale|Dale|Heights|Hts|Ridge|Glen|Chase|Croft|Gdns|Gr|Cl|Ter|Promenade|Prom|"
    r"Broadway|Embankment|Meadows|Hollow|Landing|Crossing|Pike|Bypass|Fwy|Freeway|Expressway|Expy|"
    r"Motorway|Mwy|Cottages|Villas"
)
