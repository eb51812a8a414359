"""confidential.marker: a confidentiality label on the text, in any language, but not
the word in another sense (a helpline, a title, advice to the reader)."""

import pytest

from .nimbus import check, excerpts, found

RULE = "confidential.marker"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Confidential: the pricing page changes next month.", "Confidential"),
        ("This deck is strictly confidential, but look at slide 4.", "strictly confidential"),
        ("INTERNAL USE ONLY, but the new logo is lovely.", "INTERNAL USE ONLY"),
        ("internal only, but the onboarding doc is great", "internal only"),
        ("Not public yet: the Porto office opens in May.", "Not public yet"),
        ("I'm under NDA so I'll just say: watch the spring keynote.", "under NDA"),
        ("Press kit attached, embargoed until Tuesday 9am.", "embargoed"),
        ("Don't tell anyone but the new dashboard is gorgeous.", "Don't tell anyone"),
        ("Roadmap slides from today (do not forward, thanks).", "do not forward"),
        ("Do not share this outside the team: the new tiers.", "Do not share"),
        ("C'est confidentiel, mais la nouvelle page d'accueil est superbe.", "confidentiel"),
        ("Vertraulich: die neue Preisliste kommt im Mai.", "Vertraulich"),
        ("Das Dokument ist nur intern, aber die Grafiken sind toll.", "nur intern"),
        ("Es confidencial, pero el nuevo logo es precioso.", "confidencial"),
        ("Documento solo para uso interno: nuevas tarifas.", "solo para uso interno"),
        ("Ainda não é público, mas o novo escritório abre em maio.", "Ainda não é público"),
        # A label in another language than the post's own still counts.
        ("Sharing the roadmap doc (vertraulich) with you all.", "vertraulich"),
    ],
)
def test_it_blocks_confidentiality_labels(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Our confidential support line is open around the clock for Cirrus DB customers.",
        "Ligne d'écoute confidentielle pour nos clients : appelez à tout moment.",
        "Unsere vertrauliche Beratung ist für alle Kunden kostenlos.",
        "Just finished Kitchen Confidential on the train, what a read.",
        "Keep your recovery codes confidential and never paste them in chat.",
        "Your survey answers stay confidential, so please be honest.",
        "Never post confidential information about customers online.",
        "PSA: do not share your one-time codes with anyone who calls you.",
        "We don't share customer data with advertisers.",
        "Can't say more yet, but watch this space!",
        "Cirrus DB now runs on confidential computing hardware in every region.",
        "Our eng blog post on internal tools: https://nimbuslabs.io/blog/internal-only-tools",
    ],
)
def test_other_senses_and_hints_are_not_labels(text):
    assert found(check(text), RULE) == []


def test_one_finding_per_label_even_when_phrases_overlap():
    result = check("Strictly confidential, internal use only: the Q3 plan.")
    assert excerpts(result, RULE) == ["Strictly confidential", "internal use only"]


def test_the_finding_offsets_point_at_the_label_in_the_original_text():
    text = "🔒 Entre nós: é confidencial, o lançamento foi adiado."
    finding = found(check(text), RULE)[0]
    assert text[finding.start : finding.end] == "confidencial"


def test_no_fix_is_offered_because_the_labelled_content_is_the_problem():
    finding = found(check("Confidential: the pricing page changes next month."), RULE)[0]
    assert finding.fix is None
    assert "take it out" in finding.message


def test_it_does_not_apply_on_the_internal_network():
    text = "Internal only: the new tiers go live on the 3rd."
    assert found(check(text, network="x"), RULE)
    assert found(check(text, network="internal"), RULE) == []


def test_it_is_reported_at_full_severity_before_any_downgrade():
    # review.py downgrades it in protected posts; the check itself always reports it.
    from manyvoices.engine.checks import marker
    from manyvoices.engine.context import Context
    from manyvoices.engine.types import Draft

    from .nimbus import nimbus_policy

    ctx = Context(Draft(text="Not public yet: we are all getting a pay cut."), nimbus_policy())
    assert [f.severity for f in marker.check(ctx)] == ["block"]
