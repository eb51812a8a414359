"""Deterministic synthetic material for the benchmark: drafts and a large policy.

Everything here is generated from a seed, so two runs of the benchmark review
the same drafts against the same policy. The sentences are our own, written
for this file; none comes from the evaluation corpus.

- `make_policy_yaml(n_names)` writes a policy with `n_names` made-up products,
  codenames, clients and competitors (names built from syllables, all unique).
- `make_drafts(n, names)` writes ~300-character posts in English, French,
  German, Spanish and Portuguese (and a few mixed), mixing policy names,
  links, numbers, dates, hashtags, handles and emoji (ZWJ sequences, flags,
  skin tones), with the occasional e-mail address or phone number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# ---- made-up names -----------------------------------------------------------

_ONSETS = [
    "b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kr", "l", "m",
    "n", "p", "pr", "qu", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "th",
]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "ae", "io", "ou", "ea", "y"]
_CODAS = ["", "", "", "n", "r", "l", "x", "s", "m", "nd", "rt", "ck", "v"]
_PRODUCT_NOUNS = [
    "Cloud", "Sync", "Ledger", "Vault", "Insight", "Studio", "Pilot", "Grid", "Forge",
    "Relay", "Beacon", "Harbor", "Pulse", "Atlas", "Canvas", "Engine", "Lens", "Flow",
    "Works", "Hub", "Desk", "Edge", "Core", "Stream", "Shield", "Compass", "Orbit",
]  # fmt: skip
_COMPANY_SUFFIXES = [
    "Systems", "Labs", "Industries", "Logistics", "Health", "Energy", "Bank", "Foods",
    "Analytics", "Partners", "Group", "Holdings", "Networks", "Retail", "Motors", "Media",
    "Robotics", "Pharma", "Insurance", "Telecom", "GmbH", "SA", "Ltda", "AG",
]  # fmt: skip
_CODENAME_WORDS = [
    "Heron", "Kestrel", "Juniper", "Basalt", "Cobalt", "Marmot", "Sequoia", "Tundra",
    "Lantern", "Quartz", "Ember", "Falcon", "Glacier", "Mistral", "Obsidian", "Pebble",
    "Sirocco", "Thistle", "Walrus", "Yucca", "Zephyr", "Bramble", "Cinder", "Dune",
]  # fmt: skip


def _word(rng: random.Random, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS))
    return "".join(parts).capitalize()


@dataclass
class NamePool:
    company: str = "Acme Corporation"
    aliases: list[str] = field(default_factory=lambda: ["Acme"])
    products: list[str] = field(default_factory=list)
    codenames: list[str] = field(default_factory=list)
    clients_public: list[str] = field(default_factory=list)
    clients_confidential: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=lambda: ["acme.com"])
    internal_domains: list[str] = field(default_factory=lambda: ["wiki.acme.com"])
    tags: list[str] = field(default_factory=lambda: ["#AcmeEmployee"])
    handles: list[str] = field(default_factory=lambda: ["@acme"])

    @property
    def size(self) -> int:
        return (
            len(self.products)
            + len(self.codenames)
            + len(self.clients_public)
            + len(self.clients_confidential)
            + len(self.competitors)
        )


def make_names(n_names: int, seed: int = 7) -> NamePool:
    """`n_names` unique made-up names: 30% products, 15% codenames, 30% clients, 25% competitors."""
    rng = random.Random(seed)
    seen: set[str] = set()

    def unique(make) -> str:  # type: ignore[no-untyped-def]
        while True:
            name = make()
            if name.lower() not in seen:
                seen.add(name.lower())
                return name

    pool = NamePool(
        company="Norvell Dynamics",
        aliases=["Norvell", "Norvell Dyn"],
        domains=["norvell.com", "norvell.io"],
        internal_domains=["wiki.norvell.com", "git.norvell.net", "norvell.internal"],
        tags=["#NorvellEmployee", "#TeamNorvell"],
        handles=["@norvell", "@NorvellDyn"],
    )
    n_products = n_names * 30 // 100
    n_codenames = n_names * 15 // 100
    n_clients = n_names * 30 // 100
    n_competitors = n_names - n_products - n_codenames - n_clients
    for _ in range(n_products):
        pool.products.append(
            unique(lambda: f"{_word(rng, rng.choice((1, 2)))} {rng.choice(_PRODUCT_NOUNS)}")
        )
    for _ in range(n_codenames):
        pool.codenames.append(
            unique(
                lambda: rng.choice(
                    (
                        lambda: _word(rng, 2),
                        lambda: f"Project {_word(rng, 2)}",
                        lambda: f"{rng.choice(_CODENAME_WORDS)}{_word(rng, 1)}",
                    )
                )()
            )
        )
    for i in range(n_clients):
        target = pool.clients_public if i % 2 == 0 else pool.clients_confidential
        target.append(unique(lambda: f"{_word(rng, 2)} {rng.choice(_COMPANY_SUFFIXES)}"))
    for _ in range(n_competitors):
        pool.competitors.append(
            unique(
                lambda: rng.choice(
                    (
                        lambda: _word(rng, 3),
                        lambda: f"{_word(rng, 2)} {rng.choice(_COMPANY_SUFFIXES)}",
                    )
                )()
            )
        )
    return pool


def _yaml_list(items: list[str], indent: str = "  ") -> str:
    return "".join(f'{indent}- "{item}"\n' for item in items)


def make_policy_yaml(pool: NamePool) -> str:
    """A valid policy file for the name pool (quoted names, one per line)."""
    return (
        "# Generated by benchmarks/synthetic.py: every name is made up.\n"
        "name: Norvell Social Guidelines (benchmark)\n"
        'version: "bench-1"\n'
        "company:\n"
        f"  name: {pool.company}\n"
        f"  aliases: [{', '.join(pool.aliases)}]\n"
        "  ticker: NRVL\n"
        f"  handles: [{', '.join(repr(h) for h in pool.handles)}]\n"
        f"  domains: [{', '.join(pool.domains)}]\n"
        f"  internal_domains: [{', '.join(pool.internal_domains)}]\n"
        '  public_contacts: [press@norvell.com, "+1 800 555 0142"]\n'
        "disclosure:\n"
        f"  tags: [{', '.join(repr(t) for t in pool.tags)}]\n"
        "products:\n" + _yaml_list(pool.products) + "codenames:\n" + _yaml_list(pool.codenames)
        + "competitors:\n" + _yaml_list(pool.competitors)
        + "clients:\n  public:\n" + _yaml_list(pool.clients_public, "    ")
        + "  confidential:\n" + _yaml_list(pool.clients_confidential, "    ")
        + "quiet_periods:\n  - {start: 2026-12-10, end: 2027-01-25, reason: year-end results}\n"
    )  # fmt: skip


ACME_POOL = NamePool(
    company="Acme Corporation",
    aliases=["Acme", "Acme Corp"],
    products=["Anvil Cloud", "Rocket Skates", "Acme Vault", "Acme Insight", "Portable Hole"],
    codenames=["Roadrunner", "Project Mesa", "Tumbleweed", "Saguaro"],
    clients_public=["Globex Shipping", "Northwind Traders", "Hooli Bank"],
    clients_confidential=["Initech", "Umbrella Health", "Blue Sun Logistics", "Oscorp Energy"],
    competitors=["Zentrix", "Monarch Systems", "Vandelay Industries"],
    domains=["acme.com"],
    internal_domains=["wiki.acme.com", "jira.acme.io", "intranet.acme.com"],
    tags=["#AcmeEmployee", "#IWorkAtAcme"],
    handles=["@acme", "@AcmeCorp"],
)

# ---- drafts ----------------------------------------------------------------------

# Sentence templates per language. Slots: {company} {product} {codename} {client}
# {competitor} {link} {num} {pct} {money} {day} {tag} {handle} {emoji} {city}
_SENTENCES: dict[str, list[str]] = {
    "en": [
        "Spent the morning pairing with the {product} team on onboarding flows {emoji}",
        "Our session at the {city} meetup drew {num} people, way more than we planned for.",
        "Honest question: does anyone still run nightly batch jobs, or is it all streaming now?",
        "Three things I learned migrating {num} services this quarter, thread below {emoji}",
        "{product} just got a dark mode and I may have cheered out loud at my desk.",
        "Write-up of the workshop is here: {link}",
        "Huge thanks to {handle} for hosting us in {city} last week {emoji}",
        "We cut p95 latency by {pct} after moving the cache closer to the edge.",
        "If you are at the conference on {day}, come find me near the coffee {emoji}",
        "Reading list for the weekend: {link} and a long paper on consensus protocols.",
        "Working with {client} on their rollout has been a masterclass in patience.",
        "Not sure {competitor} gets the hype, but their docs are genuinely good.",
        "Status of {codename} was the main topic in today's planning call.",
        "Our team is hiring two backend engineers in {city}, details at {link}",
        "Ping me at {email} if you want the slides.",
        "Call the front desk on {phone} if the doors are locked after 7pm.",
        "Budget for the pilot came in at {money}, roughly what we guessed.",
        "Proud of this crew {emoji} {tag}",
        "Views are my own, as always.",
    ],
    "fr": [
        "Belle matinée à {city} avec l'équipe {product}, la nouvelle interface est livrée {emoji}",
        "Le retour d'expérience de l'atelier est en ligne : {link}",
        "Nous avons réduit le temps de réponse de {pct} en un trimestre, pas mal du tout.",
        "Merci à {handle} pour l'accueil chaleureux la semaine dernière {emoji}",
        "Qui sera au salon le {day} ? Je présente une démo de {product} à 14h.",
        "Travailler avec {client} sur leur migration m'a appris énormément.",
        "Franchement, la doc de {competitor} est plutôt bien faite.",
        "On recrute deux développeuses à {city}, tous les détails ici {link}",
        "Le budget du pilote : {money}, exactement ce qu'on avait prévu.",
        "Écrivez-moi à {email} pour recevoir les supports.",
        "Fier de cette équipe {emoji} {tag}",
    ],
    "de": [
        "Heute Morgen mit dem {product}-Team in {city} an der neuen Oberfläche gearbeitet {emoji}",
        "Die Zusammenfassung des Workshops gibt es hier: {link}",
        "Wir haben die Antwortzeit um {pct} gesenkt, und zwar ohne neue Hardware.",
        "Danke an {handle} für die Gastfreundschaft letzte Woche {emoji}",
        "Wer ist am {day} auf der Messe? Ich zeige dort eine Demo von {product}.",
        "Die Zusammenarbeit mit {client} war lehrreich und manchmal anstrengend.",
        "Die Dokumentation von {competitor} ist ehrlich gesagt ziemlich gut.",
        "Wir suchen zwei Entwicklerinnen in {city}, Details unter {link}",
        "Das Pilotbudget lag bei {money}, ungefähr wie geschätzt.",
        "Schreibt mir an {email}, dann schicke ich die Folien.",
        "Stolz auf dieses Team {emoji} {tag}",
    ],
    "es": [
        "Mañana intensa en {city} con el equipo de {product}, ya salió la nueva interfaz {emoji}",
        "El resumen del taller está aquí: {link}",
        "Bajamos la latencia un {pct} este trimestre sin comprar más servidores.",
        "Gracias a {handle} por recibirnos la semana pasada {emoji}",
        "¿Quién va a la feria el {day}? Presento una demo de {product} a las 11.",
        "Trabajar con {client} en su migración ha sido muy enriquecedor.",
        "La documentación de {competitor} está bastante bien, hay que decirlo.",
        "Buscamos dos ingenieras backend en {city}, detalles en {link}",
        "El piloto costó {money}, más o menos lo previsto.",
        "Escríbeme a {email} y te paso las diapositivas.",
        "Orgullosa de este equipo {emoji} {tag}",
    ],
    "pt": [
        "Manhã produtiva em {city} com a equipe do {product}, a nova interface saiu {emoji}",
        "O resumo da oficina está aqui: {link}",
        "Reduzimos a latência em {pct} neste trimestre, sem servidores novos.",
        "Obrigado a {handle} pela recepção na semana passada {emoji}",
        "Quem vai à feira no dia {day}? Vou mostrar uma demo do {product}.",
        "Trabalhar com a {client} na migração foi uma grande escola.",
        "A documentação da {competitor} é muito boa, sinceramente.",
        "Estamos contratando duas engenheiras em {city}, detalhes em {link}",
        "O piloto custou {money}, mais ou menos o esperado.",
        "Me escreve em {email} que eu mando os slides.",
        "Orgulho desta equipe {emoji} {tag}",
    ],
}
_EMOJI = [
    "🚀", "🎉", "🙌", "👏🏽", "💡", "🔥", "☕", "🇫🇷", "🇧🇷", "🇩🇪", "👩‍💻", "👨‍👩‍👧", "🏳️‍🌈",
    "❤️", "🤝", "📈", "✨", "🧵", "🙏🏻", "😅",
]  # fmt: skip
_CITIES = ["Lyon", "Porto", "Leipzig", "Valencia", "Austin", "Montréal", "São Paulo", "Graz"]
_DAYS = ["12 March", "3/14", "2027-02-09", "Thursday", "14.05.", "1er juin", "9 de maio"]
_PUBLIC_LINKS = [
    "https://example.org/blog/{slug}",
    "https://news.example.net/{year}/{slug}",
    "www.example.com/{slug}",
    "https://youtu.be/{code}",
    "docs.example.io/guides/{slug}?ref=share",
]
_SLUGS = ["edge-caching", "team-retro", "why-we-rewrote-it", "hiring", "migration-notes"]


def _fill(template: str, rng: random.Random, pool: NamePool) -> str:
    def pick(items: list[str], fallback: str) -> str:
        return rng.choice(items) if items else fallback

    values = {
        "company": pick([pool.company, *pool.aliases], "the company"),
        "product": pick(pool.products, "the product"),
        "codename": pick(pool.codenames, "the project"),
        "client": pick(pool.clients_public + pool.clients_confidential, "a client"),
        "competitor": pick(pool.competitors, "a rival"),
        "handle": pick(pool.handles, "@someone"),
        "tag": pick(pool.tags, "#work"),
        "emoji": "".join(rng.choice(_EMOJI) for _ in range(rng.choice((1, 1, 2, 3)))),
        "city": rng.choice(_CITIES),
        "day": rng.choice(_DAYS),
        "num": str(rng.choice((12, 40, 85, 120, 300, 1500))),
        "pct": rng.choice(("18%", "22 %", "35%", "40 %")),
        "money": rng.choice(("$48k", "€120 000", "R$ 75 mil", "12.500 €", "$1.2M")),
        "email": rng.choice(("maria@mail.test", "j.okafor@example.net", "lena.k@example.net")),
        "phone": rng.choice(("+1 415 555 0137", "06 12 34 56 78", "+49 30 1234567")),
        "link": rng.choice(_PUBLIC_LINKS).format(
            slug=rng.choice(_SLUGS), year=rng.choice((2025, 2026)), code=f"dQ{rng.randint(10, 99)}"
        ),
    }  # fmt: skip
    if "{link}" in template and rng.random() < 0.15 and pool.internal_domains:
        values["link"] = (
            f"https://{rng.choice(pool.internal_domains)}/pages/{rng.randint(100, 999)}"
        )
    if "{link}" in template and rng.random() < 0.2 and pool.domains:
        values["link"] = f"https://{rng.choice(pool.domains)}/news/{rng.choice(_SLUGS)}"
    return template.format(**values)


def make_draft(rng: random.Random, pool: NamePool, target: int = 300) -> tuple[str, str]:
    """One post of about `target` characters; returns (language, text)."""
    lang = rng.choices(("en", "fr", "de", "es", "pt", "mixed"), (45, 12, 12, 12, 12, 7))[0]
    sentences: list[str] = []
    length = 0
    while length < target - 60:
        source = rng.choice(("en", "fr", "de", "es", "pt")) if lang == "mixed" else lang
        sentence = _fill(rng.choice(_SENTENCES[source]), rng, pool)
        if length + len(sentence) > target + 60 and sentences:
            break
        sentences.append(sentence)
        length += len(sentence) + 1
    joiner = rng.choice((" ", " ", "\n", "\n\n"))
    return lang, joiner.join(sentences)


def make_drafts(n: int, pool: NamePool, seed: int = 11, target: int = 300) -> list[dict]:
    """`n` drafts in the contract's JSON shape, with varied networks and authors."""
    rng = random.Random(seed)
    networks = ("linkedin", "x", "mastodon", "bluesky", "threads", "facebook", "internal", "blog")
    drafts = []
    for i in range(n):
        _, text = make_draft(rng, pool, target)
        draft: dict = {
            "id": f"bench-{i}",
            "text": text,
            "network": rng.choice(networks),
            "date": f"2026-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d}",
        }
        if rng.random() < 0.2:
            draft["author"] = {"title": "Staff Engineer", "regulated": rng.random() < 0.2}
        if rng.random() < 0.15:
            draft["media"] = [{"alt": "" if rng.random() < 0.5 else "A team photo"}]
        drafts.append(draft)
    return drafts
