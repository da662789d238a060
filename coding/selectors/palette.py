"""The code palette of the coding screen: the coder's recent codes first, then the codebook."""

from dataclasses import dataclass, replace

from coding.models import CodeApplication, Codebook
from coding.selectors.codebooks import HUMAN, CodeNode, codebook_tree

SHORTCUTS = 9
# NOTE: how many of the coder's latest applications are read to find their recent codes: the
# same code applied many times in a row must not hide the others (the index on (coder,
# created_at) makes this a short index scan, whatever the number of applications).
RECENT_SCAN = 200


@dataclass
class Palette:
    recent: list[CodeNode]  # the coder's latest distinct codes, most recent first (at most 9)
    tree: list[CodeNode]  # every live code in tree order
    count: int  # codable codes

    @property
    def shortcuts(self) -> dict[int, int]:
        """Key (1-9) → code id."""
        nodes = [*self.recent, *self.tree]
        return {n.number: n.code.id for n in nodes if n.number}


def recent_code_ids(*, user, codebook: Codebook, limit: int = SHORTCUTS) -> list[int]:
    """The codes this coder applied last in this codebook, most recent first, distinct."""
    rows = (
        CodeApplication.objects.filter(coder=user, source=HUMAN, code__codebook=codebook)
        .order_by("-created_at", "-id")
        .values_list("code_id", flat=True)[:RECENT_SCAN]
    )
    return list(dict.fromkeys(rows))[:limit]


def coding_palette(*, user, codebook: Codebook) -> Palette:
    """Recent codes first (keys 1, 2, … in that order), then the codebook's tree; the first
    nine codable codes of that order carry the keys 1-9, a code at most once."""
    tree = codebook_tree(codebook=codebook)
    codable = {n.code.id: n for n in tree if n.code.is_codable}
    for node in tree:
        node.number = None
    recent = [
        replace(codable[code_id], depth=0, number=None)
        for code_id in recent_code_ids(user=user, codebook=codebook)
        if code_id in codable
    ]
    numbered = set()
    number = 0
    for node in [*recent, *tree]:
        if number >= SHORTCUTS:
            break
        if node.code.is_codable and node.code.id not in numbered:
            number += 1
            node.number = number
            numbered.add(node.code.id)
    return Palette(recent=recent, tree=tree, count=len(codable))
