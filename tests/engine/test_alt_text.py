"""platform.alt-text: each attached image without alt text gets one coaching finding that
names it; images with a description, and posts without images, get none."""

from .borealis import check, found

RULE = "platform.alt-text"
TEXT = "Harvest day at the oat fields!"


def test_an_image_without_alt_text_is_coached():
    result = check(TEXT, "instagram", media=[{"alt": ""}])
    (finding,) = found(result, RULE)
    assert finding.severity == "coach"
    assert (finding.start, finding.end, finding.excerpt) == (0, 0, "")
    assert finding.message.startswith("Attachment 1 has no alt text")
    assert finding.fix is None
    assert result.verdict == "clear"  # coaching never blocks


def test_each_image_without_alt_text_is_named_by_its_position():
    media = [{"alt": "A field of oats at sunrise"}, {"alt": "  "}, {}, {"alt": None}]
    messages = [f.message for f in found(check(TEXT, "instagram", media=media), RULE)]
    assert [m.split(" has ")[0] for m in messages] == [
        "Attachment 2 of 4",
        "Attachment 3 of 4",
        "Attachment 4 of 4",
    ]


def test_described_images_and_posts_without_images_are_fine():
    assert not found(check(TEXT, "instagram", media=[{"alt": "Oats in a wooden bowl"}]), RULE)
    assert not found(check(TEXT, "instagram"), RULE)


def test_alt_text_is_checked_on_every_network():
    for network in ("x", "linkedin", "internal", "blog"):
        assert found(check(TEXT, network, media=[{"alt": ""}]), RULE)
