"""An exact feasibility check on counts, and the counts that prove it.

Without kept students, whether a Mix It Up round's hard rules can hold depends
only on counts: how many people, how many Mod 4 and Mod 3 students, and how
many of those who consented to the less-represented topic are in Mod 4, Mod 3
or below. `witness` tries every split of the consenting students between the
restricted groups and the rest (a few hundred cases at most), so it is exact
and fast; the `Witness` it returns is a recipe `construct.from_witness`
follows to build a grouping that meets every rule. So a round is refused only
when no grouping exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from .instance import Instance, even_sizes, mod4_shortfall


@dataclass(frozen=True)
class Pools:
    """Those who may join the restricted topic (opted in and chose it), by module."""

    e4: int  # Mod 4
    e3: int  # Mod 3
    other: int  # Mods 1–2

    @property
    def total(self) -> int:
        return self.e4 + self.e3 + self.other

    @classmethod
    def of(cls, inst: Instance, t: int | None) -> Pools:
        if t is None:
            return cls(0, 0, 0)
        may = [i for i in range(inst.n) if inst.opted[i] and t in inst.ranking[i]]
        e4 = sum(1 for i in may if inst.mod4[i])
        e3 = sum(1 for i in may if inst.mod3[i])
        return cls(e4, e3, len(may) - e4 - e3)


@dataclass(frozen=True)
class Witness:
    """A feasible split: the restricted groups, of `restricted_sizes`, hold `r4`
    Mod 4, `r3` Mod 3 and the rest from Mods 1–2; `no_mod4` groups in all go
    without a Mod 4 student (a Mod 3 stands in)."""

    n_groups: int
    restricted: int
    restricted_sizes: tuple[int, ...]
    r4: int
    r3: int
    no_mod4: int
    forced4: int = 0  # Mod 4 students the restricted groups need to be filled

    @property
    def seats(self) -> int:
        return sum(self.restricted_sizes)


def witness(
    *,
    n: int,
    n_groups: int,
    restricted: int,
    n4: int,
    n3: int,
    pools: Pools,
    min_size: int,
    max_size: int,
    twins: int,
) -> Witness | None:
    """The split with the fewest groups lacking a Mod 4 (then the most seats in
    the restricted groups), or None if this many groups and restricted groups
    cannot meet the rules.

    With restricted groups, every group is ⌊n/G⌋ or ⌈n/G⌉ people, and each
    restricted group's size is shared by at least `twins` ordinary groups
    (fewer only when there are fewer ordinary groups), so no size singles one out.
    """
    g, r = n_groups, restricted
    if not (g * min_size <= n <= g * max_size) or (r >= g and r > 0):
        return None
    if r == 0:
        if n4 + n3 < g:
            return None
        return Witness(g, 0, (), 0, 0, max(0, g - n4))
    lo, hi = even_sizes(n, g)
    if lo < min_size or hi > max_size:
        return None
    n_hi = n - g * lo  # groups of the larger size
    n_lo = g - n_hi
    need_twins = min(twins, g - r)
    best: Witness | None = None
    for r_hi in range(r + 1) if lo != hi else (0,):
        r_lo = r - r_hi
        if r_lo and n_lo - r_lo < need_twins or r_hi and n_hi - r_hi < need_twins:
            continue
        seats = r_lo * lo + r_hi * hi
        if seats > pools.total:
            continue
        sizes = (hi,) * r_hi + (lo,) * r_lo
        forced4 = max(0, seats - pools.e3 - pools.other)
        allowed_shortfall = mod4_shortfall(g, r, n4, pools.e4, forced4)
        for r4 in range(min(pools.e4, seats) + 1):
            # Uppers in the restricted groups (u = r4 + r3): at least one per
            # group, enough to fill the seats the Mods 1-2 takers leave, and
            # no more than the open groups can spare (each needs one).
            u_lo = max(r, seats - pools.other, r4)
            u_hi = min(seats, n4 + n3 - g + r, r4 + pools.e3)
            if u_lo > u_hi:
                continue
            no4 = max(0, r - r4) + max(0, (g - r) - (n4 - r4))
            if no4 > allowed_shortfall:
                continue
            if best is None or (no4, -seats) < (best.no_mod4, -best.seats):
                best = Witness(g, r, sizes, r4, u_lo - r4, no4, forced4)
    return best
