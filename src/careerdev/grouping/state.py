"""A Mix It Up grouping under construction, with incremental scoring.

Per-group counters (sizes, Mod 4/Mod 3 counts, module, program and cohort counts)
let a move or a swap be scored in O(group size + met-before degree) rather than
by re-scoring everything. The objective is the one in `scoring.py`: the tests
check the running total against a full re-score.
"""

from __future__ import annotations

from .instance import Instance, even_sizes


class State:
    """Groups 0..G-1 with topics; people placed or not (-1)."""

    def __init__(
        self,
        inst: Instance,
        n_groups: int,
        topics: list[int],
        shortfall: int,
        kept: list[int],
        size_bounds: list[tuple[int, int]] | None = None,
    ):
        self.inst = inst
        self.G = n_groups
        self.topic = list(topics)
        self.shortfall = shortfall  # groups allowed to have a Mod 3 instead of a Mod 4
        self.kept = kept  # person → fixed group index, or -1
        self.lo, self.hi = even_sizes(inst.n, n_groups)
        self.min_size = inst.problem.min_size
        self.max_size = inst.problem.max_size
        # Per group: the fewest and most people it may hold (a plan with a
        # restricted group fixes sizes; otherwise the problem's limits).
        bounds = size_bounds or [(self.min_size, self.max_size)] * n_groups
        self.gmin = [b[0] for b in bounds]
        self.gmax = [b[1] for b in bounds]
        self.group_of = [-1] * inst.n
        self.members: list[list[int]] = [[] for _ in range(n_groups)]
        self.size = [0] * n_groups
        self.n4 = [0] * n_groups
        self.n3 = [0] * n_groups
        self.modcnt = [[0] * inst.n_modules for _ in range(n_groups)]
        self.dm = [0] * n_groups
        self.progcnt = [[0] * inst.n_programs for _ in range(n_groups)]
        self.dp = [0] * n_groups
        self.cohcnt: list[dict[int, int]] = [{} for _ in range(n_groups)]
        # Each group's counters-based cost, kept up to date by insert and remove.
        self.gcost = [self._gc(g, 0, 0, 0, 0) for g in range(n_groups)]
        self.total = sum(self.gcost)

    # --- cost pieces -------------------------------------------------------

    def _gc(self, g: int, size: int, dm: int, dp: int, n4: int) -> int:
        """The per-group part of the objective for group g with these counters."""
        w = self.inst.w
        nm, np_ = self.inst.n_modules, self.inst.n_programs
        c = 0
        if dm < nm and dm < size:
            c = w.module_mix * ((size if size < nm else nm) - dm)
        if dp < np_ and dp < size:
            c += w.program_mix * ((size if size < np_ else np_) - dp)
        if n4 > 1 and not self.inst.restricted[self.topic[g]]:
            c += w.leader_spread * (n4 - 1)
        if size > self.hi:
            c += w.size_evenness * (size - self.hi)
        elif size < self.lo:
            c += w.size_evenness * (self.lo - size)
        return c

    def group_cost(self, g: int) -> int:
        return self.gcost[g]

    def _refresh(self, g: int) -> None:
        self.gcost[g] = self._gc(g, self.size[g], self.dm[g], self.dp[g], self.n4[g])

    def conflicts(self, p: int, g: int) -> int:
        """How many people in group g have met p before."""
        group_of = self.group_of
        c = 0
        for x in self.inst.adj[p]:
            if group_of[x] == g:
                c += 1
        return c

    def insert_delta(self, p: int, g: int) -> int:
        inst = self.inst
        w = inst.w
        m, pr = inst.mod_idx[p], inst.prog_idx[p]
        d = inst.cost[p][self.topic[g]]
        d += w.repeated_pair * self.conflicts(p, g)
        d += w.cohort_mix * self.cohcnt[g].get(inst.coh_idx[p], 0)
        d += self._gc(
            g,
            self.size[g] + 1,
            self.dm[g] + (self.modcnt[g][m] == 0),
            self.dp[g] + (self.progcnt[g][pr] == 0),
            self.n4[g] + inst.mod4[p],
        ) - self.group_cost(g)
        return d

    def remove_delta(self, p: int) -> int:
        inst = self.inst
        w = inst.w
        g = self.group_of[p]
        m, pr = inst.mod_idx[p], inst.prog_idx[p]
        d = -inst.cost[p][self.topic[g]]
        d -= w.repeated_pair * self.conflicts(p, g)
        d -= w.cohort_mix * (self.cohcnt[g][inst.coh_idx[p]] - 1)
        d += self._gc(
            g,
            self.size[g] - 1,
            self.dm[g] - (self.modcnt[g][m] == 1),
            self.dp[g] - (self.progcnt[g][pr] == 1),
            self.n4[g] - inst.mod4[p],
        ) - self.group_cost(g)
        return d

    def _swap_side(self, g: int, out: int, into: int) -> int:
        """Change in group g's counters-based costs when `out` leaves and `into` joins."""
        inst = self.inst
        w = inst.w
        mo, mi = inst.mod_idx[out], inst.mod_idx[into]
        po, pi = inst.prog_idx[out], inst.prog_idx[into]
        co, ci = inst.coh_idx[out], inst.coh_idx[into]
        dm, dp = self.dm[g], self.dp[g]
        if mo != mi:
            dm += (self.modcnt[g][mi] == 0) - (self.modcnt[g][mo] == 1)
        if po != pi:
            dp += (self.progcnt[g][pi] == 0) - (self.progcnt[g][po] == 1)
        coh = self.cohcnt[g]
        d = w.cohort_mix * (coh.get(ci, 0) - (ci == co) - (coh[co] - 1))
        n4 = self.n4[g] - inst.mod4[out] + inst.mod4[into]
        d += self._gc(g, self.size[g], dm, dp, n4) - self.group_cost(g)
        d += inst.cost[into][self.topic[g]] - inst.cost[out][self.topic[g]]
        return d

    def swap_delta(self, p: int, q: int) -> int:
        group_of = self.group_of
        a, b = group_of[p], group_of[q]
        inst = self.inst
        # Pairs p gains in b and q gains in a, less those they leave; p and q
        # themselves (if they met) stay apart.
        pairs = 0
        for x in inst.adj[p]:
            gx = group_of[x]
            if gx == b:
                if x != q:
                    pairs += 1
            elif gx == a:
                pairs -= 1
        for x in inst.adj[q]:
            gx = group_of[x]
            if gx == a:
                if x != p:
                    pairs += 1
            elif gx == b:
                pairs -= 1
        return self._swap_side(a, p, q) + self._swap_side(b, q, p) + inst.w.repeated_pair * pairs

    def retopic_delta(self, g: int, t: int) -> int:
        """Change when group g takes topic t (both non-restricted, so leaders are unchanged)."""
        cost = self.inst.cost
        old = self.topic[g]
        return sum(cost[p][t] - cost[p][old] for p in self.members[g])

    # --- hard rules, locally -------------------------------------------------

    def no_mod4_groups(self) -> int:
        return sum(1 for g in range(self.G) if self.n4[g] == 0)

    def covered(self, n4: int, n3: int) -> bool:
        return n4 > 0 or n3 > 0

    # --- changes ---------------------------------------------------------------

    def insert(self, p: int, g: int) -> None:
        self.total += self.insert_delta(p, g)
        inst = self.inst
        self.group_of[p] = g
        self.members[g].append(p)
        self.size[g] += 1
        self.n4[g] += inst.mod4[p]
        self.n3[g] += inst.mod3[p]
        m, pr, c = inst.mod_idx[p], inst.prog_idx[p], inst.coh_idx[p]
        if self.modcnt[g][m] == 0:
            self.dm[g] += 1
        self.modcnt[g][m] += 1
        if self.progcnt[g][pr] == 0:
            self.dp[g] += 1
        self.progcnt[g][pr] += 1
        self.cohcnt[g][c] = self.cohcnt[g].get(c, 0) + 1
        self._refresh(g)

    def remove(self, p: int) -> None:
        self.total += self.remove_delta(p)
        inst = self.inst
        g = self.group_of[p]
        self.group_of[p] = -1
        self.members[g].remove(p)
        self.size[g] -= 1
        self.n4[g] -= inst.mod4[p]
        self.n3[g] -= inst.mod3[p]
        m, pr, c = inst.mod_idx[p], inst.prog_idx[p], inst.coh_idx[p]
        self.modcnt[g][m] -= 1
        if self.modcnt[g][m] == 0:
            self.dm[g] -= 1
        self.progcnt[g][pr] -= 1
        if self.progcnt[g][pr] == 0:
            self.dp[g] -= 1
        self.cohcnt[g][c] -= 1
        if self.cohcnt[g][c] == 0:
            del self.cohcnt[g][c]
        self._refresh(g)

    def move(self, p: int, g: int) -> None:
        self.remove(p)
        self.insert(p, g)

    def swap(self, p: int, q: int) -> None:
        a, b = self.group_of[p], self.group_of[q]
        self.remove(p)
        self.remove(q)
        self.insert(p, b)
        self.insert(q, a)

    def retopic(self, g: int, t: int) -> None:
        self.total += self.retopic_delta(g, t)
        self.topic[g] = t
        self._refresh(g)
