"""Products: created by managers, read by everyone in the workspace (guests included),
invisible to outsiders; a private delivering project stays hidden from non-members."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, NotFound
from cairn.product.services import products
from cairn.workspaces import policy


def test_a_manager_creates_a_product_through_the_api(api_as, alice, workspace, web):
    response = api_as(alice).post("/api/v1/products", json={"name": "Cairn Cloud", "vision": "# Hub"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Cairn Cloud" and body["workspace"] == "acme" and body["owner"] == "alice"
    assert body["public_feedback_url"].startswith("/feedback/cairn-cloud-")
    response = api_as(alice).put(f"/api/v1/products/{body['id']}/projects", json={"projects": ["web"]})
    assert response.json()["projects"] == ["WEB"]


def test_names_are_unique_in_any_case_and_required(api_as, alice, product):
    response = api_as(alice).post("/api/v1/products", json={"name": "cairn CLOUD"})
    assert response.status_code == 422 and "name" in response.json()["errors"]
    response = api_as(alice).post("/api/v1/products", json={"name": "  "})
    assert response.status_code == 422 and response.json()["errors"]["name"] == "is required"


def test_members_and_guests_read_but_do_not_run_a_product(api_as, bob, gus, product):
    for person in (bob, gus):
        assert api_as(person).get(f"/api/v1/products/{product.pk}").status_code == 200
        response = api_as(person).patch(f"/api/v1/products/{product.pk}", json={"vision": "mine"})
        assert response.status_code == 403
    assert api_as(bob).post("/api/v1/products", json={"name": "Side project"}).status_code == 403


def test_outsiders_do_not_learn_a_product_exists(api_as, charlie, product):
    assert api_as(charlie).get(f"/api/v1/products/{product.pk}").status_code == 404
    assert api_as(charlie).get("/api/v1/products").json()["total"] == 0
    with pytest.raises(NotFound):
        products.product_for(charlie, product.pk)


def test_unknown_fields_and_owners_are_named(api_as, alice, charlie, product):
    response = api_as(alice).patch(f"/api/v1/products/{product.pk}", json={"owner": "charlie"})
    assert response.status_code == 422 and "owner" in response.json()["errors"]
    response = api_as(alice).patch(f"/api/v1/products/{product.pk}", json={"visoin": "typo"})
    assert response.status_code == 422 and "visoin" in response.json()["errors"]


def test_a_private_delivering_project_stays_hidden_from_non_members(alice, bob, product, sec):
    products.set_projects(actor=alice, product=product, keys=["WEB", "SEC"])
    assert [p.key for p in products.delivering_projects(alice, product)] == ["SEC", "WEB"]
    assert [p.key for p in products.delivering_projects(bob, product)] == ["WEB"]
    with pytest.raises(Forbidden):
        products.set_projects(actor=bob, product=product, keys=["SEC"])


def test_the_policy_decides_by_workspace_role(alice, bob, gus, charlie, product):
    assert products.may(gus, policy.Action.VIEW, product)
    assert not products.may(gus, policy.Action.EDIT_ISSUES, product)
    assert products.may(bob, policy.Action.EDIT_ISSUES, product)
    assert not products.may(bob, policy.Action.MANAGE_PROJECT, product)
    assert products.may(alice, policy.Action.MANAGE_PROJECT, product)
    assert not products.may(charlie, policy.Action.VIEW, product)
    with pytest.raises(Forbidden):
        products.update_product(actor=bob, product=product, fields={"name": "x"})


def _logged_in(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_the_pages_list_create_and_edit_products(alice, gus, password, workspace, product):
    client = _logged_in(alice, password)
    assert "Cairn Cloud" in client.get("/products/").content.decode()
    response = client.post("/products/", {"name": "Mobile", "workspace": workspace.pk, "vision": "Pocket hub"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Pocket hub" in page
    response = client.post(f"/products/{product.pk}/", {"name": "Cairn Cloud", "vision": "<script>x</script>**bold**",
                                                        "owner": "alice", "feedback_open": "on"})
    assert response.status_code == 302
    page = client.get(f"/products/{product.pk}/").content.decode()
    assert "<strong>bold</strong>" in page and "<script>x" not in page
    guest_page = _logged_in(gus, password).get(f"/products/{product.pk}/").content.decode()
    assert "Edit strategy" not in guest_page


def test_a_bad_form_keeps_the_page_and_names_the_field(alice, password, workspace, product):
    client = _logged_in(alice, password)
    response = client.post("/products/", {"name": "", "workspace": workspace.pk})
    assert response.status_code == 422 and "is required" in response.content.decode()
    response = client.post(f"/products/{product.pk}/", {"action": "projects", "projects": "NOPE"})
    assert response.status_code == 422 and "no project NOPE" in response.content.decode()


def test_an_outsider_gets_not_found_on_the_page(charlie, password, product):
    assert _logged_in(charlie, password).get(f"/products/{product.pk}/").status_code == 404


def test_created_products_are_owned_by_their_creator(alice, workspace):
    made = products.create_product(actor=alice, workspace=workspace, name="X", now=timezone.now())
    assert made.owner == alice and made.feedback_open
