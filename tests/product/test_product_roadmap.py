"""The roadmap: features in Now / Next / Later lanes and on a timeline, dates from the
schedule where the work is planned, moves that write one row, and who may do what —
guests read, members do not move, outsiders do not learn the product exists."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cairn.errors import Conflict, Forbidden, Invalid
from cairn.product.models import Feature, Objective, Release, ReleaseStatus
from cairn.product.services import backlog
from cairn.product.services import roadmap as roadmaps
from cairn.product.services.roadmap_data import team_data
from cairn.tracker import services as tracker

TODAY = dt.date(2027, 1, 15)


def feature(alice, product, title, **kw):
    return backlog.create_feature(actor=alice, product=product, title=title, now=timezone.now(), **kw)


def file(alice, project, title, **fields):
    return tracker.create_issue(actor=alice, project=project, fields={"title": title, **fields}, now=timezone.now())


def move(alice, product, made, lane, after=None, before=None):
    return roadmaps.move_feature(actor=alice, product=product, feature_id=made.pk, lane=lane,
                                 after=after.pk if after else None, before=before.pk if before else None)


def lanes(actor, product):
    roadmap = roadmaps.roadmap_of(actor, product, TODAY)
    return {lane: [item.title for item in items] for lane, items in roadmap.lanes.items()}


@pytest.fixture
def three(alice, product):
    made = [feature(alice, product, title) for title in ("Search", "Billing", "Dark mode")]
    for item in made:
        move(alice, product, item, "next")
    return made


def test_features_sit_in_their_lanes_in_the_order_they_were_put(alice, product, three):
    search, billing, dark = three
    assert lanes(alice, product) == {"now": [], "next": ["Search", "Billing", "Dark mode"], "later": []}
    move(alice, product, dark, "next", after=search)
    move(alice, product, billing, "now")
    assert lanes(alice, product) == {"now": ["Billing"], "next": ["Search", "Dark mode"], "later": []}
    move(alice, product, search, "next", before=None, after=dark)
    move(alice, product, billing, "next", before=dark)
    assert lanes(alice, product)["next"] == ["Billing", "Dark mode", "Search"]


def test_a_move_writes_one_row_and_only_its_lane_and_rank(alice, product, three):
    search, billing, dark = three
    before = {f.pk: (f.lane_rank, f.updated_at, f.title) for f in Feature.objects.all()}
    with CaptureQueriesContext(connection) as queries:
        move(alice, product, dark, "now")
    writes = [q["sql"] for q in queries if q["sql"].upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(writes) == 1 and "lane" in writes[0] and "updated_at" not in writes[0]
    after = {f.pk: (f.lane_rank, f.updated_at, f.title) for f in Feature.objects.all()}
    assert after[search.pk] == before[search.pk] and after[billing.pk] == before[billing.pk]


def test_a_feature_goes_off_the_roadmap_and_waits_in_the_backlog(alice, gus, product, three):
    move(alice, product, three[0], "")
    roadmap = roadmaps.roadmap_of(alice, product, TODAY)
    assert [i.title for i in roadmap.items] == ["Billing", "Dark mode"]
    assert [i.title for i in roadmap.off_roadmap] == ["Search"] and roadmap.off_roadmap_total == 1
    assert Feature.objects.get(pk=three[0].pk).lane_rank == ""
    assert roadmaps.roadmap_of(gus, product, TODAY).off_roadmap == []  # only those who may drag it in


def test_a_neighbour_from_another_lane_or_out_of_order_is_named(alice, product, three):
    search, billing, dark = three
    with pytest.raises(Invalid) as refused:
        move(alice, product, search, "now", after=billing)
    assert "after" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        move(alice, product, search, "next", after=dark, before=billing)
    assert "before" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        roadmaps.move_feature(actor=alice, product=product, feature_id=search.pk, lane="someday")
    assert "lane" in refused.value.fields


def test_features_put_in_a_lane_without_a_rank_get_one_at_its_bottom(alice, product, three):
    loose = feature(alice, product, "Imported")
    Feature.objects.filter(pk=loose.pk).update(lane="next")
    move(alice, product, three[0], "next", after=three[2])
    assert lanes(alice, product)["next"] == ["Billing", "Dark mode", "Search", "Imported"]


def test_the_dates_come_from_the_schedule_where_the_work_is_planned(alice, product, web):
    epic = file(alice, web, "Payments epic", type="Epic")
    file(alice, web, "Card form", parent=epic.key, start_date="2027-02-01", due_date="2027-02-20")
    file(alice, web, "Invoices", parent=epic.key, start_date="2027-03-01", due_date="2027-03-31")
    planned = feature(alice, product, "Payments", issue=epic.key)
    loose = feature(alice, product, "Referrals")
    for made in (planned, loose):
        move(alice, product, made, "now")
    roadmaps.set_dates(actor=alice, product=product, feature_id=loose.pk, start="2027-04-01", end="2027-05-15")
    items = {i.title: i for i in roadmaps.roadmap_of(alice, product, TODAY).items}
    payments, referrals = items["Payments"], items["Referrals"]
    assert (payments.start, payments.end, payments.dates_from) == (dt.date(2027, 2, 1), dt.date(2027, 3, 31), "schedule")
    assert payments.kind == "epic" and payments.type == "Epic" and payments.issue == epic.key
    assert not payments.draggable and payments.progress == 0
    assert (referrals.start, referrals.end, referrals.dates_from) == (dt.date(2027, 4, 1), dt.date(2027, 5, 15), "roadmap")
    assert referrals.draggable and referrals.kind == "feature" and referrals.type == "Feature"
    with pytest.raises(Conflict) as refused:
        roadmaps.set_dates(actor=alice, product=product, feature_id=planned.pk, start="2027-04-01", end="2027-04-02")
    assert "schedule" in refused.value.message and epic.key in refused.value.message


def test_an_issue_without_dates_leaves_the_feature_to_be_placed_by_hand(alice, product, issue):
    made = feature(alice, product, "Onboarding", issue=issue.key)
    move(alice, product, made, "later")
    roadmaps.set_dates(actor=alice, product=product, feature_id=made.pk, start="2027-02-01", end="2027-02-28")
    item = roadmaps.roadmap_of(alice, product, TODAY).lanes["later"][0]
    assert item.dates_from == "roadmap" and item.issue == issue.key and item.status == "To do"


def test_timeline_dates_are_checked_and_name_the_field(api_as, alice, product, three):
    url = f"/api/v1/products/{product.pk}/roadmap/features/{three[0].pk}/dates"
    response = api_as(alice).put(url, json={"start": "2027-03-01", "end": "2027-02-01"})
    assert response.status_code == 422 and "end" in response.json()["errors"]
    response = api_as(alice).put(url, json={"start": "2027-03-01"})
    assert response.status_code == 422 and "end" in response.json()["errors"]
    response = api_as(alice).put(url, json={"start": "March", "end": "2027-04-01"})
    assert response.status_code == 422 and "start" in response.json()["errors"]
    response = api_as(alice).put(url, json={"start": "2027-03-01", "end": "2027-03-01"})
    assert response.status_code == 200 and response.json()["roadmap_start"] == "2027-03-01"
    response = api_as(alice).put(url, json={"start": None, "end": None})
    assert response.status_code == 200 and response.json()["roadmap_end"] is None


def test_the_api_answers_lanes_and_the_timeline_by_month_and_quarter(api_as, alice, product, three):
    roadmaps.set_dates(actor=alice, product=product, feature_id=three[1].pk, start=timezone.now().date(),
                       end=timezone.now().date() + dt.timedelta(days=40))
    body = api_as(alice).get(f"/api/v1/products/{product.pk}/roadmap").json()
    assert [lane["lane"] for lane in body["lanes"]] == ["now", "next", "later"]
    billing = body["lanes"][1]["items"][1]
    assert billing["title"] == "Billing" and billing["dates_from"] == "roadmap" and billing["draggable"]
    assert 0 <= billing["month"]["left"] < 1 and billing["quarter"]["width"] > 0
    assert body["lanes"][1]["items"][0]["month"] is None
    assert set(body["scales"]) == {"month", "quarter"} and body["scales"]["month"]["today"] is not None
    assert body["scales"]["quarter"]["columns"][0]["label"].startswith("Q")


def test_a_move_through_the_api(api_as, alice, product, three):
    search, billing, dark = three
    url = f"/api/v1/products/{product.pk}/roadmap/features/{dark.pk}/move"
    response = api_as(alice).post(url, json={"lane": "next", "after": None, "before": search.pk})
    assert response.status_code == 200 and response.json()["lane"] == "next"
    assert lanes(alice, product)["next"] == ["Dark mode", "Search", "Billing"]
    response = api_as(alice).post(url, json={"lane": "now", "after": billing.pk})
    assert response.status_code == 422 and "after" in response.json()["errors"]
    other = f"/api/v1/products/{product.pk}/roadmap/features/999999/move"
    assert api_as(alice).post(other, json={"lane": "now"}).status_code == 404


def test_guests_read_members_may_not_move_and_outsiders_get_not_found(api_as, bob, gus, charlie, product, three):
    base = f"/api/v1/products/{product.pk}/roadmap"
    move_url = f"{base}/features/{three[0].pk}/move"
    dates_url = f"{base}/features/{three[0].pk}/dates"
    for reader in (gus, bob):
        assert api_as(reader).get(base).status_code == 200
        assert api_as(reader).post(move_url, json={"lane": "now"}).status_code == 403
        assert api_as(reader).put(dates_url, json={"start": "2027-01-01", "end": "2027-01-02"}).status_code == 403
    assert api_as(charlie).get(base).status_code == 404
    assert api_as(charlie).post(move_url, json={"lane": "now"}).status_code == 404
    with pytest.raises(Forbidden):
        roadmaps.move_feature(actor=bob, product=product, feature_id=three[0].pk, lane="now")
    assert Feature.objects.get(pk=three[0].pk).lane == "next"


def test_a_private_projects_issue_never_shows_to_those_outside_it(alice, bob, product, sec):
    secret = file(alice, sec, "Acquire Initech", type="Epic", start_date="2027-02-01", due_date="2027-02-10")
    made = feature(alice, product, "Enterprise plan", issue=secret.key)
    move(alice, product, made, "now")
    mine = roadmaps.roadmap_of(alice, product, TODAY).lanes["now"][0]
    assert mine.issue == secret.key and mine.dates_from == "schedule"
    theirs = roadmaps.roadmap_of(bob, product, TODAY).lanes["now"][0]
    assert theirs.issue is None and theirs.type == "Feature" and theirs.status == "" and theirs.dates_from == ""
    text = json.dumps(team_data(roadmaps.roadmap_of(bob, product, TODAY)), default=str)
    assert secret.key not in text and "Initech" not in text and "Epic" not in text


def test_colours_come_from_the_objective_or_a_stable_colour_per_theme(alice, product, three):
    search, billing, _ = three
    goal = Objective.objects.create(product=product, title="Win teams", period="2027 Q1", starts_on=TODAY,
                                    ends_on=TODAY + dt.timedelta(days=90), color="#ff8800")
    Feature.objects.filter(pk=search.pk).update(objective=goal, theme="Growth")
    Feature.objects.filter(pk=billing.pk).update(theme="growth ")
    items = {i.title: i for i in roadmaps.roadmap_of(alice, product, TODAY).items}
    assert items["Search"].objective_color == "#ff8800" and items["Billing"].objective_color == roadmaps.NEUTRAL
    assert items["Search"].theme_color == items["Billing"].theme_color == roadmaps.theme_color("Growth")
    assert items["Dark mode"].theme_color == roadmaps.NEUTRAL
    legend = team_data(roadmaps.roadmap_of(alice, product, TODAY))["legend"]
    assert legend["objective"] == [{"label": "Win teams", "color": "#ff8800"},
                                   {"label": "No objective", "color": roadmaps.NEUTRAL}]
    assert [entry["label"] for entry in legend["theme"]][-1] == "No theme"


def test_releases_stand_on_the_timeline_by_target_or_shipping_day(alice, product):
    now = timezone.now()
    Release.objects.create(product=product, name="2.0", target_date=dt.date(2027, 3, 1), created_at=now)
    Release.objects.create(product=product, name="1.9", target_date=dt.date(2027, 1, 1), created_at=now,
                           status=ReleaseStatus.SHIPPED, shipped_at=dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC))
    Release.objects.create(product=product, name="Dropped", target_date=dt.date(2027, 2, 1), created_at=now,
                           status=ReleaseStatus.CANCELLED)
    marks = roadmaps.roadmap_of(alice, product, TODAY).releases
    assert [(m.name, m.date, m.shipped) for m in marks] == [("1.9", dt.date(2027, 1, 5), True),
                                                            ("2.0", dt.date(2027, 3, 1), False)]


def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_page_draws_the_roadmap_and_offers_sharing_to_managers(alice, gus, charlie, password, product, three):
    page = _client(alice, password).get(f"/products/{product.pk}/roadmap/")
    text = page.content.decode()
    assert page.status_code == 200 and "Dark mode" in text and "roadmap.js" in text and 'id="share"' in text
    assert "Sortable.min.js" in text
    guest = _client(gus, password).get(f"/products/{product.pk}/roadmap/").content.decode()
    assert "Dark mode" in guest and 'id="share"' not in guest and "Sortable.min.js" not in guest
    assert _client(charlie, password).get(f"/products/{product.pk}/roadmap/").status_code == 404
