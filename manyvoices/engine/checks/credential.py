"""`security.credential`: passwords, API keys, tokens, private keys, session cookies.

Two families of evidence, both pattern-validated:

1. Token formats that only a secret has, found with detect-secrets' own
   patterns (AWS key ids, GitHub/GitLab/Slack/Stripe/OpenAI/SendGrid/Twilio…
   tokens, JWTs, private key blocks, `scheme://user:password@host`). The plugin
   classes are instantiated once at import and only their patterns are run:
   `scan_line` costs about 2 ms a draft, and a plugin's `analyze_line` may try
   to verify a secret over the network, which a review must never do.
2. The way people paste secrets into prose, in five languages: "the password
   is X", "password: X", "login admin / X", `sessionid=…`, `Bearer …`,
   `export AWS_SECRET_ACCESS_KEY=…`. The value must look like a secret (see
   `looks_like_password`), so "the password is on the wiki" or advice to grep
   for 'AKIA' does not fire.

Prose that mentions none of the cue words and has no long token (nearly every
draft) is cleared by one cheap search. The fix replaces the secret itself with
"[secret removed]"; the message says to rotate it, because deleting a post
does not un-leak a secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from ..context import Context
from ..types import Finding
from ._wording import in_language

RULES = ("security.credential",)
RULE = RULES[0]

REPLACEMENT = {
    "en": "[secret removed]",
    "fr": "[secret retiré]",
    "de": "[Geheimnis entfernt]",
    "es": "[secreto eliminado]",
    "pt": "[segredo removido]",
}

# ---- detect-secrets ----------------------------------------------------------

# (plugin, what to call its finding, whether its first group is the secret rather
# than the whole match, the strings one of which a token must hold for the plugin
# to be worth running on it). Plugins whose patterns are keyword heuristics for
# code (Cloudant, Softlayer, IBM) or that find public data (IPPublic) are left out.
_JWT_TAIL = re.compile(r"[A-Za-z0-9_\-.+/=]*")
# detect-secrets' BasicAuthDetector refuses passwords with "!" or "$" in them, which
# people choose all the time; this reads any password between "user:" and "@".
_CONNECTION = re.compile(
    r"(?<![\w+.-])[a-z][a-z0-9+.-]{1,20}://[^\s:/?#@]+:(?P<value>[^\s@/]{3,})@", re.IGNORECASE
)


@dataclass(frozen=True)
class _Detectors:
    plugins: tuple[tuple[Any, str, bool, tuple[str, ...]], ...]
    private_key: Any
    keyword: Any
    jwt: type
    basic_auth: type
    npm: type


@lru_cache(maxsize=1)
def _detectors() -> _Detectors:
    """detect-secrets' plugins, imported on the first draft that needs them: the package
    pulls in `requests` and costs about a quarter of a second of a cold start, and most
    drafts hold no token worth showing it."""
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
    from detect_secrets.plugins.basic_auth import BasicAuthDetector
    from detect_secrets.plugins.discord import DiscordBotTokenDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.plugins.keyword import KeywordDetector
    from detect_secrets.plugins.mailchimp import MailchimpDetector
    from detect_secrets.plugins.npm import NpmDetector
    from detect_secrets.plugins.openai import OpenAIDetector
    from detect_secrets.plugins.private_key import PrivateKeyDetector
    from detect_secrets.plugins.pypi_token import PypiTokenDetector
    from detect_secrets.plugins.sendgrid import SendGridDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.square_oauth import SquareOAuthDetector
    from detect_secrets.plugins.stripe import StripeDetector
    from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    # (plugin, what to call its finding, whether its first group is the secret rather
    # than the whole match, the strings one of which a token must hold for the plugin
    # to be worth running on it). Plugins whose patterns are keyword heuristics for
    # code (Cloudant, Softlayer, IBM) or that find public data (IPPublic) are left out.
    plugins = (
        (AWSKeyDetector(), "an AWS access key", True, ("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
        (GitHubTokenDetector(), "a GitHub token", False, ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
        (GitLabTokenDetector(), "a GitLab token", False, ("gl", "GR1348941")),
        (StripeDetector(), "a Stripe secret key", False, ("k_live_",)),
        (SlackDetector(), "a Slack token or webhook", False, ("xox", "hooks.slack.com")),
        (OpenAIDetector(), "an OpenAI API key", False, ("T3BlbkFJ",)),
        (SendGridDetector(), "a SendGrid API key", False, ("SG.",)),
        (TwilioKeyDetector(), "a Twilio key", False, ("AC", "SK")),
        (DiscordBotTokenDetector(), "a Discord bot token", False, (".",)),
        (PypiTokenDetector(), "a PyPI token", False, ("pypi-Ag",)),
        (NpmDetector(), "an npm token", True, ("_authToken",)),
        (AzureStorageKeyDetector(), "an Azure storage key", False, ("AccountKey=",)),
        (SquareOAuthDetector(), "a Square OAuth secret", False, ("sq0csp-",)),
        (MailchimpDetector(), "a Mailchimp API key", False, ("-us",)),
        (TelegramBotTokenDetector(), "a Telegram bot token", False, (":",)),
        (JwtTokenDetector(), "a JSON Web Token", False, ("eyJ",)),
        (BasicAuthDetector(), "a password in a connection string", True, ("://",)),
    )
    return _Detectors(
        plugins,
        PrivateKeyDetector(),
        KeywordDetector(),
        JwtTokenDetector,
        BasicAuthDetector,
        NpmDetector,
    )


def warm_up() -> None:
    """Import detect-secrets now (a server's start-up) rather than on the first secret."""
    _detectors()


# ---- the cheap gate --------------------------------------------------------------

# Cue words (substrings of the folded text) and which prose patterns each wakes up.
# One Aho-Corasick pass finds them all; each pattern then runs only in a window
# around its cues, so a draft without them costs about a microsecond here.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "keyword": (
        "pass",
        "pwd",
        "pw",
        "mot de passe",
        "mdp",
        "kennwort",
        "contrasen",
        "clave",
        "senha",
        "token",
        "secret",
        "api key",
        "api_key",
        "api-key",
        "apikey",
        "cle ",
        "schlussel",
        "chave",
    ),
    "login": (
        "login",
        "log-in",
        "log in",
        "sign in",
        "sign-in",
        "signin",
        "creds",
        "credential",
        "account",
        "user",
        "admin",
        "pass",
        "pwd",
        "identifiant",
        "connexion",
        "compte",
        "zugang",
        "konto",
        "benutzer",
        "anmeld",
        "usuario",
        "cuenta",
        "acceso",
        "conta",
        "acesso",
        "senha",
        "contrasen",
        "kennwort",
        "mot de passe",
    ),
    "session": ("sess", "sid", "cookie", "csrf", "token"),
    "bearer": ("bearer",),
    # the token formats of the detect-secrets plugins (prefixes, or the service's name
    # for formats without one); without any of these no plugin is run. "://" counts
    # only with an "@" in the text (a password in a connection string).
    "plugin": (
        "akia",
        "asia",
        "abia",
        "acca",
        "a3t",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "glpat-",
        "gldt-",
        "glft-",
        "glsoat-",
        "glrt-",
        "gr1348941",
        "glcbt-",
        "glimt-",
        "glptt-",
        "k_live_",
        "xox",
        "hooks.slack",
        "t3blbkfj",
        "sg.",
        "pypi-ag",
        "_authtoken",
        "accountkey=",
        "sq0csp-",
        "eyj",
        "://",
        "twilio",
        "discord",
        "telegram",
        "mailchimp",
    ),
}


