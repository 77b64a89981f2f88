"""The base of every request body the API accepts."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class Input(Schema):
    """A field the API does not know is an error naming it, not silently dropped: a
    misspelt "titel" must not answer 200 and change nothing."""

    model_config = ConfigDict(extra="forbid")
