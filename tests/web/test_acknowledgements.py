"""Acknowledging the guidelines: a banner until acknowledged, and coverage by department."""

from __future__ import annotations

from manyvoices.guidelines.models import Acknowledgement, PolicyVersion

from .conftest import TEST_POLICY


def test_a_banner_asks_to_acknowledge_until_done(people, policy, client_for):
    client = client_for(people.alice)
    assert "Guidelines to acknowledge" in client.get("/drafts/").content.decode()
    response = client.post("/guidelines/acknowledge/", {"next": "/drafts/"})
    assert response["Location"] == "/drafts/"
    assert Acknowledgement.objects.filter(user=people.alice, policy_version=policy).exists()
    assert "Guidelines to acknowledge" not in client.get("/drafts/").content.decode()


def test_publishing_a_new_version_brings_the_banner_back(people, policy, client_for):
    client = client_for(people.alice)
    client.post("/guidelines/acknowledge/")
    newer = PolicyVersion.create_from_yaml(
        TEST_POLICY.replace('"3.1"', '"3.2"'), by=people.compliance
    )
    newer.publish(by=people.compliance)
    assert "3.2" in client.get("/drafts/").content.decode().split("</header>")[1][:800]


def test_acknowledging_twice_keeps_one_record(people, policy, client_for):
    client = client_for(people.alice)
    client.post("/guidelines/acknowledge/")
    client.post("/guidelines/acknowledge/")
    assert Acknowledgement.objects.count() == 1


def test_an_outside_next_url_is_ignored(people, policy, client_for):
    response = client_for(people.alice).post(
        "/guidelines/acknowledge/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/guidelines/"


def test_anonymous_visitors_see_no_banner_and_cannot_acknowledge(people, policy, client_for):
    client = client_for(None)
    assert "Guidelines to acknowledge" not in client.get("/guidelines/").content.decode()
    assert client.post("/guidelines/acknowledge/").status_code == 302
    assert not Acknowledgement.objects.exists()


def test_acknowledging_needs_a_post(people, policy, client_for):
    assert client_for(people.alice).get("/guidelines/acknowledge/").status_code == 405


def test_compliance_sees_coverage_by_department(people, policy, client_for):
    for user in (people.alice, people.charlie):
        Acknowledgement.objects.create(user=user, policy_version=policy)
    page = client_for(people.compliance).get("/guidelines/coverage/").content.decode()
    # Engineering: lead, alice, bob -> 1 of 3; Sales: charlie -> 1 of 1
    assert "<td>Engineering</td><td>3</td><td>1</td>" in page
    assert "<td>Sales</td><td>1</td><td>1</td>" in page
    assert "2 of 7 people" in page