@lru_cache(maxsize=1)
def _trigger_automaton() -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    table: dict[str, set[str]] = {}
    for category, words in _TRIGGERS.items():
        for word in words:
            table.setdefault(word, set()).add(category)
    for word, categories in table.items():
        automaton.add_word(word, (len(word), frozenset(categories)))
    automaton.make_automaton()
    return automaton


def _trigger_hits(fold: str) -> dict[str, list[tuple[int, int]]]:
    """Where each category's cue words are, by category."""
    hits: dict[str, list[tuple[int, int]]] = {}
    has_at = "@" in fold
    for end_index, (length, categories) in _trigger_automaton().iter(fold):
        if length == 3 and not has_at and fold[end_index - 2 : end_index + 1] == "://":
            continue  # a plain link
        span = (end_index + 1 - length, end_index + 1)
        for category in categories:
            hits.setdefault(category, []).append(span)
    return hits


def _windows(
    spans: list[tuple[int, int]], before: int, after: int, n: int
) -> list[tuple[int, int]]:
    """The stretches of text around `spans`, merged where they overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        w_start, w_end = max(0, start - before), min(n, end + after)
        if out and w_start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], w_end))
        else:
            out.append((w_start, w_end))
    return out


# Every token-shaped secret the plugins know is one unbroken run of 16+ such characters.
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_+/=.:@%-]{16,}")
# A key assigned a quoted value: `password = "`, `"api_key": '`, `secret => "`.
_CODE_ASSIGNMENT = re.compile(r"[\w-]*[\]'\"]{0,2}\s*(?:[:=!]=?=?>?|\.assign\(|\()\s*@?[\"'`]")
_ENV_NAMES = ("SECRET", "TOKEN", "PASSW", "PWD", "KEY", "AUTH", "CREDENTIAL")

# ---- prose patterns (run on the folded text; values are read from `norm`) ----------

_PASSWORD_WORDS = (
    r"pass(?:word|wd|code|phrase)?|pwd|pw|mot de passe|mdp|passwort|kennwort|contrasena|clave"
    r"|senha|palavra-passe"
)
_TOKEN_WORDS = (
    r"api[ _-]?key|api[ _-]?token|access[ _-]?token|auth[ _-]?token|secret(?:[ _-]?key)?|token"
    r"|cle (?:d'acces|api|secrete)|api-schlussel|zugangstoken|clave (?:de )?api|chave (?:de )?api"
)
_CONNECTOR = (
    r"\s*(?:[:=]|-+>|\s(?:is|was|est|ist|lautet|es|e|era|c'est|sera|will be)\b"
    r"(?:\s+(?:now|still|just|literally|temporarily|currently|maintenant|jetzt|ahora|agora))?)"
    r"\s*[\"'`«“]?\s*"
)
_VALUE = r"(?P<value>[^\s\"'`«»“”]{4,80})"
_KEYWORD_VALUE = re.compile(
    rf"(?<![\w-])(?:(?:my|the|our|your|new|shared|admin|root|wifi|wi-fi|temp|le|la|das|el|a|o)\s+)?"
    rf"(?P<kind>{_PASSWORD_WORDS}|{_TOKEN_WORDS})"
    r"(?:\s+(?:for|du|de|des|fur|para|do|da)\s+[\w .-]{1,30}?)?"
    rf"{_CONNECTOR}{_VALUE}"
)
# "password Winter2026!": the word and the value with nothing between them. Only a value
# that looks like a password even unnamed counts ("password reset", "password manager").
_BARE_KEYWORD_VALUE = re.compile(
    r"(?<![\w-])(?:pass(?:word|wd)|pwd|mot de passe|mdp|passwort|kennwort|contrasena|senha)"
    r"\s+(?P<value>[^\s\"'`«»“”]{6,64})"
)
# "admin / S3cret!", "qa-user : Pa55word" near a login cue word.
_USER_PASS = re.compile(
    r"(?<![\w/.:@-])(?P<user>[a-z][a-z0-9._@+-]{1,39})(?:\s*[/|]\s*|:)(?P<value>[^\s/\"'`]{6,64})"
)
_SESSION = re.compile(
    r"(?<![\w-])(?P<kind>session[_-]?id|sessid|phpsessid|jsessionid|connect\.sid|_?session|sid"
    r"|auth[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|remember[_-]?token"
    r"|_?csrf[_-]?token|cookie)\s*[=:]\s*[\"']?(?P<value>[a-z0-9%._~+/-]{16,}={0,2})"
)
_BEARER = re.compile(r"\bbearer\s+(?P<value>[a-z0-9._~+/-]{20,}=*)")
# Environment assignments keep their case: the name is upper case by convention.
_ENV_ASSIGNMENT = re.compile(
    r"\b(?:export\s+|set\s+)?(?P<name>[A-Z][A-Z0-9_]*"
    r"(?:SECRET|TOKEN|PASSWORD|PASSWD|PWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|AUTH|CREDENTIALS?)"
    r"[A-Z0-9_]*)\s*[=:]\s*[\"']?(?P<value>[^\s\"']{8,})"
)
_KEY_BLOCK_END = re.compile(
    r"-----END [A-Z0-9 ]*(?:PRIVATE KEY(?: BLOCK)?)-----|---- END SSH2[^\n]*"
)
_KEY_BLOCK_START = re.compile(
    r"-{3,5} ?BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-{3,5}|PuTTY-User-Key-File"
)

# Values that stand for a secret without being one (documentation, redactions).
_PLACEHOLDER = re.compile(
    r"^(?:[\[<{(*$%]|x{3,}|\.{3,}|•|(?:your|my|the)[_-]|changeme$|password$|passwort$|secret$"
    r"|example|placeholder|redacted|removed|hidden|none$|null$|n/a$|tbd$|todo$)",
    re.IGNORECASE,
)
_VERSION = re.compile(r"^v?\d+(?:[.-]\d+)+[a-z]?$", re.IGNORECASE)
_DATE_OR_TIME = re.compile(r"^\d{1,4}(?:[/.:-]\d{1,4})+(?:am|pm|h)?$", re.IGNORECASE)
_GLUED_DIGIT = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")
_ODD_SYMBOL = re.compile(r"[!@#$%^&*+=?~|\\<>{}\[\]]")
_TRAILING = ".,;:)]}»”\"'"


def looks_like_password(value: str, *, named: bool) -> bool:
    """Does `value` look like a secret rather than a word, a date or a placeholder?

    `named` is True when the text called it a password or key ("password: X"):
    then anything with a digit, a symbol or a capital inside the word will do,
    and six or more digits too. Otherwise (a bare "user / X" pair) the value
    needs three kinds of characters among lower case, upper case, digits and
    symbols, including a lower-case letter, and a digit glued to a letter or an
    unusual symbol, as passwords have and hyphenated words ("Mid-2026") do not.
    """
    if len(value) < 6 or len(value) > 80 or _PLACEHOLDER.match(value):
        return False
    if (
        "://" in value
        or value.startswith(("www.", "#", "@"))
        or ("@" in value[1:-1] and "." in value)
    ):
        return False
    if _VERSION.match(value) or _DATE_OR_TIME.match(value):
        return False
    lower = any(c.islower() for c in value)
    upper = any(c.isupper() for c in value)
    digit = any(c.isdigit() for c in value)
    symbol = any(not c.isalnum() for c in value)
    letters = lower or upper
    if named:
        if value.isdigit():
            return True
        if not letters:
            return False
        inner_upper = any(c.isupper() for c in value[1:])
        return digit or symbol or (inner_upper and lower)
    classes = lower + upper + digit + symbol
    if classes < 3 or not lower:
        return False
    return bool(_GLUED_DIGIT.search(value) or _ODD_SYMBOL.search(value))


def _strip_value(text: str, start: int, end: int) -> int:
    """The end of a value once sentence punctuation and unbalanced closers are dropped."""
    while end > start and text[end - 1] in _TRAILING:
        ch = text[end - 1]
        if ch in ")]}" and text.count({")": "(", "]": "[", "}": "{"}[ch], start, end) >= text.count(
            ch, start, end
        ):
            break
        end -= 1
    return end


def _token_spans(
    norm: str, tokens: list[tuple[int, int, str]], detectors: _Detectors
) -> list[tuple[int, int, str]]:
    out = []
    for (plugin, kind, value_group, hints), (t_start, t_end, token) in product(
        detectors.plugins, tokens
    ):
        if not any(hint in token for hint in hints):
            continue
        for pattern in plugin.denylist:
            # one character of context each side for the patterns that look at it
            for m in pattern.finditer(norm, max(0, t_start - 1), min(len(norm), t_end + 1)):
                group = 1 if value_group and m.lastindex else 0
                start, end = m.span(group)
                value = norm[start:end].strip()
                if isinstance(plugin, detectors.jwt):
                    # the plugin's pattern stops lazily before the signature
                    tail = _JWT_TAIL.match(norm, end)
                    end = tail.end() if tail else end
                    value = norm[start:end]
                    if not detectors.jwt.is_formally_valid(value):  # type: ignore[attr-defined]
                        continue
                if isinstance(plugin, detectors.basic_auth) and (
                    _PLACEHOLDER.match(value) or len(value) < 3
                ):
                    continue
                if isinstance(plugin, detectors.npm):
                    end = start + len(m.group(group).split()[0])
                out.append((start, end, kind))
    return out


def _plugin_spans(norm: str, cued: bool) -> Iterator[tuple[int, int, str]]:
    tokens = [(m.start(), m.end(), m.group()) for m in _LONG_TOKEN.finditer(norm)] if cued else []
    # detect-secrets is imported only once a draft has a token worth showing it.
    found = _token_spans(norm, tokens, _detectors()) if tokens else []
    yield from found
    if "PRIVATE KEY" in norm or "PuTTY" in norm:
        for m in _KEY_BLOCK_START.finditer(norm):
            if not any(p.search(m.group()) for p in _detectors().private_key.denylist):
                continue
            end_match = _KEY_BLOCK_END.search(norm, m.end())
            yield m.start(), end_match.end() if end_match else len(norm), "a private key"


def _code_keyword_spans(norm: str, cues: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """`password = "…"` and friends, as detect-secrets' KeywordDetector reads code.

    Its patterns cost about 100 µs a line, so only lines with a quote and a cue word
    are read.
    """
    if "'" not in norm and '"' not in norm:
        return
    # only where a cue word is assigned a quoted value, as in code
    cues = [(start, end) for start, end in cues if _CODE_ASSIGNMENT.match(norm, start)]
    lines = {(norm.rfind("\n", 0, start) + 1, _line_end(norm, start)) for start, _ in cues}
    for l_start, l_end in sorted(lines):
        line = norm[l_start:l_end]
        if "'" not in line and '"' not in line:
            continue
        line_match = _LineAt(l_start)
        for value in _detectors().keyword.analyze_string(line):
            if not looks_like_password(value, named=True):
                continue
            pos = line.find(value)
            if pos >= 0:
                start = line_match.start() + pos
                yield start, start + len(value), "a password or key"


class _LineAt:
    """Where a line starts, in the shape of a match object's `start()`."""

    def __init__(self, start: int) -> None:
        self._start = start

    def start(self) -> int:
        return self._start


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _prose_spans(
    norm: str, fold: str, cues: dict[str, list[tuple[int, int]]]
) -> Iterator[tuple[int, int, str]]:
    n = len(fold)
    keyword_matches = (
        m
        for w_start, w_end in _windows(cues.get("keyword", []), 60, 140, n)
        for m in _KEYWORD_VALUE.finditer(fold, w_start, w_end)
    )
    for m in keyword_matches:
        start, end = m.span("value")
        end = _strip_value(norm, start, end)
        value = norm[start:end]
        kind_word = m.group("kind")
        is_token = re.fullmatch(_TOKEN_WORDS, kind_word) is not None
        if is_token:
            ok = (
                len(value) >= 12
                and looks_like_password(value, named=True)
                and any(c.isdigit() for c in value)
            )
        else:
            ok = looks_like_password(value, named=True)
        if ok:
            yield start, end, "an API key or token" if is_token else "a password"
    for w_start, w_end in _windows(cues.get("keyword", []), 60, 80, n):
        for m in _BARE_KEYWORD_VALUE.finditer(fold, w_start, w_end):
            start, end = m.span("value")
            end = _strip_value(norm, start, end)
            if looks_like_password(norm[start:end], named=False):
                yield start, end, "a password"
    # a user name and a password next to a login cue word
    for w_start, w_end in _windows(cues.get("login", []), 100, 100, n):
        pos = w_start
        while (pair := _USER_PASS.search(fold, pos, w_end)) is not None:
            start, end = pair.span("value")
            end = _strip_value(norm, start, end)
            # user names are written in lower case; "SSO / Okta2FA" or
            # "Windows/Office365" are products
            user = norm[pair.start("user") : pair.end("user")]
            if user.islower() and looks_like_password(norm[start:end], named=False):
                yield start, end, "a password"
                pos = pair.end()
            else:
                # the value may be the user name of the next pair ("box: user / Pa55!")
                pos = pair.start("value")
    for w_start, w_end in _windows(cues.get("session", []), 20, 120, n):
        for m in _SESSION.finditer(fold, w_start, w_end):
            start, end = m.span("value")
            value = norm[start:end]
            if sum(c.isdigit() for c in value) >= 2 and any(c.isalpha() for c in value):
                yield start, end, "a session cookie or token"
    for w_start, w_end in _windows(cues.get("bearer", []), 1, 300, n):
        for m in _BEARER.finditer(fold, w_start, w_end):
            start, end = m.span("value")
            if any(c.isdigit() for c in norm[start:end]):
                yield start, end, "a bearer token"
    if "://" in norm and "@" in norm:
        for m in _CONNECTION.finditer(norm):
            start, end = m.span("value")
            if not _PLACEHOLDER.match(norm[start:end]):
                yield start, end, "a password in a connection string"
    if ("=" not in norm and ":" not in norm) or not any(k in norm for k in _ENV_NAMES):
        return
    for m in _ENV_ASSIGNMENT.finditer(norm):
        start, end = m.span("value")
        end = _strip_value(norm, start, end)
        value = norm[start:end]
        if _PLACEHOLDER.match(value) or value.startswith("$"):
            continue
        if looks_like_password(value, named=True) or len(value) >= 16:
            yield start, end, "a secret in an environment variable"


def find_secrets(norm: str, fold: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each secret in the text, without overlaps, in order."""
    cues = _trigger_hits(fold)
    if not cues and "PRIVATE KEY" not in norm and "PuTTY" not in norm:
        return []
    spans = [
        *_plugin_spans(norm, "plugin" in cues),
        *_code_keyword_spans(norm, cues.get("keyword", [])),
        *_prose_spans(norm, fold, cues),
    ]
    # Longest first, then drop any span that overlaps one already kept.
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if end > start and all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, kind))
    return sorted(kept)


def check(ctx: Context) -> list[Finding]:
    """One finding per secret, with a fix that removes it."""
    findings = []
    for start, end, kind in find_secrets(ctx.norm, ctx.fold):
        findings.append(
            ctx.finding(
                RULE,
                start,
                end,
                f"This looks like {kind}. Take it out, and rotate it now: once posted, a secret "
                "can be copied before the post is deleted.",
                replacement=in_language(ctx, REPLACEMENT),
            )
        )
    return findings
