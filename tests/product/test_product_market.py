"""Competitors and the comparison matrix: managers keep them, everyone in the workspace
reads them, outsiders do not learn they exist; a batch of cells is written whole or not
at all."""

from __future__ import annotations

import pytest
from django.test import Client

from cairn.errors import Forbidden, Invalid
from cairn.product.models import Competitor, MatrixCell, MatrixRow, Support
from cairn.product.services import market


@pytest.fixture
def jira(alice, product):
    return market.create_competitor(actor=alice, product=product, name="Jira", website="https://jira.example.com",
                                    strengths="- Everyone knows it", pricing="**$8** a seat")


@pytest.fixture
def rows(alice, product):
    return [market.create_row(actor=alice, product=product, name=name) for name in ("Roadmaps", "Gantt", "OKRs")]


def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


# Services ------------------------------------------------------------------------------

def test_competitor_names_are_unique_in_any_case(alice, product, jira):
    with pytest.raises(Invalid) as refused:
        market.create_competitor(actor=alice, product=product, name="JIRA")
    assert "name" in refused.value.fields
    market.update_competitor(actor=alice, competitor=jira, fields={"name": "Jira Software", "notes": "Big"})
    assert Competitor.objects.get().name == "Jira Software"


@pytest.mark.parametrize(("fields", "field"), [
    ({"website": "javascript:alert(1)"}, "website"), ({"website": "not a url"}, "website"),
    ({"name": ""}, "name"), ({"price": "x"}, "price"), ({"notes": "a\x00b"}, "notes"),
])
def test_bad_competitor_fields_are_named(alice, jira, fields, field):
    with pytest.raises(Invalid) as refused:
        market.update_competitor(actor=alice, competitor=jira, fields=fields)
    assert field in refused.value.fields


def test_the_matrix_has_us_then_each_competitor_and_unknown_cells(alice, bob, product, jira, rows, issue):
    market.update_row(actor=alice, row=rows[0], fields={"issue": f"WEB-{issue.number}"})
    market.set_cell(actor=alice, row=rows[0], competitor=None, support="full", note="Since 2025")
    market.set_cell(actor=alice, row=rows[0], competitor=jira, support="partial")
    grid = market.matrix(bob, product)
    assert grid.columns == [None, jira]
    assert [r.row.name for r in grid.rows] == ["Roadmaps", "Gantt", "OKRs"]
    first = grid.rows[0]
    assert first.issue is not None and first.issue.key == f"WEB-{issue.number}"
    assert [(c.support, c.note, c.label) for c in first.cells] == [("full", "Since 2025", "Yes"),
                                                                   ("partial", "", "Partly")]
    assert all(c.support == Support.UNKNOWN for c in grid.rows[1].cells)


def test_a_cell_keeps_its_note_when_only_the_level_changes(alice, rows, jira):
    market.set_cell(actor=alice, row=rows[0], competitor=jira, support="full", note="Plugin")
    market.set_cell(actor=alice, row=rows[0], competitor=jira, support="none")
    cell = MatrixCell.objects.get()
    assert (cell.support, cell.note) == ("none", "Plugin")


def test_a_batch_of_cells_is_all_or_nothing(alice, product, rows, jira):
    good = {"row_id": rows[0].pk, "competitor_id": jira.pk, "support": "full"}
    with pytest.raises(Invalid) as refused:
        market.set_cells(actor=alice, product=product, cells=[good, {"row_id": rows[1].pk, "support": "maybe"}])
    assert "cells[1].support" in refused.value.fields and not MatrixCell.objects.exists()
    with pytest.raises(Invalid) as refused:
        market.set_cells(actor=alice, product=product, cells=[good, {"row_id": 999, "support": "full"}])
    assert "cells[1].row_id" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        market.set_cells(actor=alice, product=product, cells=[{**good, "competitor_id": 999}])
    assert "cells[0].competitor_id" in refused.value.fields
    with pytest.raises(Invalid) as refused:
        market.set_cells(actor=alice, product=product, cells=[{**good, "row_id": True}])
    assert "cells[0].row_id" in refused.value.fields
    written = market.set_cells(actor=alice, product=product,
                               cells=[good, {"row_id": rows[1].pk, "competitor_id": None, "support": "planned"}])
    assert len(written) == 2 and MatrixCell.objects.count() == 2


def test_rows_are_renamed_moved_and_deleted(alice, product, rows):
    market.update_row(actor=alice, row=rows[2], fields={"position": 0, "name": "Objectives"})
    assert list(MatrixRow.objects.values_list("name", flat=True)) == ["Objectives", "Roadmaps", "Gantt"]
    market.update_row(actor=alice, row=rows[2], fields={"position": 99})
    assert list(MatrixRow.objects.values_list("name", flat=True)) == ["Roadmaps", "Gantt", "Objectives"]
    with pytest.raises(Invalid):
        market.update_row(actor=alice, row=rows[1], fields={"name": "roadmaps"})
    with pytest.raises(Invalid):
        market.create_row(actor=alice, product=product, name="Private", issue="SEC-1")
    market.delete_row(actor=alice, row=rows[0])
    assert MatrixRow.objects.count() == 2


