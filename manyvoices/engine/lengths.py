"""How long a post is, the way each network counts it (rules.md, clarifications.md).

- `x`: twitter-text v3 weighting, computed like `twitter_text.parse_tweet` (the
  text in NFC with line breaks as "\\n"; every link, bare domains included,
  counts 23; every emoji sequence counts 2; each other character counts 1 when
  it is in the light ranges of the v3 configuration (Latin, Greek, Cyrillic,
  most punctuation…) and 2 otherwise, e.g. CJK).
- `bluesky`: grapheme clusters (what a reader sees as one character).
- `mastodon`: code points, each `http(s)://` link counts 23, and a remote
  mention `@user@server` counts as `@user`, as Mastodon's own validator does.
- `threads`, `linkedin`, `instagram`, `facebook`: code points.
- `blog`, `internal`: no limit.

A draft's `limits` (`{"mastodon": 1000}`) overrides the default of a network.

`measure()` is what the web app's per-network counter shows; the
`platform.length` check uses `overflow()`, which also says where the text
stops fitting. twitter-text's own `parse_tweet` takes about 2 ms for 300
characters (its emoji pattern is an alternation of 3,800 sequences), so the
weighting is done here with a set lookup per emoji and twitter-text's URL
pattern run only on the words that could be links; the tests check that both
agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .links import candidate_tokens, trim_link_end
from .types import NETWORKS

DEFAULT_LIMITS: dict[str, int | None] = {
    "x": 280,
    "bluesky": 300,
    "mastodon": 500,
    "threads": 500,
    "linkedin": 3000,
    "instagram": 2200,
    "facebook": 63206,
    "blog": None,
    "internal": None,
}

# How each network counts, for messages: "This post counts N {unit}".
UNITS = {
    "x": "characters as X counts them (each link 23, each emoji and CJK character 2)",
    "bluesky": "characters as Bluesky counts them (what you see as one character is one)",
    "mastodon": "characters as Mastodon counts them (each link 23)",
}

# twitter-text v3: code points in these ranges weigh 1, all others 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
URL_WEIGHT = 23

_GRAPHEME = regex.compile(r"\X")
_MAY_CHANGE = re.compile(r"\r\n?|[^\x00-\x7f]+")
# twitter-text also reads internationalised top-level domains ("例え.テスト").
_TWITTER_ANCHOR = re.compile(r"\.(?=\w)")
_LINE_BREAK = re.compile(r"\r\n|\r")
_MASTODON_URL = re.compile(r"(?<![\w/])https?://[^\s<>\"`]+", re.IGNORECASE)
_MASTODON_MENTION = re.compile(
    r"(?<![\w/@])(@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(@[a-z0-9.-]+\.[a-z]+)", re.IGNORECASE
)


@dataclass(frozen=True)
class Length:
    """A post's length on one network."""

    length: int
    limit: int | None
    # Code-point offset in the text as given of the first character beyond the
    # limit; None when the text fits.
    overflow_at: int | None = None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.length > self.limit


def limit_for(network: str, limits: dict[str, int] | None = None) -> int | None:
    """The network's limit, or the draft's own for it (`Draft.limits`); None: no limit."""
    if network not in DEFAULT_LIMITS:
        raise ValueError(f"unknown network {network!r}; expected one of {', '.join(NETWORKS)}")
    if limits and network in limits:
        value = limits[network]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"the limit for {network!r} must be a positive whole number")
        return value
    return DEFAULT_LIMITS[network]


def measure(
    text: str, network: str, limits: dict[str, int] | None = None
) -> tuple[int, int | None]:
    """(length, limit) of `text` on `network`, as the network counts; limit None: unlimited."""
    result = measure_detail(text, network, limits)
    return result.length, result.limit


def measure_detail(text: str, network: str, limits: dict[str, int] | None = None) -> Length:
    """The length, the limit and, when over it, where the text stops fitting."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    limit = limit_for(network, limits)
    if network == "x":
        return _x(text, limit)
    if network == "bluesky":
        return _graphemes(text, limit)
    if network == "mastodon":
        return _mastodon(text, limit)
    length = len(text)
    over = limit is not None and length > limit
    return Length(length, limit, limit if over else None)


def overflow(text: str, network: str, limits: dict[str, int] | None = None) -> Length | None:
    """The length when `text` is over the network's limit, else None (cheaply for most drafts)."""
    limit = limit_for(network, limits)
    if limit is None:
        return None
    if network == "x":
        # Every unit weighs at most 2, except a link (23); a cheap bound clears short posts.
        links = len(candidate_tokens(text, _TWITTER_ANCHOR)) if "." in text else 0
        if 2 * len(text) + URL_WEIGHT * links <= limit:
            return None
    elif len(text) <= limit:
        # Graphemes and Mastodon's units are never more than code points.
        return None
    result = measure_detail(text, network, limits)
    return result if result.over else None


# ---- x ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _emoji_table() -> tuple[frozenset[str], frozenset[str], int]:
    """twitter-text's emoji sequences: (all sequences, their first characters, longest)."""
    from twitter_text.regexp.emoji import emoji_list

    sequences = frozenset(
        "".join(chr(int(cp, 16)) for cp in e.codepoint.split()) for e in emoji_list
    )
    return sequences, frozenset(s[0] for s in sequences), max(len(s) for s in sequences)


