"""Undoing the last levelling, and clearing every pin levelling set (not the ones people
set by hand), from the page and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cairn.errors import Forbidden, Invalid
from cairn.planning import levelling, pins, queries
from cairn.planning import services as planning
from cairn.tracker import services as tracker

DAY = 480
BEFORE = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
HOST = {"HTTP_HOST": "127.0.0.1"}


@pytest.fixture
def crowd(alice: Any, bob: Any, web: Any) -> dict[str, Any]:
    """Three full-time tasks for Bob from the same Monday; Alice pinned "Docs" by hand."""
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=BEFORE)
    tasks = {}
    for title in ("API", "Docs", "Tests"):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": title}, now=BEFORE)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * DAY, now=BEFORE)
        planning.assign(actor=alice, issue=issue, user=bob, units=100)
        tasks[title] = issue
    planning.update_task(actor=alice, issue=tasks["Docs"], changes={"start": "2026-11-03T08:00"}, now=BEFORE)
    return tasks


def _plan(web: Any) -> dict[str, tuple[Any, ...]]:
    return {t["key"]: (t["start"], t["finish"], t["constraint"]) for t in queries.schedule_view(web, now=BEFORE)["tasks"]}


def test_undo_puts_back_exactly_what_the_last_levelling_replaced(crowd: dict[str, Any], alice: Any, web: Any) -> None:
    before = _plan(web)
    outcome = levelling.apply(actor=alice, project=web, now=BEFORE)
    assert len(outcome.moves) == 2 and _plan(web) != before
    undone = pins.undo_last(actor=alice, project=web, now=BEFORE)
    assert sorted(undone.restored) == sorted(m["key"] for m in outcome.moves) and undone.kept == []
    assert _plan(web) == before
    assert _plan(web)[crowd["Docs"].key][2] == {"type": "SNET", "date": "2026-11-03T08:00"}


def test_undo_steps_back_one_levelling_at_a_time(crowd: dict[str, Any], alice: Any, bob: Any, web: Any) -> None:
    before = _plan(web)
    levelling.apply(actor=alice, project=web, now=BEFORE)
    once = _plan(web)
    more = tracker.create_issue(actor=alice, project=web, fields={"title": "Release"}, now=BEFORE)
    planning.add_to_schedule(actor=alice, issue=more, duration_minutes=DAY, now=BEFORE)
    planning.assign(actor=alice, issue=more, user=bob, units=100)
    once[more.key] = _plan(web)[more.key]
    levelling.apply(actor=alice, project=web, now=BEFORE)
    pins.undo_last(actor=alice, project=web, now=BEFORE)
    assert _plan(web) == once
    pins.undo_last(actor=alice, project=web, now=BEFORE)
    assert {k: v for k, v in _plan(web).items() if k != more.key} == before
    with pytest.raises(Invalid) as nothing:
        pins.undo_last(actor=alice, project=web, now=BEFORE)
    assert "levelling" in nothing.value.fields


def test_undo_leaves_a_pin_someone_changed_since(crowd: dict[str, Any], alice: Any, web: Any) -> None:
    outcome = levelling.apply(actor=alice, project=web, now=BEFORE)
    moved = outcome.moves[-1]["key"]
    issue = next(i for i in crowd.values() if i.key == moved)
    planning.update_task(actor=alice, issue=issue, changes={"start": "2026-11-20T08:00"}, now=BEFORE)
    undone = pins.undo_last(actor=alice, project=web, now=BEFORE)
    assert undone.kept == [moved] and moved not in undone.restored
    assert _plan(web)[moved][2] == {"type": "SNET", "date": "2026-11-20T08:00"}


def test_clearing_levelling_pins_keeps_the_ones_set_by_hand(crowd: dict[str, Any], alice: Any, web: Any) -> None:
    levelling.apply(actor=alice, project=web, now=BEFORE)
    planning.update_task(actor=alice, issue=crowd["API"], changes={"duration_minutes": 3 * DAY}, now=BEFORE)
    levelling.apply(actor=alice, project=web, now=BEFORE)
    assert pins.summary(web)["pinned"] >= 2
    cleared = pins.clear(actor=alice, project=web, now=BEFORE)
    constraints = {key: row[2] for key, row in _plan(web).items()}
    assert constraints == {crowd["API"].key: None, crowd["Docs"].key: {"type": "SNET", "date": "2026-11-03T08:00"},
                           crowd["Tests"].key: None}
    assert cleared.restored and pins.summary(web) == {"last": None, "pinned": 0}
    with pytest.raises(Invalid):
        pins.undo_last(actor=alice, project=web, now=BEFORE)


def test_only_managers_undo_or_clear(crowd: dict[str, Any], alice: Any, bob: Any, web: Any) -> None:
    levelling.apply(actor=alice, project=web, now=BEFORE)
    with pytest.raises(Forbidden):
        pins.undo_last(actor=bob, project=web, now=BEFORE)
    with pytest.raises(Forbidden):
        pins.clear(actor=bob, project=web, now=BEFORE)


def test_the_api_undoes_and_clears(crowd: dict[str, Any], alice: Any, bob: Any, api_as: Any) -> None:
    api = api_as(alice)
    assert api.post("/api/v1/projects/WEB/levelling/undo", {}).status_code == 422
    applied = api.post("/api/v1/projects/WEB/levelling", {}).json()
    undone = api.post("/api/v1/projects/WEB/levelling/undo", {})
    assert undone.status_code == 200
    assert sorted(undone.json()["restored"]) == sorted(m["key"] for m in applied["moves"])
    api.post("/api/v1/projects/WEB/levelling", {})
    assert api.get("/api/v1/projects/WEB/levelling/pins").json()["pinned"] == len(applied["moves"])
    cleared = api.delete("/api/v1/projects/WEB/levelling/pins")
    assert cleared.status_code == 200 and cleared.json()["kept"] == []
    assert api_as(bob).delete("/api/v1/projects/WEB/levelling/pins").status_code == 403


def test_the_schedule_page_offers_undo_and_clear(crowd: dict[str, Any], alice: Any, client: Any, web: Any) -> None:
    client.force_login(alice)
    levelling.apply(actor=alice, project=web, now=BEFORE)
    page = client.get("/projects/WEB/schedule/", **HOST).content.decode()
    assert "Undo the last levelling" in page and "Clear levelling pins (2)" in page
    undone = client.post("/projects/WEB/schedule/", {"action": "undo-levelling"}, follow=True, **HOST)
    assert "Levelling undone: 2 tasks back as they were." in undone.content.decode()
    again = client.post("/projects/WEB/schedule/", {"action": "undo-levelling"}, **HOST)
    assert again.status_code == 422 and "Nothing to undo" in again.content.decode()
    levelling.apply(actor=alice, project=web, now=BEFORE)
    cleared = client.post("/projects/WEB/schedule/", {"action": "clear-levelling-pins"}, follow=True, **HOST)
    assert "Levelling pins cleared: 2 tasks back as they were." in cleared.content.decode()


def test_levelling_keeps_the_dates_people_set_by_hand(crowd: dict[str, Any], alice: Any, web: Any) -> None:
    planning.update_task(actor=alice, issue=crowd["Tests"], now=BEFORE,
                         changes={"constraint": "MSO", "constraint_date": "2026-11-02T08:00"})
    preview = levelling.preview(web, now=BEFORE)
    assert crowd["Tests"].key not in {m["key"] for m in preview.moves}
    levelling.apply(actor=alice, project=web, now=BEFORE)
    after = _plan(web)
    assert after[crowd["Tests"].key] == ("2026-11-02T08:00", "2026-11-03T17:00", {"type": "MSO", "date": "2026-11-02T08:00"})
    assert after[crowd["Docs"].key][0] >= "2026-11-03T08:00"
    assert after[crowd["API"].key][0] >= "2026-11-04T08:00"
