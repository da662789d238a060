"""Pattern fragments shared by the address modules (``nlp.redaction.addresses`` and
``nlp.redaction.address_small``)."""

UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
# A count is no house number: "Linha Amarela, 300 metros depois", "Rua Augusta 20 minutos".
COUNTS = (
    r"anos?|años?|horas?|hours?|minutos?|minutes?|mins?|dias?|días?|days?|vezes|veces|times|"
    r"meses|months?|semanas?|weeks?|reais|pesos|euros|km|metros|pessoas|personas|people"
)