def test_members_and_guests_read_but_only_managers_edit(alice, bob, gus, product, jira, rows):
    for person in (bob, gus):
        assert market.matrix(person, product).columns == [None, jira]
        with pytest.raises(Forbidden):
            market.set_cell(actor=person, row=rows[0], competitor=jira, support="full")
        with pytest.raises(Forbidden):
            market.create_competitor(actor=person, product=product, name="Linear")


# API -----------------------------------------------------------------------------------

def test_the_api_keeps_competitors(api_as, alice, gus, charlie, product):
    base = f"/api/v1/products/{product.pk}/competitors"
    response = api_as(alice).post(base, json={"name": "Linear", "website": "https://linear.example",
                                              "weaknesses": "No Gantt"})
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["weaknesses"] == "No Gantt"
    assert api_as(alice).post(base, json={"name": "linear"}).status_code == 422
    assert api_as(gus).get(base).json()["total"] == 1
    assert api_as(gus).post(base, json={"name": "Aha"}).status_code == 403
    assert api_as(charlie).get(base).status_code == 404
    response = api_as(alice).patch(f"{base}/{made['id']}", json={"pricing": "$10"})
    assert response.json()["pricing"] == "$10"
    assert api_as(alice).delete(f"{base}/{made['id']}").status_code == 204
    assert api_as(alice).get(f"{base}/{made['id']}").status_code == 404


def test_the_api_edits_the_matrix_as_a_grid(api_as, alice, bob, product, jira):
    base = f"/api/v1/products/{product.pk}/matrix"
    made = api_as(alice).post(f"{base}/rows", json={"name": "Roadmaps"})
    assert made.status_code == 201, made.content
    row = made.json()
    assert [c["support"] for c in row["cells"]] == ["unknown", "unknown"]
    response = api_as(alice).put(f"{base}/cells", json={"cells": [
        {"row_id": row["id"], "support": "full", "note": "Now/Next/Later"},
        {"row_id": row["id"], "competitor_id": jira.pk, "support": "partial"}]})
    assert response.status_code == 200, response.content
    grid = response.json()
    assert [c["name"] for c in grid["columns"]] == ["Us", "Jira"]
    assert [(c["support"], c["label"]) for c in grid["rows"][0]["cells"]] == [("full", "Yes"), ("partial", "Partly")]
    response = api_as(alice).put(f"{base}/cells", json={"cells": [{"row_id": row["id"], "support": "lots"}]})
    assert response.status_code == 422 and "cells[0].support" in response.json()["errors"]
    assert api_as(bob).put(f"{base}/cells", json={"cells": [{"row_id": row["id"], "support": "none"}]}).status_code == 403
    response = api_as(alice).patch(f"{base}/rows/{row['id']}", json={"name": "Roadmap lanes"})
    assert response.json()["name"] == "Roadmap lanes"
    assert api_as(bob).get(base).json()["rows"][0]["cells"][0]["note"] == "Now/Next/Later"
    assert api_as(alice).delete(f"{base}/rows/{row['id']}").status_code == 204
    assert api_as(alice).get(base).json()["rows"] == []


# Pages ---------------------------------------------------------------------------------

def test_the_market_page_shows_cards_and_the_grid(alice, gus, charlie, password, product, jira, rows):
    market.set_cell(actor=alice, row=rows[0], competitor=jira, support="full", note="Advanced Roadmaps")
    page = _client(alice, password).get(f"/products/{product.pk}/market/").content.decode()
    assert "Jira" in page and "<li>Everyone knows it</li>" in page and "<strong>$8</strong>" in page
    assert "Advanced Roadmaps" in page and 'data-support="full"' in page and "Add capability" in page
    guest = _client(gus, password).get(f"/products/{product.pk}/market/").content.decode()
    assert "Advanced Roadmaps" in guest and "Add capability" not in guest and "hx-post" not in guest
    assert _client(charlie, password).get(f"/products/{product.pk}/market/").status_code == 404


def test_clicking_a_cell_cycles_its_level_and_saves_at_once(alice, bob, password, product, jira, rows):
    url = f"/products/{product.pk}/market/cell/"
    client = _client(alice, password)
    response = client.post(url, {"row": rows[0].pk, "competitor": jira.pk, "support": "full"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-support="full"' in response.content.decode()
    assert MatrixCell.objects.get(row=rows[0], competitor=jira).support == "full"
    client.post(url, {"row": rows[0].pk, "competitor": "", "support": "planned"}, HTTP_HX_REQUEST="true")
    assert MatrixCell.objects.get(row=rows[0], competitor=None).support == "planned"
    refused = _client(bob, password).post(url, {"row": rows[0].pk, "competitor": "", "support": "none"},
                                          HTTP_HX_REQUEST="true")
    assert refused.status_code == 403


def test_the_page_adds_competitors_and_rows_and_names_bad_input(alice, password, product):
    client = _client(alice, password)
    url = f"/products/{product.pk}/market/"
    assert client.post(url, {"action": "competitor", "name": "Productboard"}).status_code == 302
    assert client.post(url, {"action": "row", "name": "Insights"}).status_code == 302
    response = client.post(url, {"action": "competitor", "name": "productboard"})
    assert response.status_code == 422 and "already a competitor" in response.content.decode()
    row = MatrixRow.objects.get()
    assert client.post(url, {"action": "delete-row", "row": row.pk}).status_code == 302
    assert not MatrixRow.objects.exists()
