"""Compliance edits the policy in a form or by upload; the engine validates it (errors name the
line); publishing is explicit; the public page renders each rule with a real example."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from manyvoices.guidelines.models import PolicyVersion

from .conftest import TEST_POLICY


def test_compliance_saves_a_new_version_which_is_not_in_force_until_published(
    people, policy, client_for
):
    client = client_for(people.compliance)
    new = TEST_POLICY.replace('version: "3.1"', 'version: "3.2"')
    response = client.post("/guidelines/manage/new/", {"yaml": new, "note": "tighter"})
    version = PolicyVersion.objects.get(version="3.2")
    assert response["Location"] == f"/guidelines/manage/{version.pk}/"
    assert not version.is_published
    assert PolicyVersion.objects.current() == policy
    client.post(f"/guidelines/manage/{version.pk}/publish/")
    version.refresh_from_db()
    assert version.published_by == people.compliance
    assert PolicyVersion.objects.current() == version
    history = client.get("/guidelines/manage/").content.decode()
    assert "3.1" in history and "3.2" in history and "tighter" in history


def test_a_policy_can_be_uploaded_as_a_file(people, client_for):
    client = client_for(people.compliance)
    upload = SimpleUploadedFile("globodyne.yaml", TEST_POLICY.encode())
    response = client.post("/guidelines/manage/new/", {"file": upload, "yaml": ""})
    assert response.status_code == 302
    version = PolicyVersion.objects.get()
    assert version.yaml == TEST_POLICY
    assert len(version.sha256) == 64


def test_an_invalid_upload_is_refused_naming_the_line_and_key(people, client_for):
    bad = TEST_POLICY.replace(
        "codenames: [Bluebird, Project Lantern]", "codenames: [Bluebird]\nunknown_key: 1"
    )
    line = bad.splitlines().index("unknown_key: 1") + 1
    upload = SimpleUploadedFile("bad.yaml", bad.encode())
    response = client_for(people.compliance).post("/guidelines/manage/new/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"bad.yaml:{line}" in page
    assert "unknown_key" in page
    assert not PolicyVersion.objects.exists()


def test_broken_yaml_in_the_form_is_refused_with_its_line(people, client_for):
    bad = "name: X\nversion: '1'\ncompany: [unclosed\n"
    response = client_for(people.compliance).post("/guidelines/manage/new/", {"yaml": bad})
    assert response.status_code == 400
    assert "not valid YAML" in response.content.decode()
    assert "Look at line" in response.content.decode()


def test_an_empty_policy_is_refused(people, client_for):
    response = client_for(people.compliance).post("/guidelines/manage/new/", {"yaml": "  "})
    assert response.status_code == 400
    assert b"Write the policy or upload a policy file" in response.content


def test_only_compliance_and_admin_can_edit_or_publish(people, client_for):
    version = PolicyVersion.create_from_yaml(TEST_POLICY, by=people.compliance)
    for user in (people.alice, people.bob, people.charlie, people.comms):
        client = client_for(user)
        assert client.post("/guidelines/manage/new/", {"yaml": TEST_POLICY}).status_code == 403
        assert client.post(f"/guidelines/manage/{version.pk}/publish/").status_code == 403
    assert client_for(None).post(f"/guidelines/manage/{version.pk}/publish/").status_code == 302
    version.refresh_from_db()
    assert not version.is_published
    client_for(people.admin).post(f"/guidelines/manage/{version.pk}/publish/")
    version.refresh_from_db()
    assert version.is_published


def test_the_public_page_needs_no_sign_in_and_renders_each_rule(people, policy, client_for):
    page = client_for(None).get("/guidelines/").content.decode()
    assert "Globodyne Social Guidelines" in page
    assert 'id="confidential.codename"' in page
    assert "No internal codenames" in page
    assert "Why:" in page and "Source:" in page
    assert 'id="custom.beta-talk"' in page
    assert "I have read and acknowledge" not in page  # nothing to acknowledge when anonymous


def test_the_public_page_shows_the_engines_real_findings_on_the_examples(people, client_for):
    # The examples carry the published policy's own names: its first codename here.
    version = PolicyVersion.create_from_yaml(TEST_POLICY, by=people.compliance)
    version.publish(by=people.compliance)
    page = client_for(None).get("/guidelines/").content.decode()
    section = page.split('id="confidential.codename"')[1].split("</section>")[0]
    assert "<q>Bluebird</q>" in section
    assert "Better:" in section


def test_rules_switched_off_are_not_shown(people, client_for):
    yaml = TEST_POLICY.replace("rules:\n", 'rules:\n  respect.profanity: {severity: "off"}\n')
    PolicyVersion.create_from_yaml(yaml, by=people.compliance).publish(by=people.compliance)
    page = client_for(None).get("/guidelines/").content.decode()
    assert 'id="respect.profanity"' not in page


def test_before_anything_is_published_the_page_says_so(db, client_for):
    assert b"No guidelines are published yet" in client_for(None).get("/guidelines/").content


def test_a_new_version_shows_its_changes_from_the_one_in_force(people, policy, client_for):
    new = PolicyVersion.create_from_yaml(
        TEST_POLICY.replace("[Bluebird, Project Lantern]", "[Bluebird, Project Lantern, Kite]"),
        by=people.compliance,
    )
    page = client_for(people.compliance).get(f"/guidelines/manage/{new.pk}/").content.decode()
    assert "-codenames: [Bluebird, Project Lantern]" in page
    assert "+codenames: [Bluebird, Project Lantern, Kite]" in page
