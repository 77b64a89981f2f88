"""API for people's capacity: how much of a full-time week each person works."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, StrictInt

from cairn.inputs import Input
from cairn.planning import capacity
from cairn.planning.time_off import person_named

router = Router(tags=["schedule"])


class CapacityIn(Input):
    units: StrictInt = Field(description=f"Percent of full time, 1 to {capacity.MOST}")


class CapacityOut(Schema):
    username: str
    units: int = Field(description="Percent of full time (100 when never set)")


@router.get("/people/{username}/capacity", response=CapacityOut, summary="A person's capacity")
def get_capacity(request: HttpRequest, username: str) -> CapacityOut:
    person = person_named(request.user, username)  # type: ignore[arg-type]
    return CapacityOut(username=person.username, units=capacity.units_of([person])[person.pk])


@router.put("/people/{username}/capacity", response=CapacityOut,
            summary="Set a person's capacity (yours, or as a manager)")
def put_capacity(request: HttpRequest, username: str, payload: CapacityIn) -> CapacityOut:
    person = person_named(request.user, username)  # type: ignore[arg-type]
    saved = capacity.set_units(actor=request.user, person=person, units=payload.units)  # type: ignore[arg-type]
    return CapacityOut(username=person.username, units=saved.units)
