"""What the agreement figures are computed from: who coded which story, which codes each coder
applied, and what the machine suggested (document-level presence)."""

from collections import defaultdict
from dataclasses import dataclass

from coding.models import Code, CodeApplication, Codebook, CodingCompletion
from coding.selectors.codebooks import HUMAN, MACHINE
from testimonies.selectors import research_copies_for_user


@dataclass
class AgreementData:
    """Per story, who coded it and which codes each coder applied (document-level presence)."""

    coders_by_story: dict[int, set]
    codes_by_story_coder: dict[tuple[int, int], set]

    def stories(self):
        return [s for s, coders in self.coders_by_story.items() if len(coders) >= 2]


def agreement_data(*, user, codebook: Codebook, event=None, rollup: bool = False) -> AgreementData:
    """``rollup``: a code applied also counts as the presence of every code above it (a
    sub-code of a theme counts as the theme)."""
    visible = research_copies_for_user(user=user)
    if event is not None:
        visible = visible.filter(testimony__event=event)
    ids = visible.values("testimony_id")
    coders_by_story: dict[int, set] = defaultdict(set)
    codes: dict[tuple[int, int], set] = defaultdict(set)
    rows = (
        CodeApplication.objects.filter(
            testimony_id__in=ids, source=HUMAN, code__codebook=codebook, coder__isnull=False
        )
        .values_list("testimony_id", "coder_id", "code_id")
        .distinct()
    )
    parents = (
        dict(Code.objects.filter(codebook=codebook).values_list("id", "parent_id"))
        if rollup
        else {}
    )
    for testimony_id, coder_id, code_id in rows.iterator(chunk_size=5000):
        coders_by_story[testimony_id].add(coder_id)
        found = codes[(testimony_id, coder_id)]
        found.add(code_id)
        ancestor = parents.get(code_id)
        while ancestor is not None and ancestor not in found:
            found.add(ancestor)
            ancestor = parents.get(ancestor)
    for testimony_id, coder_id in CodingCompletion.objects.filter(testimony_id__in=ids).values_list(
        "testimony_id", "coder_id"
    ):
        coders_by_story[testimony_id].add(coder_id)
    return AgreementData(coders_by_story=dict(coders_by_story), codes_by_story_coder=codes)


def machine_codes(*, user, codebook: Codebook, event=None, rollup: bool = False) -> dict:
    """Per story, the codes the machine suggested (pending, accepted or rejected alike: what it
    proposed, not what a researcher made of it), on the stories ``user`` may read.

    The machine counts as a coder of a story when it made at least one suggestion on it in this
    codebook: a story on which it suggested nothing cannot be told apart from one it never read.
    """
    from coding.selectors.stories import suggestions_enabled

    if not suggestions_enabled():
        return {}
    visible = research_copies_for_user(user=user)
    if event is not None:
        visible = visible.filter(testimony__event=event)
    parents = (
        dict(Code.objects.filter(codebook=codebook).values_list("id", "parent_id"))
        if rollup
        else {}
    )
    found: dict[int, set] = defaultdict(set)
    rows = (
        CodeApplication.objects.filter(
            testimony_id__in=visible.values("testimony_id"), source=MACHINE, code__codebook=codebook
        )
        .values_list("testimony_id", "code_id")
        .distinct()
    )
    for testimony_id, code_id in rows.iterator(chunk_size=5000):
        codes = found[testimony_id]
        while code_id is not None and code_id not in codes:
            codes.add(code_id)
            code_id = parents.get(code_id)
    return dict(found)
