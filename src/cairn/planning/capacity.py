"""How much each person can work, in percent of full time: what the workload page and
resource levelling measure their load against. Nobody set means full time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cairn.accounts.models import User
from cairn.errors import Forbidden, Invalid
from cairn.planning.models import Capacity
from cairn.planning.time_off import may_manage

FULL_TIME = 100
MOST = 200


def units_of(people: Iterable[User]) -> dict[int, int]:
    """Each person's capacity by user id, in one query for a page."""
    ids = [person.pk for person in people]
    found = dict(Capacity.objects.filter(user_id__in=ids).values_list("user_id", "units"))
    return {pk: found.get(pk, FULL_TIME) for pk in ids}


def set_units(*, actor: User, person: User, units: Any) -> Capacity:
    # Whoever keeps a person's time off keeps their capacity: themselves and their managers.
    if not may_manage(actor, person):
        raise Forbidden(f"You may not change {person.username}'s capacity")
    if isinstance(units, str) and units.strip().isdigit():
        units = int(units)
    if isinstance(units, bool) or not isinstance(units, int) or not 1 <= units <= MOST:
        raise Invalid.field("units", f"must be a whole percentage of full time from 1 to {MOST}")
    capacity, _ = Capacity.objects.update_or_create(user=person, defaults={"units": units})
    return capacity
