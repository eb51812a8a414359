"""Links in a draft (with or without a scheme), found by pattern and classified by host.

A link is any of:

- a URL with a scheme (`https://…`, `ftp://…`, `postgres://user@host/db`);
- a bare host name whose last label is a real top-level domain, an
  internal-only suffix (`.internal`, `.corp`, `.local`, `.lan`, …) or one of
  the policy's internal domains, with an optional port and path
  (`jira.example.io/browse/X-1`, `printer.local:631`);
- an IPv4 address, with an optional port and path (`10.0.0.5:8080/admin`);
- `localhost` followed by a port or a path (`localhost:3000/login`).

The domain after the `@` of an e-mail address or handle is not a link.

urlextract was used here first, but it cost about 170 µs per candidate token,
missed hosts under internal suffixes (they are not IANA top-level domains),
missed `localhost:3000`, and returned negative offsets for `IP:port/path`.
One regular expression plus a set lookup in the IANA list that urlextract
ships costs a few microseconds per draft and handles all of those.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .context import Context, Link

INTERNAL_SUFFIXES = (
    ".internal",
    ".corp",
    ".local",
    ".lan",
    ".intranet",
    ".localdomain",
    ".home.arpa",
    ".private",
)
_INTERNAL_TLDS = frozenset(s.rsplit(".", 1)[-1] for s in INTERNAL_SUFFIXES)
_INTERNAL_NAMES = frozenset(s[1:] for s in INTERNAL_SUFFIXES)  # "corp", "home.arpa"

# A dot glued to a letter or digit on its right is where every host name, IP address
# and most URLs show themselves; a sentence's full stop is followed by a space. Only
# the whitespace-delimited tokens around such anchors are matched against `_LINK`,
# so ordinary prose costs one fast literal scan.
_ANCHOR = re.compile(r"\.(?=[A-Za-z0-9])")
_SPACE = re.compile(r"\s")

_PATH = r"(?:[/?#][^\s<>\"`]*)?"
_PORT = r"(?::\d{2,5}(?![\d]))?"
_LINK = re.compile(
    # a URL with a scheme
    r"(?P<scheme>(?<![\w+.-])[a-z][a-z0-9+.-]{1,15}://[^\s<>\"`]+)"
    # an IPv4 address (not part of a longer dotted number such as a version)
    rf"|(?P<ip>(?<![\w.])\d{{1,3}}(?:\.\d{{1,3}}){{3}}(?![\w]|\.\d)){_PORT}{_PATH}"
    # localhost, only with a port or a path: the bare word is prose
    r"|(?P<localhost>(?<![\w.@-])localhost)(?:(?::\d{2,5}(?!\d))|(?=/))" + _PATH +
    # a bare host name; not preceded by @ (e-mail domain, handle) or glued to a word
    r"|(?P<host>(?<![\w@.\-/:])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?P<tld>[a-z][a-z0-9-]{0,61}[a-z0-9]))(?![\w@-]|\.[a-z0-9])" + _PORT + _PATH,
    re.IGNORECASE,
)

# Trailing characters that end a sentence rather than a URL.
_TRAILING = ".,;:!?'\"»”’…*"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


@lru_cache(maxsize=1)
def top_level_domains() -> frozenset[str]:
    """The IANA list of top-level domains that urlextract ships (no download, ever)."""
    import urlextract

    path = Path(urlextract.__file__).parent / "data" / "tlds-alpha-by-domain.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:  # pragma: no cover - a broken installation
        raise RuntimeError(f"cannot read the list of top-level domains at {path}: {exc}") from None
    tlds = frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))
    if not tlds:  # pragma: no cover - a broken installation
        raise RuntimeError(f"the list of top-level domains at {path} is empty")
    return tlds


def host_of(url: str) -> str:
    """The lower-cased host of a URL, with or without a scheme ("" when there is none)."""
    candidate = url if "://" in url else "http://" + url
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        host = ""
    return host.lower().rstrip(".")


def classify_host(host: str, internal_domains: tuple[str, ...]) -> str:
    """Why `host` is internal, or "" when it is public."""
    if not host:
        return ""
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost"
    ip = None
    # An IPv4 address starts with a digit and an IPv6 one holds a colon: other hosts are
    # names, and spare `ip_address` the two exceptions it raises for a name.
    if host[0].isdigit() or host[0] == "[" or ":" in host:
        try:
            ip = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            ip = None
    if ip is not None:
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified:
            return "a private network address"
        return ""
    for domain in internal_domains:
        if host == domain or host.endswith("." + domain):
            return "an internal host listed in the policy"
    if host.endswith(INTERNAL_SUFFIXES) or host in _INTERNAL_NAMES:
        return "a host on an internal-only domain"
    if "." not in host and ":" not in host:
        # "http://jenkins:8080/": a name without a domain resolves only inside a network
        return "a host name that only works inside our network"
    return ""


def trim_link_end(text: str, start: int, end: int) -> int:
    """The end of the link once sentence punctuation and unbalanced closers are dropped."""
    while end > start:
        ch = text[end - 1]
        if ch in _TRAILING:
            end -= 1
        elif ch in _CLOSERS:
            segment = text[start:end]
            if segment.count(ch) > segment.count(_CLOSERS[ch]):
                end -= 1
            else:
                break
        else:
            break
    return end


def _is_bare_host(host: str, internal_domains: tuple[str, ...]) -> bool:
    """A dotted word is a host when its last label is a real or internal top-level domain.

    Case matters: "done.Now" is two sentences glued together, "example.com" and
    "EXAMPLE.COM" are hosts.
    """
    tld = host.rsplit(".", 1)[-1]
    folded = host.lower()
    if any(folded == d or folded.endswith("." + d) for d in internal_domains):
        return True
    if not (tld.islower() or host.isupper()):
        return False
    tld = tld.lower()
    return tld in _INTERNAL_TLDS or tld in top_level_domains()


def candidate_tokens(text: str, anchor: re.Pattern[str] = _ANCHOR) -> list[tuple[int, int]]:
    """(start, end) of the whitespace-delimited tokens that could hold a link.

    A token qualifies when it holds `anchor` (by default a dot glued to a letter
    or digit), `://` or `localhost`.
    """
    anchors = [m.start() for m in anchor.finditer(text)]
    for marker in ("://", "localhost"):
        pos = text.find(marker)
        while pos >= 0:
            anchors.append(pos)
            pos = text.find(marker, pos + 1)
    if not anchors:
        return []
    anchors.sort()
    tokens: list[tuple[int, int]] = []
    last_end = -1
    for pos in anchors:
        if pos < last_end:
            continue  # inside the token already taken
        start = pos
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, pos)
        end = space.start() if space else len(text)
        tokens.append((start, end))
        last_end = end
    return tokens


def extract_links(text: str, internal_domains: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, host) of every link in `text`, in order."""
    out: list[tuple[int, int, str]] = []
    for tok_start, tok_end in candidate_tokens(text):
        # pos/endpos keep offsets absolute, and lookbehinds still see the real text
        for m in _LINK.finditer(text, tok_start, tok_end):
            start = m.start()
            end = trim_link_end(text, start, m.end())
            if end <= start:
                continue
            if m.group("host") is not None:
                if not _is_bare_host(m.group("host"), internal_domains):
                    continue
            elif m.group("ip") is not None:
                try:
                    ipaddress.IPv4Address(m.group("ip"))
                except ValueError:
                    continue
            url = text[start:end]
            host = host_of(url)
            if not host and m.group("scheme") is None:
                continue
            out.append((start, end, host))
    return out


def find_links(ctx: Context) -> list[Link]:
    """The links of a draft, in `ctx.norm` offsets, each marked internal or not."""
    from .context import Link

    text = ctx.norm
    internal_domains = ctx.compiled.internal_domains
    links: list[Link] = []
    for start, end, host in extract_links(text, internal_domains):
        reason = classify_host(host, internal_domains)
        links.append(
            Link(
                url=text[start:end],
                host=host,
                start=start,
                end=end,
                internal=bool(reason),
                reason=reason,
            )
        )
    return links
