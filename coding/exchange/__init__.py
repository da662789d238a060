"""Codebook exchange: REFI-QDA ``.qdc`` (Codebook.xsd, namespace urn:QDA-XML:codebook:1.0) and CSV,
in every language a code has (``Code.translations``).

- ``.qdc`` (``qdc.py``): REFI-QDA has one ``name`` and one ``Description`` per code. The export
  writes them in the language asked for (English when the code has no label in it) and says which
  in a ``Language: <tag>`` line; every other text of every language follows as a labelled line
  (``Label (fr): …``, ``Inclusion criteria (en): …``), read back on import.
- CSV (``tables.py``): ``label`` and ``label_fallback`` in the language asked for, then one column
  per text and language (``label_en``, ``description_pt-br``, ``example_ja``…) for a round trip.
"""

from coding.exchange.common import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_CODES,
    NS,
    SCHEMA_PATH,
    codebook_schema,
)
from coding.exchange.qdc import codebook_export_qdc, codebook_import_qdc
from coding.exchange.tables import codebook_export_csv, codebook_import_csv

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_CODES",
    "NS",
    "SCHEMA_PATH",
    "codebook_export_csv",
    "codebook_export_qdc",
    "codebook_import_csv",
    "codebook_import_qdc",
    "codebook_schema",
]