def _twitter_prepare(text: str) -> tuple[str, list[int] | None]:
    """The text as twitter-text counts it (NFC, "\\n" line breaks) and a map back.

    The map gives, for each index of the prepared text, the index in `text`
    (one extra entry for the end); None when nothing changed.
    """
    if "\r" not in text and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text, None
    parts: list[str] = []
    mapping: list[int] = []
    pos = 0
    # Only line breaks and stretches of non-ASCII text (with the character before
    # them, which a combining mark may join) can change; ASCII is copied as is.
    for m in _MAY_CHANGE.finditer(text):
        start = m.start()
        if m.group().startswith("\r"):
            chunk_start, out_parts = start, [("\n", start)]
        else:
            chunk_start = start - 1 if start > pos else start
            chunk = text[chunk_start : m.end()]
            if unicodedata.is_normalized("NFC", chunk):
                out_parts = [(chunk, -1)]
            else:
                # NFC composes within a grapheme cluster, so each cluster is normalised
                # alone and all its characters map back to the cluster's start.
                out_parts = [
                    (unicodedata.normalize("NFC", g.group()), chunk_start + g.start())
                    for g in _GRAPHEME.finditer(chunk)
                ]
        parts.append(text[pos:chunk_start])
        mapping.extend(range(pos, chunk_start))
        offset = chunk_start
        for out, origin in out_parts:
            parts.append(out)
            if origin < 0:  # unchanged
                mapping.extend(range(offset, offset + len(out)))
            else:
                mapping.extend([origin] * len(out))
            offset += len(out)
        pos = m.end()
    parts.append(text[pos:])
    mapping.extend(range(pos, len(text) + 1))
    return "".join(parts), mapping


def _twitter_urls(text: str) -> dict[int, int]:
    """start -> end of each link twitter-text counts as 23 (bare domains included)."""
    from twitter_text import extract_urls_with_indices

    urls: dict[int, int] = {}
    for tok_start, tok_end in candidate_tokens(text, _TWITTER_ANCHOR):
        # with the space before it: twitter-text reads a link at the very start of
        # its input differently from one after a space
        left = max(tok_start - 1, 0)
        for entity in extract_urls_with_indices(text[left:tok_end]):
            start, end = entity["indices"]
            urls[left + start] = left + end
    return urls


# Characters that may weigh other than 1: everything outside ASCII, and the ASCII
# characters that start a keycap emoji ("1\ufe0f\u20e3"). Runs between them are
# counted in one step, so a long plain text costs little.
_SPECIAL = re.compile(r"[^\x00-\x7f]|[#*0-9](?=[^\x00-\x7f])")


def _x(text: str, limit: int | None) -> Length:
    prepared, mapping = _twitter_prepare(text)
    urls = _twitter_urls(prepared) if "." in prepared else {}
    sequences, firsts, longest = _emoji_table()
    n = len(prepared)
    events = sorted({*urls, *(m.start() for m in _SPECIAL.finditer(prepared))})
    length = 0
    cut: int | None = None
    pos = 0
    for i in [*events, n]:
        if i < pos:
            continue  # inside a link or an emoji already counted
        # the plain ASCII run before this event, one per character
        if cut is None and limit is not None and length + (i - pos) > limit:
            cut = pos + (limit - length)
        length += i - pos
        if i == n:
            break
        end = urls.get(i)
        if end is not None:
            weight = URL_WEIGHT
        else:
            ch = prepared[i]
            end = i + 1
            weight = 1 if ch.isascii() or not _HEAVY.match(ch) else 2
            if ch in firsts:
                for size in range(min(longest, n - i), 0, -1):
                    if prepared[i : i + size] in sequences:
                        end = i + size
                        weight = 2
                        break
        length += weight
        if cut is None and limit is not None and length > limit:
            cut = i
        pos = end
    if cut is not None and mapping is not None:
        cut = mapping[cut]
    return Length(length, limit, cut)


# ---- bluesky ---------------------------------------------------------------


def _graphemes(text: str, limit: int | None) -> Length:
    if text.isascii() and "\r\n" not in text:
        length = len(text)
        cut = limit if limit is not None and length > limit else None
        return Length(length, limit, cut)
    starts = [m.start() for m in _GRAPHEME.finditer(text)]
    length = len(starts)
    cut = starts[limit] if limit is not None and length > limit else None
    return Length(length, limit, cut)


# ---- mastodon ----------------------------------------------------------------


def _mastodon(text: str, limit: int | None) -> Length:
    # (start, end, weight) of each span that does not count one per code point.
    spans: list[tuple[int, int, int]] = []
    if "://" in text:
        for m in _MASTODON_URL.finditer(text):
            end = trim_link_end(text, m.start(), m.end())
            spans.append((m.start(), end, URL_WEIGHT))
    if "@" in text:
        for m in _MASTODON_MENTION.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), len(m.group(1))))
    spans.sort()
    length = 0
    cut = None
    pos = 0
    for start, end, weight in [*spans, (len(text), len(text), 0)]:
        # the plain stretch before this span, one per code point
        plain = start - pos
        if cut is None and limit is not None and length + plain > limit:
            cut = pos + (limit - length)
        length += plain
        if cut is None and limit is not None and weight and length + weight > limit:
            cut = start
        length += weight
        pos = end
    return Length(length, limit, cut)
