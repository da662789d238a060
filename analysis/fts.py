"""PostgreSQL full-text search in each story's language (shared by the selectors and the index
migration, which must build the very same expression for the planner to use the GIN index)."""

# BCP 47 primary language -> PostgreSQL text search configuration. Others (ja, ...) use
# 'simple': no stemming, but words still match.
LANGUAGE_CONFIGS = {
    "fr": "french",
    "en": "english",
    "pt": "portuguese",
    "es": "spanish",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
}
INDEX_NAME = "analysis_rc_fts_gin"


def fts_config_sql(column: str) -> str:
    """A regconfig for a BCP 47 column: the language's own configuration, else 'simple'."""
    whens = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in LANGUAGE_CONFIGS.items()
    )
    return f"(CASE lower(split_part({column}, '-', 1)) {whens} ELSE 'simple'::regconfig END)"


def fts_vector_sql(prefix: str = "") -> str:
    """``to_tsvector`` of a research copy's redacted text; ``prefix`` qualifies the columns."""
    return f"to_tsvector({fts_config_sql(f'{prefix}detected_language')}, {prefix}redacted_text)"
