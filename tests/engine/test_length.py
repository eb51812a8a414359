"""platform.length and lengths.measure(): each network counts the way it does itself (X's
twitter-text weighting, Bluesky's graphemes, Mastodon's links), a draft's own limits
win, and the finding points at the part that does not fit."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from manyvoices.engine.lengths import measure, measure_detail

from .borealis import check, found

RULE = "platform.length"


# ---- measure() ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", 5),
        ("read https://example.com/a/very/long/path/indeed?x=1", 5 + 23),
        ("bare example.com/recipes counts too", 5 + 23 + 11),
        ("😀", 2),
        ("👩‍💻 at work", 2 + 8),  # a ZWJ sequence is one emoji
        ("🇫🇷", 2),  # a flag
        ("1️⃣", 2),  # a keycap
        ("日本語", 6),
        ("café", 4),
        ("cafe\u0301", 4),  # decomposed: X counts the composed form
        ("a\r\nb", 3),
    ],
)
def test_x_counts_links_emoji_and_cjk_by_weight(text, expected):
    assert measure(text, "x") == (expected, 280)


PIECES = [
    "hello",
    " ",
    "world",
    ".",
    ",",
    "example.com",
    "https://x.org/a?b=1",
    "jira.example.io/b/X-1",
    "日本語",
    "é",
    "e\u0301",
    "\n",
    "\r\n",
    "©",
    "®",
    "1\ufe0f\u20e3",
    "#tag",
    "@acme.com",
    "—",
    "…",
    "한국어",
    "🇫🇷",
    "👩\u200d💻",
    "🏳️\u200d🌈",
    "main.py",
    "10.0.0.1:80/x",
    "t.co/abc",
    "(see foo.org)",
    "\u00a0",
    "א",
    "\u200b",
    "x@y.com",
    "🙋🏽",
    "☺",
    "❤",
    "\ufe0f",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["", " ", "\n"]))
def test_x_weighting_agrees_with_twitter_text(pieces, joiner):
    text = joiner.join(pieces)
    assert measure(text, "x")[0] == parse_tweet(text).weightedLength


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=40, max_size=150))
def test_x_overflow_starts_where_twitter_text_says_the_valid_part_ends(pieces):
    text = " ".join(pieces)
    detail = measure_detail(text, "x")
    if detail.overflow_at is None:
        return
    # twitter-text reports the last valid UTF-16 index of its NFC form; compare in kind
    import unicodedata

    normalized = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    if normalized != text:
        return
    valid_end = parse_tweet(text).validRangeEnd
    assert len(text[: detail.overflow_at].encode("utf-16-le")) // 2 - 1 == valid_end


def test_bluesky_counts_graphemes():
    assert measure("👩‍💻🇫🇷 café", "bluesky") == (7, 300)
    assert measure("cafe\u0301", "bluesky") == (4, 300)


def test_mastodon_counts_only_scheme_links_as_23_and_remote_mentions_by_user():
    text = "see https://example.com/a/very/long/path and example.com, ping @ana@social.example"
    expected = len("see ") + 23 + len(" and example.com, ping @ana")
    assert measure(text, "mastodon") == (expected, 500)


@pytest.mark.parametrize(
    ("network", "limit"),
    [
        ("threads", 500),
        ("linkedin", 3000),
        ("instagram", 2200),
        ("facebook", 63206),
        ("blog", None),
        ("internal", None),
    ],
)
def test_other_networks_count_code_points(network, limit):
    assert measure("👩‍💻 ok", network) == (len("👩‍💻 ok"), limit)


def test_a_drafts_own_limit_wins():
    assert measure("x" * 600, "mastodon", {"mastodon": 1000}) == (600, 1000)
    assert measure("x" * 600, "mastodon", {"bluesky": 1000}) == (600, 500)
    assert measure("x" * 10, "blog", {"blog": 5}) == (10, 5)


def test_an_unknown_network_is_an_error():
    with pytest.raises(ValueError, match="unknown network 'myspace'"):
        measure("hi", "myspace")


# ---- the check ------------------------------------------------------------------------


def test_a_post_over_xs_limit_is_blocked_from_the_first_character_that_does_not_fit():
    text = "Notes from the oat fields 🌾 " + "word " * 60
    result = check(text, "x")
    (finding,) = found(result, RULE)
    length, limit = measure(text, "x")
    assert finding.severity == "block"
    assert finding.end == len(text)
    assert measure(text[: finding.start], "x")[0] <= limit
    assert measure(text[: finding.start + 1], "x")[0] > limit
    assert f"{length}" in finding.message and "280" in finding.message
    assert finding.fix is None


def test_a_link_counts_23_so_a_long_url_does_not_push_a_post_over():
    text = "a" * 250 + " https://example.com/" + "p" * 100
    assert not found(check(text, "x"), RULE)


def test_a_link_pushes_a_post_over_when_its_23_do_not_fit():
    text = "a" * 270 + " example.com"
    (finding,) = found(check(text, "x"), RULE)
    assert text[finding.start : finding.end] == "example.com"


def test_bluesky_points_at_the_grapheme_beyond_300():
    text = "👩‍💻" * 299 + "ab"
    (finding,) = found(check(text, "bluesky"), RULE)
    assert text[finding.start :] == "b"


def test_mastodon_counts_the_link_and_points_after_the_limit():
    text = "m" * 470 + " https://example.com/" + "z" * 50
    assert measure(text, "mastodon")[0] == 470 + 1 + 23
    assert not found(check(text, "mastodon"), RULE)
    text = "m" * 490 + " https://example.com/long"
    (finding,) = found(check(text, "mastodon"), RULE)
    assert text[finding.start : finding.end] == "https://example.com/long"


@pytest.mark.parametrize(("network", "limit"), [("threads", 500), ("linkedin", 3000)])
def test_code_point_networks_point_at_the_limit(network, limit):
    text = "é" * (limit + 7)
    (finding,) = found(check(text, network), RULE)
    assert (finding.start, finding.end) == (limit, limit + 7)
    assert str(limit + 7) in finding.message


def test_a_drafts_limits_override_the_network_default():
    text = "x" * 700
    assert found(check(text, "mastodon"), RULE)
    assert not found(check(text, "mastodon", limits={"mastodon": 1000}), RULE)
    (finding,) = found(check("x" * 120, "blog", limits={"blog": 100}), RULE)
    assert "own limit" in finding.message


def test_blog_and_internal_posts_have_no_limit():
    assert not found(check("long " * 20000, "blog"), RULE)
    assert not found(check("long " * 20000, "internal"), RULE)


def test_offsets_are_in_the_authors_text_even_with_zero_width_characters():
    # the network counts every code point the author typed, invisible ones too
    text = "\u200b" * 10 + "y" * 495
    (finding,) = found(check(text, "threads"), RULE)
    assert finding.start == 500
