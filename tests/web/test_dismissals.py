"""Dismissing a warn or coach finding with a reason, and the counts compliance sees."""

from __future__ import annotations

from manyvoices.composer.models import Dismissal, Draft

from .conftest import BLOCKED_TEXT, COACH_TEXT, WARN_TEXT


def key_of(text, word, rule):
    start = text.index(word)
    return f"{rule}:{start}:{start + len(word)}"


def test_a_warning_dismissed_with_a_reason_is_recorded_and_hidden(people, policy, client_for, htmx):
    key = key_of(WARN_TEXT, "beta programme", "custom.beta-talk")
    html = (
        client_for(people.alice)
        .post(
            "/compose/dismiss/",
            {
                "text": WARN_TEXT,
                "networks": ["x"],
                "dismiss": key,
                f"reason:{key}": "It is a public beta, announced last month",
            },
            **htmx,
        )
        .content.decode()
    )
    dismissal = Dismissal.objects.get()
    assert dismissal.rule == "custom.beta-talk" and dismissal.author == people.alice
    assert dismissal.reason == "It is a public beta, announced last month"
    assert not dismissal.protected
    assert "1 dismissed finding hidden" in html
    assert 'name="dismissed" value="custom.beta-talk::beta programme"' in html
    assert "verdict-clear" in html


def test_a_dismissal_on_a_saved_draft_is_kept_with_the_draft(people, policy, client_for, htmx):
    draft = Draft.objects.create(author=people.alice, text=COACH_TEXT, networks=["x"])
    key = key_of(COACH_TEXT, "the mothership", "custom.nickname")
    client_for(people.alice).post(
        "/compose/dismiss/",
        {
            "draft": draft.pk,
            "text": COACH_TEXT,
            "networks": ["x"],
            "dismiss": key,
            f"reason:{key}": "A joke among friends",
        },
        **htmx,
    )
    draft.refresh_from_db()
    assert draft.dismissed == ["custom.nickname::the mothership"]
    assert Dismissal.objects.get().draft == draft


def test_a_dismissal_needs_a_reason(people, policy, client_for, htmx):
    key = key_of(WARN_TEXT, "beta programme", "custom.beta-talk")
    html = (
        client_for(people.alice)
        .post("/compose/dismiss/", {"text": WARN_TEXT, "networks": ["x"], "dismiss": key}, **htmx)
        .content.decode()
    )
    assert not Dismissal.objects.exists()
    assert "Say why you dismiss it" in html


def test_a_block_cannot_be_dismissed(people, policy, client_for, htmx):
    key = key_of(BLOCKED_TEXT, "Bluebird", "confidential.codename")
    html = (
        client_for(people.alice)
        .post(
            "/compose/dismiss/",
            {"text": BLOCKED_TEXT, "networks": ["x"], "dismiss": key, f"reason:{key}": "I want to"},
            **htmx,
        )
        .content.decode()
    )
    assert not Dismissal.objects.exists()
    assert "a block must be fixed" in html


def test_a_forged_dismissed_key_does_not_hide_a_block(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post(
            "/compose/review/",
            {
                "text": BLOCKED_TEXT,
                "networks": ["x"],
                "dismissed": "confidential.codename::Bluebird",
            },
            **htmx,
        )
        .content.decode()
    )
    assert "verdict-block" in html


def test_compliance_sees_dismissals_counted_per_rule(people, policy, client_for):
    for reason in ("one", "two"):
        Dismissal.objects.create(
            author=people.alice, rule="custom.beta-talk", severity="warn", reason=reason
        )
    Dismissal.objects.create(
        author=people.bob, rule="custom.nickname", severity="coach", reason="three"
    )
    page = client_for(people.compliance).get("/insights/").content.decode()
    assert "custom.beta-talk</span></td><td>2</td>" in page
    assert "custom.nickname</span></td><td>1</td>" in page
    assert "one" not in page.split("Dismissed findings")[1].split("</table>")[0]
