"""Coding's background work: keep the agreement report's counts ready (issue 22 point 7)."""

from celery import shared_task


@shared_task(name="coding.agreement_refresh", time_limit=10 * 60)
def agreement_refresh() -> int:
    """Count the agreement report of every codebook (all events, with and without rollup) when
    the coding changed since it was last counted; a fresh count costs one small query. So the
    page answers from the cache, and only an unusual filter is counted while one waits."""
    from coding.selectors.intercoder import agreement_counts_warm

    return agreement_counts_warm()
