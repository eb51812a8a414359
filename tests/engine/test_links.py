"""Links (links.py) and confidential.internal-link: links with or without a scheme, bare
domains and paths, private addresses, localhost and internal-only hosts, classified by
the policy's internal domains; e-mail domains and handles are not links."""

import pytest

from manyvoices.engine.links import classify_host, extract_links

from .borealis import check, excerpts, fixed, found

RULE = "confidential.internal-link"
INTERNAL = ("wiki.borealis.example", "tickets.borealis.io", "corp.borealis")


def links_in(text: str) -> list[str]:
    return [text[start:end] for start, end, _host in extract_links(text, INTERNAL)]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("read https://example.com/a?b=1#c today", ["https://example.com/a?b=1#c"]),
        (
            "ticket: tickets.borealis.io/browse/FRO-12, have a look",
            ["tickets.borealis.io/browse/FRO-12"],
        ),
        ("see www.exemple.fr/page.", ["www.exemple.fr/page"]),
        ("(docs at docs.example.org/setup)", ["docs.example.org/setup"]),
        ("« voir intranet.corp.borealis/rh »", ["intranet.corp.borealis/rh"]),
        ("[slides](https://talks.example.net/q3)", ["https://talks.example.net/q3"]),
        (
            "a wiki page https://en.wikipedia.org/wiki/Oat_(grain)!",
            ["https://en.wikipedia.org/wiki/Oat_(grain)"],
        ),
        ("Grafana: http://10.14.2.31:3000/d/queue, ok?", ["http://10.14.2.31:3000/d/queue"]),
        ("admin panel at 192.168.1.20:8080/admin.", ["192.168.1.20:8080/admin"]),
        ("router is 192.168.1.1", ["192.168.1.1"]),
        ("runs on localhost:8000/login", ["localhost:8000/login"]),
        ("http://localhost:3000 works", ["http://localhost:3000"]),
        ("portal.borealis.internal/teams is live", ["portal.borealis.internal/teams"]),
        ("staging: https://staging.frost.corp/login!", ["https://staging.frost.corp/login"]),
        ("the NAS is nas.lan or printer.local:631", ["nas.lan", "printer.local:631"]),
        ("HTTPS://WIKI.EXAMPLE.COM/X", ["HTTPS://WIKI.EXAMPLE.COM/X"]),
        ("jdbc:postgresql://db.example.org:5432/app", ["postgresql://db.example.org:5432/app"]),
        ("two: a.example.com and b.example.org/x", ["a.example.com", "b.example.org/x"]),
    ],
)
def test_it_finds_links_with_or_without_a_scheme(text, links):
    assert links_in(text) == links


@pytest.mark.parametrize(
    "text",
    [
        "mail jane.design@example.com or priya.raman@example.com",
        "follow @borealis.example on Bluesky",
        "it runs on localhost just fine",
        "e.g. i.e. U.S.A. and Ph.D. students",
        "version 1.2.3.4.5 and pi is 3.14",
        "great launch.Now the hard part",
        "Frost Oats.Aurora Granola.",
    ],
)
def test_it_does_not_take_prose_or_addresses_for_links(text):
    assert links_in(text) == []


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("wiki.borealis.example", "listed in the policy"),
        ("deep.wiki.borealis.example", "listed in the policy"),
        ("tickets.borealis.io", "listed in the policy"),
        ("intranet.corp.borealis", "listed in the policy"),
        ("10.0.0.5", "private"),
        ("172.20.1.1", "private"),
        ("192.168.0.10", "private"),
        ("127.0.0.1", "private"),
        ("169.254.10.1", "private"),
        ("::1", "private"),
        ("localhost", "localhost"),
        ("portal.borealis.internal", "internal-only"),
        ("staging.frost.corp", "internal-only"),
        ("nas.lan", "internal-only"),
        ("printer.local", "internal-only"),
        ("jenkins", "only works inside"),
    ],
)
def test_internal_hosts_are_recognised(host, reason):
    assert reason in classify_host(host, INTERNAL)


@pytest.mark.parametrize(
    "host",
    [
        "borealis.example",
        "www.borealis.example",
        "wiki.example.com",
        "notwiki.borealis.example",
        "8.8.8.8",
        "172.32.0.1",
        "corporate.example",
        "example.local.example.com",
    ],
)
def test_public_hosts_are_not_internal(host):
    assert classify_host(host, INTERNAL) == ""


INTERNAL_POSTS = [
    (
        "Postmortem is up: https://wiki.borealis.example/display/SRE/PM-42",
        "https://wiki.borealis.example/display/SRE/PM-42",
    ),
    ("flaky test ticket: tickets.borealis.io/browse/FRO-311", "tickets.borealis.io/browse/FRO-311"),
    (
        "Le tableau de bord est ici : http://10.20.3.4:3000/d/ventes",
        "http://10.20.3.4:3000/d/ventes",
    ),
    (
        "Das neue Portal: http://portal.borealis.internal/teams/logistik",
        "http://portal.borealis.internal/teams/logistik",
    ),
    ("La demo corre en localhost:8080/demo, probadla", "localhost:8080/demo"),
    ("staging voltou 🎉 https://staging.frost.corp/login", "https://staging.frost.corp/login"),
    ("build logs: http://jenkins:8080/job/oats-nightly/", "http://jenkins:8080/job/oats-nightly/"),
]


@pytest.mark.parametrize(("text", "link"), INTERNAL_POSTS)
def test_it_blocks_internal_links_and_points_at_the_link(text, link):
    result = check(text, "x")
    (finding,) = found(result, RULE)
    assert text[finding.start : finding.end] == link
    assert finding.severity == "block"
    assert finding.message.startswith("This link points at")


@pytest.mark.parametrize(("text", "link"), INTERNAL_POSTS)
def test_its_fix_replaces_the_link_with_neutral_words(text, link):
    after = fixed(text, RULE, "x")
    assert link not in after
    assert not found(check(after, "x"), RULE)


def test_public_links_and_the_company_site_are_fine():
    result = check("Our new granola: https://borealis.example/aurora and example.com/recipes", "x")
    assert not found(result, RULE)


def test_internal_links_are_fine_on_the_internal_network():
    assert not excerpts(check("Postmortem: https://wiki.borealis.example/PM-42", "internal"), RULE)


def test_the_fix_is_in_the_language_of_the_post():
    text = "Le compte rendu de la rétrospective est ici : https://wiki.borealis.example/retro-q3"
    assert "(lien interne retiré)" in fixed(text, RULE, "x")
