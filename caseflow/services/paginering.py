"""One page of a list that can grow (a caseload, the tenants, a ranking): no page renders more
than about a hundred rows, whatever is stored."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import CompoundSelect, Select, func, select, union

from caseflow.extensions import db

T = TypeVar("T")
PER_PAGINA = 100
# A list says "meer dan 1 000" rather than count further: 40 pages of 25 are more than anyone
# pages through (the filters find the rest; monitoring gives the exact figures), and the count
# then costs what a page costs, not what the organisation holds.
TELLEN_TOT = 1_000


@dataclass(frozen=True)
class Pagina(Generic[T]):
    items: list[T]
    totaal: int
    pagina: int = 1
    per_pagina: int = PER_PAGINA
    meer: bool = False  # counted up to `totaal` (TELLEN_TOT) and there are more

    def __iter__(self):
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def paginas(self) -> int:
        return max(1, -(-self.totaal // self.per_pagina))


def tel_tot(ids: Select) -> tuple[int, bool]:
    """How many rows `ids` has, counted up to TELLEN_TOT, and whether there are more: counting
    160 000 open dossiers reads them all, for a list that shows 25 of them."""
    aantal = db.session.scalar(select(func.count()).select_from(
        ids.limit(TELLEN_TOT + 1).subquery()))
    return min(aantal, TELLEN_TOT), aantal > TELLEN_TOT


def eerste_per_deel(ids: Select, delen, order: tuple, aantal: int) -> CompoundSelect:
    """The first `aantal` ids of `ids` for each of `delen` (conditions of which any one puts a
    row in the list) in the list's order: together they hold the list's first `aantal`, and
    each part walks its own index in that order, where their OR sorts every row of the list.
    Counted up to TELLEN_TOT + 1 (`tel_tot`), they count the list as far as it is counted."""
    return union(*(select(ids.where(deel).order_by(*order).limit(aantal).subquery())
                   for deel in delen))


def begrens(pagina: int, totaal: int, per_pagina: int = PER_PAGINA) -> int:
    """The page asked for, within the pages there are (a page past the end is the last)."""
    return min(max(1, pagina), max(1, -(-totaal // per_pagina)))


def blad(stmt: Select, pagina: int, per_pagina: int | None = None) -> Pagina:
    """The page `pagina` of the objects `stmt` selects in its order, with their exact number:
    for lists that stay in the thousands (users, organisations), whose count costs little."""
    per_pagina = per_pagina or PER_PAGINA
    totaal = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    pagina = begrens(pagina, totaal, per_pagina)
    return Pagina(list(db.session.scalars(stmt.offset((pagina - 1) * per_pagina)
                                          .limit(per_pagina))), totaal, pagina, per_pagina)


def snede(lijst: list[T], pagina: int, per_pagina: int = PER_PAGINA) -> Pagina[T]:
    """The page `pagina` of a list already in memory (a ranking computed whole)."""
    pagina = begrens(pagina, len(lijst), per_pagina)
    van = (pagina - 1) * per_pagina
    return Pagina(lijst[van:van + per_pagina], len(lijst), pagina, per_pagina)
