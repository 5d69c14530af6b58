"""Each role reaches exactly the pages it should (issue 2's pages)."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/domains/", "/domains/glaede/", "/domains/glaede/edit/", "/domains/new/", "/audit/"]

# path -> expected status per role
EXPECTED = {
    "anonymous": {"/": 200, "/domains/": 302, "/domains/glaede/": 302,
                  "/domains/glaede/edit/": 302, "/domains/new/": 302, "/audit/": 302},
    "staff": {"/": 200, "/domains/": 200, "/domains/glaede/": 200,
              "/domains/glaede/edit/": 200, "/domains/new/": 200, "/audit/": 403},
    "facilitator": {"/": 200, "/domains/": 200, "/domains/glaede/": 200,
                    "/domains/glaede/edit/": 200, "/domains/new/": 403, "/audit/": 403},
    "manager": {"/": 200, "/domains/": 200, "/domains/glaede/": 200,
                "/domains/glaede/edit/": 403, "/domains/new/": 403, "/audit/": 403},
    "admin": {"/": 200, "/domains/": 200, "/domains/glaede/": 200,
              "/domains/glaede/edit/": 200, "/domains/new/": 200, "/audit/": 200},
}  # fmt: skip


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("path", PAGES)
def test_role_reaches_exactly_its_pages(request, client, role, path):
    if role != "anonymous":
        fixture = {"staff": "staff_client", "facilitator": "facilitator_client",
                   "manager": "manager_client", "admin": "admin_client_"}[role]  # fmt: skip
        client = request.getfixturevalue(fixture)
    response = client.get(path)
    assert response.status_code == EXPECTED[role][path]
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
