"""Every page, visited by each role: who may see it, and what the others get."""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "alice", "bob", "charlie", "comms", "compliance", "admin")

# page -> roles that get 200 (anonymous gets a redirect to sign-in unless public)
PAGES = {
    "/": ("anonymous",),  # signed-in people go to the composer
    "/guidelines/": ROLES,
    "/accounts/login/": ("anonymous",),  # signed-in people are sent on
    "/compose/": ROLES[1:],
    "/drafts/": ROLES[1:],
    "/settings/tokens/": ROLES[1:],
    "/settings/profile/": ROLES[1:],
    "/guidelines/manage/": ("compliance", "admin"),
    "/guidelines/manage/new/": ("compliance", "admin"),
    "/guidelines/coverage/": ("compliance", "admin"),
    "/insights/": ("compliance", "admin"),
    "/people/": ("admin",),
    "/people/invite/": ("admin",),
    "/people/import/": ("admin",),
    "/api/docs": ROLES,
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_each_role_as_its_role_allows(page, role, people, policy, client_for):
    client = client_for(people.by_role(role))
    response = client.get(page)
    if role in PAGES[page]:
        assert response.status_code == 200, response.content[:300]
    elif page == "/":
        assert response.status_code == 302
        assert response["Location"] == "/compose/"
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif page == "/accounts/login/" or page == "/":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_policy_version_page_is_for_compliance_and_admin(people, policy, client_for):
    url = f"/guidelines/manage/{policy.pk}/"
    assert client_for(people.compliance).get(url).status_code == 200
    assert client_for(people.admin).get(url).status_code == 200
    assert client_for(people.alice).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_navigation_shows_only_what_the_role_may_use(people, policy, client_for):
    page = client_for(people.alice).get("/compose/").content.decode()
    assert "/insights/" not in page and "/people/" not in page and "/guidelines/manage/" not in page
    page = client_for(people.compliance).get("/compose/").content.decode()
    assert "/insights/" in page and "/guidelines/manage/" in page and "/people/" not in page
    page = client_for(people.admin).get("/compose/").content.decode()
    assert "/people/" in page


def test_django_admin_is_for_administrators_only(people, client_for):
    assert client_for(people.admin).get("/admin/").status_code == 200
    assert client_for(people.compliance).get("/admin/").status_code == 302
    assert client_for(people.alice).get("/admin/").status_code == 302
