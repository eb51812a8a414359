"""'Find an expert' ranks people by their expertise tags, colleagues' endorsements and
what they wrote on the topic; nobody endorses themselves."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.social import services
from manyvoices.social.experts import find_experts
from manyvoices.social.models import Endorsement

from .conftest import People

pytestmark = pytest.mark.django_db


def test_tags_endorsements_and_posts_rank_the_experts(people: People, policy: Any) -> None:
    bob_tag = services.add_expertise(user=people.bob, tag="Kubernetes")
    services.add_expertise(user=people.charlie, tag="kubernetes")
    services.endorse(endorser=people.alice, expertise=bob_tag)
    services.endorse(endorser=people.comms, expertise=bob_tag)
    services.save_post(
        author=people.admin,
        title="Kubernetes upgrade notes",
        body="We upgraded the kubernetes clusters.",
        publish=True,
    )
    ranked = find_experts(people.alice, "kubernetes")
    assert [e.user for e in ranked][:3] == [people.bob, people.charlie, people.admin]
    assert ranked[0].endorsements == 2 and ranked[0].tags == ["kubernetes"]
    assert ranked[2].posts == 1


def test_nobody_endorses_their_own_expertise(people: People, policy: Any, client_for: Any) -> None:
    tag = services.add_expertise(user=people.bob, tag="rust")
    with pytest.raises(services.InvalidInput, match="own"):
        services.endorse(endorser=people.bob, expertise=tag)
    r = client_for(people.bob).post(f"/network/expertise/{tag.pk}/endorse/")
    assert r.status_code == 400
    r = client_for(people.alice).post(f"/network/expertise/{tag.pk}/endorse/")
    assert r.status_code == 302
    client_for(people.alice).post(f"/network/expertise/{tag.pk}/endorse/")  # twice: once
    assert Endorsement.objects.count() == 1
    client_for(people.alice).post(f"/network/expertise/{tag.pk}/endorse/", {"stop": "1"})
    assert Endorsement.objects.count() == 0


def test_the_experts_page_and_api_list_the_ranked_people(
    people: People, policy: Any, client_for: Any
) -> None:
    from manyvoices.api.models import ApiToken

    services.add_expertise(user=people.bob, tag="payments")
    page = client_for(people.charlie).get("/network/experts/", {"q": "payments"}).content.decode()
    assert "Bob Baker" in page and "Expertise: payments" in page
    _t, secret = ApiToken.issue(people.charlie, "t")
    got = (
        client_for(None)
        .get("/api/v1/experts", {"q": "payments"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
        .json()
    )
    assert got[0]["person"]["email"] == people.bob.email and got[0]["tags"] == ["payments"]


def test_a_profile_shows_expertise_languages_and_the_manager_chain(
    people: People, policy: Any, client_for: Any
) -> None:
    c = client_for(people.alice)
    c.post("/network/profile/", {"action": "save", "bio": "Hi", "languages": "English, Polish"})
    c.post("/network/profile/", {"action": "add-tag", "tag": "Machine learning"})
    page = client_for(people.bob).get(f"/network/people/{people.alice.pk}/").content.decode()
    assert "machine-learning" in page and "English, Polish" in page and "Lee Lead" in page
    r = c.post("/network/profile/", {"action": "add-tag", "tag": "!!!"})
    assert r.status_code == 400 and "tag:" in r.content.decode()
