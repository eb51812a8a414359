"""Each network's text is fitted to its length rules without cutting the link; Bluesky
facets point at UTF-8 byte offsets; record keys are valid atproto TIDs."""

from __future__ import annotations

import re

from manyvoices.engine.lengths import measure
from manyvoices.networks.connectors.bluesky import facets
from manyvoices.networks.publishing import compose, new_tid

LONG = "Walking by the river this morning, I kept thinking about our team " * 12
LINK = "https://example.org/a/very/long/path/to/the/river/story?with=query"


def test_each_network_gets_a_text_within_its_limit_with_the_link_whole():
    for network in ("x", "bluesky", "mastodon", "linkedin"):
        text = compose(LONG, network, link=LINK)
        count, limit = measure(text, network)
        assert limit is not None and count <= limit, (network, count, limit)
        assert text.endswith(LINK)
        if network != "linkedin":
            assert "…" in text


def test_a_short_text_is_left_alone():
    assert compose("Hello river", "x") == "Hello river"
    assert compose("Hello river", "bluesky", link=LINK) == f"Hello river\n\n{LINK}"
    assert compose(f"See {LINK}", "mastodon", link=LINK) == f"See {LINK}"


def test_bluesky_carries_the_content_warning_in_the_text():
    assert compose("Hello river", "bluesky", content_warning="spiders").startswith("CW: spiders")
    assert compose("Hello river", "mastodon", content_warning="spiders") == "Hello river"


def test_facets_use_utf8_byte_offsets():
    text = "Café ☕ with @bob.test at https://example.org/x and #coffee!"
    found = facets(text, resolve=lambda handle: "did:plc:bob" if handle == "bob.test" else None)
    raw = text.encode()
    spans = {
        f["features"][0]["$type"].rsplit("#")[1]: raw[
            f["index"]["byteStart"] : f["index"]["byteEnd"]
        ].decode()
        for f in found
    }
    assert spans == {"mention": "@bob.test", "link": "https://example.org/x", "tag": "#coffee"}


def test_an_unknown_handle_stays_plain_text():
    assert facets("hi @nobody.test", resolve=lambda handle: None) == []


def test_record_keys_are_tids_and_differ():
    keys = {new_tid() for _ in range(1000)}
    assert len(keys) == 1000
    assert all(
        re.fullmatch(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}", k) for k in keys
    )
