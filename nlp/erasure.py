"""Wiring into the testimonies app: new stories get NLP work; withdrawn ones lose its outputs."""

NLP_SUBMISSION_TASK = "nlp.process_testimony"


def register() -> None:
    from nlp.services import erase_for_testimony
    from testimonies import erasure, hooks

    erasure.register_erasure(erase_for_testimony)
    hooks.register_submission_task(NLP_SUBMISSION_TASK)
