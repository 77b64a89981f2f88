"""The spent hours of an issue are written by one service, which keeps history."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from cairn.tracker import services
from cairn.tracker.models import Change


def test_setting_spent_hours_records_history_and_bumps_the_version(alice, issue):
    version = issue.version
    updated = services.set_spent_hours(issue, Decimal("2.50"), alice, timezone.now())
    assert updated.spent_hours == Decimal("2.50")
    assert updated.version == version + 1
    change = Change.objects.get(issue=issue, field="spent_hours")
    assert (change.old_value, change.new_value) == ("0", "2.5")


def test_the_same_hours_again_change_nothing(alice, issue):
    services.set_spent_hours(issue, Decimal("0"), alice, timezone.now())
    assert not Change.objects.filter(field="spent_hours").exists()
