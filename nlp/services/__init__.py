"""NLP writes (the package's public names, by job): analysis of stories and theme suggestions,
lexicon edits, bulk jobs, classifier training, failures, erasure.

The reads the services share (lexicon matchers and revisions, a job's stories) are in
``nlp.selectors`` and re-exported here for the callers that used to find them here.
"""

from nlp.selectors import (
    LEXICON_SOURCE,
    job_stories,
    lexicon_entries,
    lexicon_matcher,
    lexicon_revision,
    lexicon_version,
    shipped_code_keys,
)
from nlp.services.analysis import (
    suggestions_write,
    testimonies_analyse,
    testimonies_embed_request,
    testimonies_tag,
    testimony_analyse_request,
)
from nlp.services.classifier import classifier_request, classifier_train
from nlp.services.embedding import testimonies_embed
from nlp.services.erasure import erase_for_testimony, on_scopes_narrowed
from nlp.services.failures import failure_record, failure_resolve
from nlp.services.jobs import (
    JOB_FILTERS,
    job_batch_finish,
    job_batch_run,
    job_cancel,
    job_create,
    job_dispatch,
    job_pause,
    job_plan,
    job_resume,
    jobs_stalled_resume,
)
from nlp.services.lexicon import (
    lexicon_entry_create,
    lexicon_entry_delete,
    lexicon_entry_update,
    lexicon_seed,
)
from nlp.services.pending import (
    ListedOutcome,
    PendingOutcome,
    testimonies_analyse_listed,
    testimonies_analyse_pending,
)

__all__ = [
    "JOB_FILTERS",
    "LEXICON_SOURCE",
    "classifier_request",
    "classifier_train",
    "erase_for_testimony",
    "failure_record",
    "on_scopes_narrowed",
    "failure_resolve",
    "job_batch_finish",
    "job_batch_run",
    "job_cancel",
    "job_create",
    "job_dispatch",
    "job_pause",
    "job_plan",
    "job_resume",
    "job_stories",
    "jobs_stalled_resume",
    "lexicon_entries",
    "lexicon_entry_create",
    "lexicon_entry_delete",
    "lexicon_entry_update",
    "lexicon_matcher",
    "lexicon_revision",
    "lexicon_seed",
    "lexicon_version",
    "shipped_code_keys",
    "suggestions_write",
    "testimonies_embed",
    "testimonies_embed_request",
    "testimonies_analyse",
    "testimonies_analyse_listed",
    "testimonies_analyse_pending",
    "ListedOutcome",
    "PendingOutcome",
    "testimonies_tag",
    "testimony_analyse_request",
]
