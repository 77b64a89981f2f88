def test_alice_creates_and_reads_an_issue(api_as, alice, web):
    api = api_as(alice)
    created = api.post("/api/v1/projects/WEB/issues", {"title": "Login is slow", "priority": "High"})
    assert created.status_code == 201, created.content
    assert created.json()["key"] == "WEB-1"
    got = api.get("/api/v1/issues/WEB-1")
    assert got.json()["priority"] == "High"
    assert got["ETag"] == created["ETag"]


def test_it_rejects_anonymous_calls(api_as, web):
    assert api_as(None).get("/api/v1/projects").status_code == 401
