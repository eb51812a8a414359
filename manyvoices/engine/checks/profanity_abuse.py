"""`respect.profanity` and `respect.abuse`: obscene words, and attacks on people.

Abuse (a hard line, never downgraded) is any of:

- a slur, a hostile address ("fuck off"), a threat ("I'll break your
  fingers", "watch your back") or a call to pile on someone;
- an insult aimed at a person or a group of people. Insult words come in three
  kinds (lexicons/abuse.yaml): nouns that only describe people ("idiot",
  "Vollidiot"), nouns with innocent senses ("clown", "worm", "trash") and
  adjectives ("stupid", "dumbest"). Who they are aimed at is read from the
  words before them (checks/_people.py): "you", "she", "the new lead", a
  @handle or a name is a person; "it", "this release" or a product is a thing;
  "I" is the author about themselves, which is not abuse.

Profanity (a warning) is an obscene or profane word not aimed at anyone, even
as praise ("this team fucking delivered"), including masked spellings (f*ck,
sh!t, f**king, f u c k) and any inflection. Its fix suggests a milder word
(data/mild.yaml). A word that is abuse is reported once, as abuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..context import Context
from ..lexicon import LANGUAGES, Cue, Hit, Lexicon, default_lexicon, fold_phrase, load_yaml
from ..types import Finding
from ..wording import SentenceIndex
from ._people import (
    CLAUSE_BREAK,
    Token,
    WordSet,
    broken,
    draft_languages,
    looks_like_name,
    token_at,
    tokenize,
    word_classes,
)

RULES = ("respect.profanity", "respect.abuse")

PROFANITY = "respect.profanity"
ABUSE = "respect.abuse"

MILD_FILE = Path(__file__).resolve().parents[1] / "data" / "mild.yaml"

MESSAGES = {
    "slur": "This is a slur. Slurs hurt people whoever they are aimed at; remove it.",
    "hostile": "This attacks someone directly. Say what you disagree with instead.",
    "threat": "This reads as a threat. Even said in anger or as a joke, it must not be posted.",
    "harass": (
        "This calls on others to pile on a person. Criticise what they said or did, and "
        "leave the person alone."
    ),
    "insult": (
        "This insults a person or a group of people. Criticise decisions and ideas, not people."
    ),
}

PROFANITY_MESSAGE = "Profanity: even as an intensifier, it puts readers off. Try a milder word."

# ---- masked spellings ------------------------------------------------------

# Digits and symbols written for letters ("sh!t", "a$$hole", "b1tch").
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
    }
)
MASKS = "*#%_"
# A word with a symbol inside it. Trailing "!" and "." are punctuation, stripped later.
MASKED_TOKEN = re.compile(
    r"(?<![\w@$*#!%])(?:[a-z]+[0-9*#@$!%|_]+[a-z][a-z0-9*#@$!%|_]*|[a-z]+[*#%_]+|\$[a-z]+)"
)
# Letters spaced or dotted out, the same separator each time: "f u c k", "s.h.i.t".
SPACED = re.compile(
    r"(?<![a-z])(?:f([ ._*-])u\1c\1k(?:\1?(?:ing|ed|er|s))?|s([ ._*-])h\2i\2t)(?![a-z])"
)
# Inflections tried when a masked word is compared with a prefix entry ("fuck*").
SUFFIXES = (
    "",
    "s",
    "ed",
    "er",
    "ers",
    "ing",
    "in",
    "y",
    "ty",
    "ter",
    "tier",
    "tiest",
    "head",
    "heads",
    "show",
    "hole",
    "holes",
    "es",
    "e",
)
# "fuck" and "shit" never occur inside innocent words, except these.
INFIX = re.compile(r"[a-z]*(?:fuck|shit)[a-z]*")
INFIX_INNOCENT = frozenset({"shitake", "shitakes", "mishit", "mishits"})
# A word whose folded form is innocent in the same language ("cono" is a cone).
NEEDS_ACCENT = {"cono": "ñ"}
# English slurs and insults that are everyday words in another language, and the
# words before them that show the innocent sense ("en retard" is French for late).
FALSE_FRIENDS = {
    "retard": frozenset(
        (
            "en",
            "du",
            "de",
            "le",
            "un",
            "sans",
            "avec",
            "mon",
            "ton",
            "son",
            "notre",
            "votre",
            "leur",
            "peu",
            "gros",
            "grand",
            "beaucoup",
            "petit",
            "quel",
            "ce",
            "d'",
        )
    ),
    "retards": frozenset(("des", "les", "de", "ces", "mes", "tes", "ses", "nos", "vos", "leurs")),
}


@dataclass
class Abuse:
    start: int  # norm offsets of the words reported
    end: int
    kind: str
    # The stretch from the target to the insult ("you're a clown"): profanity inside
    # it is part of the attack and is not reported again.
    scope_start: int
    # Below 1 when the target is only guessed (a capitalised word that may be a product),
    # which makes the finding borderline for the second opinion.
    confidence: float = 1.0


@dataclass(frozen=True)
class Cand:
    """A profane or insulting word found, whether spelled plainly or masked."""

    start: int
    end: int
    group: str  # lexicon group, e.g. "abuse.insult_strong" or "profanity.obscene"
    word: str  # the folded word it stands for ("fucking" for "f**king")
    lang: str


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    """This rule's cue groups alone, scanned in every language (see `check`)."""
    groups = default_lexicon().groups
    return Lexicon({g: v for g, v in groups.items() if g.startswith(("profanity.", "abuse."))})


# Drafts up to this many characters are scanned in every language (see `scan`).
SHORT = 280

# Groups that only decide whether to run a pattern; they say nothing about the language.
TRIGGER_GROUPS = frozenset({"abuse.threat_verb", "abuse.pile_verb"})


@dataclass
class Scan:
    """What one draft's scan found: cue hits in the languages the draft may be written in."""

    cues: dict[str, list[Hit[Cue]]]
    langs: tuple[str, ...]
    # every hit, whatever its language (for patterns that are safe in any language)
    all_cues: dict[str, list[Hit[Cue]]]

    def cue(self, group: str) -> list[Hit[Cue]]:
        return self.cues.get(group, [])

    def every(self, group: str) -> list[Hit[Cue]]:
        return self.all_cues.get(group, [])


def scan(ctx: Context) -> Scan:
    """Cue hits of this rule in the languages the draft plausibly uses.

    Short drafts fool language detection ("Ese tipo es un payaso" reads as
    Turkish), so the words are looked for in every language, and a hit in a
    language other than the detected one counts only when the draft's own
    function words say it may be in that language.
    """
    langs = ctx.review_languages
    if len(ctx.fold) > SHORT:
        # long enough for detection to be right: the shared scan has the hits already
        hits = {g: ctx.cue(g) for g in _lexicon().groups}
        return Scan(hits, langs, hits)
    hits = _lexicon().scan(ctx.fold, (*LANGUAGES, "any"))
    if any(
        h.payload.lang not in langs and h.payload.lang != "any"
        for group, found in hits.items()
        if group not in TRIGGER_GROUPS
        for h in found
    ):
        langs = draft_languages(ctx.fold, langs)
    cues = {
        g: [h for h in found if h.payload.lang in langs or h.payload.lang == "any"]
        for g, found in hits.items()
    }
    return Scan(cues, langs, hits)


def check(ctx: Context) -> list[Finding]:
    sc = scan(ctx)
    masked = _masked(ctx)
    abuse = _abuse(ctx, sc, masked)
    findings = [
        ctx.finding(ABUSE, a.start, a.end, MESSAGES[a.kind], confidence=a.confidence) for a in abuse
    ]
    covered = [(a.scope_start, a.end) for a in abuse] + [(a.start, a.end) for a in abuse]
    for cand in _profane(ctx, sc, masked):
        if any(s < cand.end and cand.start < e for s, e in covered):
            continue
        # a word with no milder twin is simply left out
        fs, fe, repl = _milder(ctx, cand) or _render(ctx, cand.start, cand.end, "", cand.lang)
        findings.append(
            ctx.finding(
                PROFANITY,
                cand.start,
                cand.end,
                PROFANITY_MESSAGE,
                replacement=repl,
                fix_span=(fs, fe),
            )
        )
    return findings


# ---- abuse -------------------------------------------------------------------

# Threats written as structures rather than fixed phrases, per language. Each one
# needs a first-person speaker (or "someone should") and a person as the object.
_BODY = (
    r"(?:fingers?|legs?|arms?|neck|face|nose|jaw|knees?|kneecaps?|teeth|skull|head|"
    r"hands?|bones?|ribs?|spine)"
)
THREATS = {
    "en": [
        r"\b(?:i|i'll|i will|i'm going to|i am going to|i'm gonna|im gonna|we'll|we will|"
        r"someone should|somebody should|someone needs to|i want to|i wanna|i'd love to)\s+"
        r"(?:\w+\s+)?(?:kill|murder|stab|shoot|strangle|choke|punch|slap|hurt|smack|knock out|"
        r"hunt down|beat up|deck)\s+(?:you|ya|u|him|her|them|y'all|@[\w.-]+)\b",
        r"\b(?:i|i'll|i will|i'm going to|i am going to|i'm gonna|im gonna|we'll|we will|"
        r"someone should|somebody should)\s+(?:\w+\s+)?(?:break|snap|smash|crush|cut|rip|bust)\s+"
        r"(?:off\s+)?(?:your|his|her|their)\s+(?:\w+\s+)?" + _BODY + r"\b",
        r"\b(?:beat|knock)\s+(?:you|him|her|them)\s+(?:up|out|senseless)\b",
        r"\byou(?:'ll| will|'re going to| are going to|'re gonna| are gonna)\s+regret\b"
        r"(?!\s+(?:not|missing|skipping|passing|waiting|ignoring|it if|this if|never))",
        # causing regret: "I'll make sure you regret it", "we'll make them regret this"
        r"\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will)\s+make\s+"
        r"(?:(?:sure|certain)\s+(?:that\s+)?(?:you|he|she|they|y'all|@[\w.-]+)"
        r"(?:'ll|\s+will)?|you|him|her|them|y'all|@[\w.-]+)\s+regrets?\b",
    ],
    "fr": [
        r"\bje (?:vais|veux|vas) (?:te|le|la|vous|les) (?:tuer|buter|defoncer|frapper|massacrer|"
        r"egorger|descendre|cogner|demolir|retrouver)\b",
        r"\bje (?:vais|veux) (?:te|lui|vous|leur) (?:casser|briser|peter|exploser) (?:la|les|le) "
        r"(?:gueule|figure|doigts|jambes|bras|nez|dents|crane|tete)\b",
    ],
    "de": [
        r"\bich (?:werde|will) (?:dich|ihn|sie|euch) (?:umbringen|toten|verprugeln|abstechen|"
        r"erschiesen|erschiessen|fertigmachen|kaltmachen)\b",
        r"\bich (?:breche|brech|werde|will) (?:dir|ihm|ihr|euch) (?:\w+ ){0,2}?(?:die finger|"
        r"die beine|die arme|das genick|die nase|den kiefer|die knochen|alle knochen)\b",
        r"\bich schlag(?:e)? (?:dich|ihn|sie|euch) (?:tot|zusammen|krankenhausreif)\b",
    ],
    "es": [
        r"\b(?:te|lo|la|los|les|le|os) (?:voy|vamos) a (?:matar|romper|partir|reventar|pegar|"
        r"destrozar|apunalar|disparar)\b",
        r"\b(?:voy|vamos) a (?:matarte|romperte|partirte|reventarte|pegarte|matarlo|matarla|"
        r"partirle|romperle|reventarle)\b",
    ],
    "pt": [
        r"\b(?:vou|vamos) (?:te|lhe) (?:matar|quebrar|bater|arrebentar|esfaquear|espancar)\b",
        r"\b(?:vou|vamos) (?:matar|quebrar|arrebentar|espancar) (?:voce|ele|ela|voces|eles|elas|"
        r"a cara|os dedos|as pernas)\b",
        r"\b(?:vou|vamos) (?:matar|quebrar|arrebentar|espancar)-(?:te|lo|la)\b",
    ],
}

# Calling an audience to pile on a person: an audience word, a verb of telling
# aimed at "her"/"him"/a @handle, and "what you think" (or a verb of swarming).
HARASS = {
    "en": [
        r"\b(?:everyone|everybody|y'all|yall|all of you|you all|folks|people|guys|let's all|"
        r"lets all|go)\b[^.!?\n]{0,40}?\b(?:tell|let|show|give|send|remind)\s+"
        r"(?:her|him|them|@[\w.-]+)\b[^.!?\n]{0,25}?(?:what (?:you|we|y'all) (?:really |actually |"
        r"all )?think|how (?:you|we) (?:really )?feel|a piece of (?:your|our) mind|\bhell\b|"
        r"know what (?:you|we) think)",
        r"\b(?:everyone|everybody|y'all|yall|all of you|let's all|lets all|go)\b[^.!?\n]{0,20}?"
        r"\b(?:pile on|pile onto|flood|spam|swarm|ratio|report)\s+(?:her|him|them|@[\w.-]+)",
    ],
    "fr": [
        r"\b(?:allez|dites|ecrivez|montrez)\b[^.!?\n]{0,25}?\b(?:lui|leur)\b[^.!?\n]{0,25}?"
        r"\bce que vous (?:en )?pensez\b",
    ],
    "de": [
        r"\b(?:sagt|schreibt|zeigt)\s+(?:ihr|ihm|ihnen)\b[^.!?\n]{0,30}?\bwas ihr (?:davon |"
        r"von (?:ihr|ihm) )?(?:haltet|denkt)\b",
    ],
    "es": [
        r"\b(?:vayan|id|diganle|decidle|escribanle)\b[^.!?\n]{0,30}?(?:\ble\b|\ba (?:ella|el)\b|"
        r"@)[^.!?\n]{0,30}?\blo que (?:piensan|pensais|opinan)\b",
    ],
    "pt": [
        r"\b(?:vao|vamos|digam|falem|mandem)\b[^.!?\n]{0,30}?(?:\b(?:a|pra|para) (?:ela|ele)\b|"
        r"\blhe\b|@)[^.!?\n]{0,30}?\bo que (?:voces )?(?:acham|pensam)\b",
    ],
}
# Each language's patterns run only when the scan found one of its trigger verbs
# (lexicons/abuse.yaml threat_verb, pile_verb), which keeps clean drafts cheap.
_THREAT_RES = {lang: [re.compile(p) for p in ps] for lang, ps in THREATS.items()}
_HARASS_RES = {lang: [re.compile(p) for p in ps] for lang, ps in HARASS.items()}
STRUCTURES = (
    ("abuse.threat_verb", _THREAT_RES, "threat"),
    ("abuse.pile_verb", _HARASS_RES, "harass"),
)

# The confidence of an insult whose target is only a capitalised word.
NAME_GUESS = 0.7

INSULT_GROUPS = ("abuse.insult_strong", "abuse.insult_weak", "abuse.insult_adj")
DIRECT_GROUPS = {
    "abuse.slur": "slur",
    "abuse.hostile": "hostile",
    "abuse.threat": "threat",
    "abuse.harass": "harass",
}


def _abuse(ctx: Context, sc: Scan, masked: list[Cand]) -> list[Abuse]:
    fold = ctx.fold
    out: list[Abuse] = []
    for group, kind in DIRECT_GROUPS.items():
        out.extend(
            Abuse(h.start, h.end, kind, h.start)
            for h in sc.cue(group)
            if not _false_friend(fold, h) and not _advice(fold, h)
        )
    out.extend(Abuse(c.start, c.end, "slur", c.start) for c in masked if c.group == "abuse.slur")
    # Threat and pile-on structures are specific to their language, so a trigger verb
    # of any language counts: detection is unreliable on a short angry line.
    for group, patterns, kind in STRUCTURES:
        for lang in {h.payload.lang for h in sc.every(group)}:
            for pattern in patterns.get(lang, ()):
                out.extend(
                    Abuse(m.start(), m.end(), kind, m.start()) for m in pattern.finditer(fold)
                )
    insults = [
        Cand(h.start, h.end, g, fold[h.start : h.end].translate(LEET), h.payload.lang)
        for g in INSULT_GROUPS
        for h in sc.cue(g)
        if not _false_friend(fold, h)
    ]
    insults += [c for c in masked if c.group in INSULT_GROUPS]
    # "puta madre", "son of a bitch": an exclamation that holds an insult word is profanity
    phrases = [
        (h.start, h.end) for h in sc.cue("profanity.obscene") if " " in fold[h.start : h.end]
    ]
    if phrases:
        insults = [
            c
            for c in insults
            if not any(s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in phrases)
        ]
    if insults:
        out.extend(_aimed_insults(ctx, sc.langs, _longest_first(insults)))
    return _merge(out, fold)


# Words after "watch your back" that make it advice about the world, not a threat
# ("watch your back out there on the ice", "watch your back when lifting").
ADVICE_AFTER = frozenset(
    ("out", "when", "while", "on", "in", "at", "if", "during", "around", "there", "lifting", "and")
)


def _advice(fold: str, hit: Hit[Cue]) -> bool:
    if not fold.startswith("watch your back", hit.start):
        return False
    m = WORD_AFTER.match(fold[hit.end : hit.end + 20])
    return m is not None and m.group(1) in ADVICE_AFTER


def _false_friend(fold: str, hit: Hit[Cue]) -> bool:
    innocent_after = FALSE_FRIENDS.get(fold[hit.start : hit.end])
    if innocent_after is None:
        return False
    m = WORD_BEFORE.search(fold, max(0, hit.start - 20), hit.start)
    return m is not None and m.group(1) in innocent_after


def _aimed_insults(ctx: Context, langs: tuple[str, ...], insults: list[Cand]) -> list[Abuse]:
    """The insult words that are aimed at a person (see the module docstring)."""
    fold = ctx.fold
    wc = word_classes(langs)
    sentences = SentenceIndex(ctx.sentences, len(fold))
    out: list[Abuse] = []
    for cand in insults:
        # Only the insult's own sentence matters, so only it is tokenised.
        s_start, s_end = sentences.spans[sentences.of(cand.start)]
        tokens = tokenize(fold, s_start, min(s_end, cand.end + 80))
        first = 0
        k = token_at(tokens, cand.start)
        if k >= len(tokens):
            continue
        last = token_at(tokens, cand.end - 1)
        if _compound(fold, tokens, last, cand.end, wc):
            continue
        strong = cand.group == "abuse.insult_strong"
        if cand.group == "abuse.insult_adj":
            # "the dumbest person", "stupid customers", "clientes estúpidos"
            noun = _human_after(tokens, last, wc, fold)
            if noun is not None:
                out.append(Abuse(cand.start, tokens[noun].end, "insult", cand.start))
                continue
            # French, Spanish and Portuguese put the adjective after the noun
            if (
                cand.lang in ("fr", "es", "pt")
                and k - 1 >= first
                and tokens[k - 1].text in wc["human"]
            ):
                out.append(Abuse(tokens[k - 1].start, cand.end, "insult", tokens[k - 1].start))
                continue
        # Nouns with innocent senses are left out: "la basura del cliente" is the
        # client's rubbish, "el cerdo del granjero" the farmer's pig.
        # A noun with innocent senses needs a demonstrative: "ce bouffon de directeur"
        # insults, "la basura del cliente" is the client's rubbish.
        of_human = (
            _of_human(tokens, last, wc, fold)
            if cand.group != "abuse.insult_weak"
            or cand.word in _adjectives()
            or (k > 0 and tokens[k - 1].text in DEMONSTRATIVES)
            else None
        )
        if of_human is not None:
            # "ce con de chef", "el idiota del jefe", "esse burro do gerente": the insult
            # names a person by their role
            out.append(Abuse(cand.start, tokens[of_human].end, "insult", cand.start))
            continue
        human = _exclaimed_at(tokens, k, last, wc, fold)
        if human is not None:
            # "quel boulet ce nouveau stagiaire", "what a clown that new lead is"
            out.append(Abuse(tokens[k - 1].start, tokens[human].end, "insult", cand.start))
            continue
        who, where = _who(ctx, tokens, k, first, wc, cand.lang)
        fiction = who in ("human", "name", "none") and FICTION.search(fold, s_start, s_end)
        if fiction:
            # a game boss, a cartoon character, a villain: not a person who can be hurt
            who = "thing"
        if strong:
            aimed = who not in ("self", "thing", "generic")
        elif who == "name":
            aimed = cand.word not in wc["thingish"]
        else:
            aimed = who in ("you", "human")
        model_says = False
        if not aimed and not fiction and who in ("thing", "none"):
            subject = _unresolved_subject(tokens, k, s_start, wc, fold)
            if subject is not None:
                # The word classes cannot tell who "<the X who ...> is a loser" is about:
                # the model compares the subject with people and things (arbiter.py).
                from ..arbiter import decide

                decision = decide(ctx, "abuse.subject", *subject)
                model_says = aimed = decision is not None and decision.applies
                where = subject[0]
        if aimed and _quoted_whole(fold, s_start, s_end, min(where, cand.start), cand.end):
            # "'You're an idiot' is not feedback": the words are quoted, not said
            aimed = False
        if aimed:
            confidence = NAME_GUESS if (who == "name" and not strong) or model_says else 1.0
            out.append(Abuse(cand.start, cand.end, "insult", min(where, cand.start), confidence))
    return out


def _unresolved_subject(
    tokens: list[Token], k: int, s_start: int, wc: dict[str, WordSet], fold: str
) -> tuple[int, int] | None:
    """The head of the subject of "<subject> is a <insult>" when a relative clause follows it.

    "That referee who gave the penalty is a loser": the word classes read the
    clause's object ("the penalty") as the head, and "referee" is in no list. The
    span returned is the head and its relative pronoun ("That referee who",
    "Whoever"), for the model to tell a person from a thing; the clause itself is
    left out, since its words would outweigh the one word that matters. The linking
    verb must come right before the insult (a determiner or adjectives between at
    most). None when there is no such subject.
    """
    c = k - 1
    while c >= 0 and k - c <= 4 and tokens[c].text not in wc["copula"]:
        if broken(fold, tokens[c], tokens[c + 1]):
            return None
        c -= 1
    if c <= 0 or k - c > 4 or broken(fold, tokens[c], tokens[c + 1]):
        return None
    first = 0
    while first < c and tokens[first].start < s_start:
        first += 1
    # "That referee who": the first "that" is a demonstrative; only a free relative
    # ("whoever", "wer", "quien") opens a subject.
    rel = next(
        (
            i
            for i in range(first, c)
            if tokens[i].text in RELATIVE and (i > first or tokens[i].text in RELATIVE_HUMAN)
        ),
        None,
    )
    if rel is None or c - rel < 2:
        return None
    head = rel
    # back to the start of the head's clause; German sets the pronoun off with a comma
    while head > first and (head == rel or not broken(fold, tokens[head - 1], tokens[head])):
        if head - 1 < rel - 3:
            break  # "the X who" is a short phrase; a long run before it is another clause
        head -= 1
    return tokens[head].start, tokens[rel].end


# Characters of games and stories, and the phrases that place an insult inside one: an
# insult said of "the final boss" or of a name "in the old games" is not aimed at a person.
FICTION = re.compile(
    r"\b(?:final boss|end boss|boss fight|npcs?|villains?|(?:video ?game|cartoon|movie|film|anime"
    r"|book|novel|sitcom|series|show) characters?|in the (?:old |new |first |last )?(?:game|games"
    r"|movie|movies|film|films|show|series|book|books|cartoon)|boss final|boss de fin|pnjs?"
    r"|mechant du film|personnages?|dans le (?:jeu|film|dessin anime|livre)|endboss|endgegner"
    r"|bosskampf|im (?:spiel|film)|jefe final|personajes?|villanos?|en el (?:juego|videojuego"
    r"|pelicula)|en la pelicula|chefe final|personage(?:m|ns)|viloes|vilao|no (?:jogo|filme))\b"
)

# Exclamative words that open an insult said of someone named after it ("quel boulet ce
# stagiaire", "qué inútil el nuevo", "what a clown that new lead is").
EXCLAIM = frozenset({"what", "quel", "quelle", "quels", "quelles", "que", "welch", "was"})
EXCLAIM_ARTICLES = frozenset({"a", "an", "un", "une", "ein", "eine", "fur", "für"})


def _exclaimed_at(
    tokens: list[Token], k: int, last: int, wc: dict[str, WordSet], fold: str
) -> int | None:
    """Index of the word for people an exclamative insult at token k is said of, if any."""
    j = k - 1
    while j >= 0 and tokens[j].text in EXCLAIM_ARTICLES and k - j <= 3:
        j -= 1
    if j < 0 or tokens[j].text not in EXCLAIM or k - j > 3:
        return None
    # then a determiner, maybe an adjective, and a word for people: "ce nouveau stagiaire"
    for m in range(last + 1, min(len(tokens), last + 5)):
        if CLAUSE_BREAK.search(fold, tokens[m - 1].end, tokens[m].start):
            return None
        if tokens[m].text in wc["human"]:
            return m if m > last + 1 and tokens[last + 1].text in wc["determiner"] else None
    return None


# A quotation in double quotes, or in single quotes that may hold apostrophes ("you're").
QUOTATION = re.compile(r"\"[^\"\n]+\"|(?<!\w)'(?:[^'\n]|'(?=\w))+'(?!\w)")


def _quoted_whole(fold: str, lo: int, hi: int, start: int, end: int) -> bool:
    """True when [start, end) - an insult and who it is aimed at - lies inside one quotation."""
    if '"' not in fold[lo:hi] and "'" not in fold[lo:hi]:
        return False
    return any(m.start() < start and end < m.end() for m in QUOTATION.finditer(fold, lo, hi))


def _who(
    ctx: Context, tokens: list[Token], k: int, first: int, wc: dict[str, WordSet], lang: str
) -> tuple[str, int]:
    """What the insult at token k is said of, and where that word starts.

    One of "self", "you", "human", "name", "thing", "generic" (advice or a
    negation: "don't be a fool", "he is not an idiot"), "possessive" ("her
    garbage talk") or "none" (no evidence either way).
    """
    fold = ctx.fold
    j = k - 1
    steps = 0
    while j >= first and steps < 6:
        if broken(fold, tokens[j], tokens[j + 1]):
            break
        tok = tokens[j]
        t = tok.text
        if j == k - 1 and t in wc["possessive"] and t not in wc["you"]:
            return "possessive", tok.start
        if t in wc["negation"] or t.endswith("n't"):
            return "generic", tok.start
        if t in wc["self"]:
            return "self", tok.start
        if t in wc["you"]:
            return "you", tok.start
        if t.startswith("@") or t in wc["third"] or t in wc["human"]:
            return _handle_or_human(ctx, tok), tok.start
        if t.endswith("'s") and len(t) > 2:
            # "Greg's a clown", "it's a joke": a subject glued to its verb
            return _subject_word(ctx, tok, t[:-2], wc, lang), tok.start
        if t in wc["copula"]:
            return _subject(ctx, tokens, j, first, wc, lang)
        if j == first and t in wc["self_verb"]:
            # a diary line with no subject: "Felt like a total idiot today"
            return "self", tok.start
        j -= 1
        steps += 1
    return "none", tokens[k].start


def _subject(
    ctx: Context, tokens: list[Token], c: int, first: int, wc: dict[str, WordSet], lang: str
) -> tuple[str, int]:
    """Who stands before the linking verb at token c ("<who> is a clown").

    Only the head of the subject counts, so "the form that people fill in is
    stupid" is about the form. The search hops back over complements ("the
    guy from support", "the plan from my boss") and "<word> I've met" ("every
    engineer I've met"), and follows a "who" clause ("customers who ...").
    """
    fold = ctx.fold
    i = c - 1
    if (
        tokens[c].text == "be"
        and i >= first
        and tokens[i].text in ("don't", "dont", "to", "never", "not", "won't", "cannot")
    ):
        return "generic", tokens[i].start
    while (
        i >= first and tokens[i].text in wc["adverb"] and not broken(fold, tokens[i], tokens[i + 1])
    ):
        i -= 1
    if i < first or broken(fold, tokens[i], tokens[i + 1]):
        return "none", tokens[c].start
    hops = 0
    while True:
        tok = tokens[i]
        t = tok.text
        if t in wc["negation"] or t.endswith("n't"):
            return "generic", tok.start
        pronoun = t in wc["self"] or t in wc["you"] or t in wc["third"] or t.startswith("@")
        if not pronoun and hops < 2:
            # The head comes before its complement: "the plan from my boss" is a plan,
            # "the guy from the print shop" a guy, "le chef de projet" a chef.
            hop = _hop_back(fold, tokens, first, i, wc)
            if hop is not None:
                i = hop
                hops += 1
                continue
        if t in wc["self"]:
            return "self", tok.start
        if t in wc["you"]:
            return "you", tok.start
        if t.startswith("@") or t in wc["third"] or t in wc["human"]:
            return _handle_or_human(ctx, tok), tok.start
        word = t[:-2] if t.endswith("'s") else t
        kind = _subject_word(ctx, tok, word, wc, lang)
        if kind not in ("thing", "none"):
            return kind, tok.start
        rel = _relative_human(tokens, first, i, wc)
        if rel is not None:
            return "human", tokens[rel].start
        return kind, tok.start


def _hop_back(
    fold: str, tokens: list[Token], first: int, i: int, wc: dict[str, WordSet]
) -> int | None:
    """The word before the preposition (or "I've") that token i's phrase hangs on, if any."""
    for j in range(i - 1, max(first, i - 5) - 1, -1):
        if broken(fold, tokens[j], tokens[j + 1]):
            return None
        t = tokens[j].text
        if (t in wc["preposition"] or t in wc["self"]) and j - 1 >= first:
            return j - 1
        if t in wc["copula"] or t in wc["third"] or t in wc["you"] or t in RELATIVE:
            return None
    return None


# Relative pronouns: "who" only ever stands for people; the others do after a word
# for people ("les gens qui", "la gente que", "Leute, die").
RELATIVE_HUMAN = frozenset({"who", "whom", "whoever", "whose", "quien", "quienes", "quem"})
RELATIVE = RELATIVE_HUMAN | {"that", "qui", "que", "die", "der", "welche", "welcher"}


def _relative_human(tokens: list[Token], first: int, i: int, wc: dict[str, WordSet]) -> int | None:
    """Index of the word for people that a "who" clause before token i hangs on, if any."""
    for j in range(i - 1, max(first, i - 12) - 1, -1):
        if tokens[j].text in RELATIVE:
            if j - 1 >= first and (
                tokens[j - 1].text in wc["human"] or tokens[j - 1].text in wc["third"]
            ):
                return j - 1
            return None
    return None


def _subject_word(ctx: Context, tok: Token, word: str, wc: dict[str, WordSet], lang: str) -> str:
    if _policy_name_at(ctx, tok):
        return "thing"
    if word in wc["self"]:
        return "self"
    if word in wc["third"] or word in wc["human"]:
        return "human"
    if word in wc["thing"] or tok.text in wc["thing"]:
        return "thing"
    # German capitalises every noun, so a capital says nothing about a name there.
    if lang != "de" and ctx.review_languages[0] != "de" and looks_like_name(ctx.norm, tok):
        return "name"
    return "none"


def _handle_or_human(ctx: Context, tok: Token) -> str:
    # The company's own handle is not a person.
    return "thing" if _policy_name_at(ctx, tok) else "human"


def _policy_name_at(ctx: Context, tok: Token) -> bool:
    return any(h.start < tok.end and tok.start < h.end for h in ctx.names)


def _human_after(tokens: list[Token], last: int, wc: dict[str, WordSet], fold: str) -> int | None:
    """Index of a word for people right after an adjective ("dumbest person"), if any."""
    for m in (last + 1, last + 2):
        if m >= len(tokens) or fold[tokens[m - 1].end : tokens[m].start].strip():
            return None  # any punctuation between: not one phrase
        if tokens[m].text in wc["human"]:
            return m
        if tokens[m].text in wc["determiner"]:
            return None
    return None


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Every insulting adjective, folded (some are nouns too: "con", "tonto", "burro")."""
    by_lang = _lexicon().groups.get("abuse.insult_adj", {})
    return frozenset(fold_phrase(p) for phrases in by_lang.values() for p in phrases)


# "<insult> de <role>": the Romance construction that calls a person by an insult.
OF_WORDS = frozenset(("de", "del", "da", "do", "das", "dos", "des", "d'"))
DEMONSTRATIVES = frozenset(
    [
        "ce",
        "cet",
        "cette",
        "ces",
        "este",
        "esta",
        "estos",
        "estas",
        "ese",
        "esa",
        "esos",
        "esas",
        "aquel",
        "aquella",
        "esse",
        "essa",
        "esses",
        "essas",
        "aquele",
        "aquela",
    ]
)


def _of_human(tokens: list[Token], last: int, wc: dict[str, WordSet], fold: str) -> int | None:
    """Index of the word for people in "<insult> de (mon|la) <role>", if the insult has one."""
    m = last + 1
    if m >= len(tokens) or tokens[m].text not in OF_WORDS:
        return None
    for n in (m + 1, m + 2):
        if n >= len(tokens) or fold[tokens[n - 1].end : tokens[n].start].strip(" '"):
            return None
        t = tokens[n].text
        if t in wc["human"]:
            return n
        if not (t in wc["determiner"] or t in wc["possessive"]):
            return None
    return None


def _compound(fold: str, tokens: list[Token], last: int, end: int, wc: dict[str, WordSet]) -> bool:
    """ "idiot-proof", "clown show", "an idiot's guide": the word describes a thing."""
    if end < len(fold) and fold[end] == "-" and end + 1 < len(fold) and fold[end + 1].isalpha():
        return True
    rest = fold[end : tokens[last].end] if last < len(tokens) else ""
    if rest == "'s":
        nxt = last + 1
        return nxt < len(tokens) and tokens[nxt].text in wc["compound"]
    nxt = last + 1
    return (
        nxt < len(tokens)
        and not broken(fold, tokens[last], tokens[nxt])
        and tokens[nxt].text in wc["compound"]
    )


def _merge(found: list[Abuse], fold: str) -> list[Abuse]:
    """One finding per stretch of text: overlapping matches keep the earliest, longest, and
    insults side by side ("spineless worm") make one."""
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Abuse] = []
    for a in found:
        if out and (
            a.start < out[-1].end
            or (a.kind == out[-1].kind == "insult" and not fold[out[-1].end : a.start].strip())
        ):
            out[-1].end = max(out[-1].end, a.end)
            out[-1].scope_start = min(out[-1].scope_start, a.scope_start)
            out[-1].confidence = max(out[-1].confidence, a.confidence)
            continue
        out.append(a)
    return out


# ---- profanity -----------------------------------------------------------------


MILD_EXCLAMATION = re.compile(
    r"(?:^|[.!?\n]\s*|\b(?:oh|ah|aw|well)\s+)(damn|crap)(?=\s*(?:[,!.?\u2026]|$))"
)


def _profane(ctx: Context, sc: Scan, masked: list[Cand]) -> list[Cand]:
    fold = ctx.fold
    # look-alike spellings ("sh!t") stand for the plain word
    found = [
        Cand(
            h.start,
            h.end,
            "profanity.obscene",
            fold[h.start : h.end].translate(LEET),
            h.payload.lang,
        )
        for h in sc.cue("profanity.obscene")
    ]
    found = [
        c
        for c in found
        if c.word not in NEEDS_ACCENT or NEEDS_ACCENT[c.word] in ctx.norm[c.start : c.end].lower()
    ]
    if "fuck" in fold or "shit" in fold:
        for m in INFIX.finditer(fold):
            if m.group() not in INFIX_INNOCENT:
                found.append(Cand(m.start(), m.end(), "profanity.obscene", m.group(), "en"))
    if "damn" in fold or "crap" in fold:
        # "Damn, I forgot", "oh crap!": mild words that are profane as an exclamation
        # (not "crap" in "crapshoot" or "damn" in "damnation")
        found += [
            Cand(m.start(1), m.end(1), "profanity.obscene", m.group(1), "en")
            for m in MILD_EXCLAMATION.finditer(fold)
        ]
    found += [c for c in masked if c.group == "profanity.obscene"]
    return _longest_first(found)


def _longest_first(cands: list[Cand]) -> list[Cand]:
    """Drop candidates inside a longer one ("shit" inside "holy shit")."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


@dataclass(frozen=True)
class MaskTargets:
    """Words a masked spelling may stand for: each word's groups, and the words by first letter."""

    groups: dict[str, tuple[tuple[str, str], ...]]  # word -> ((group, lang), ...)
    by_letter: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _masked_targets() -> MaskTargets:
    lexicon_groups = default_lexicon().groups
    groups: dict[str, list[tuple[str, str]]] = {}
    # Profanity first: a masked word is far more often "f***" than a slur.
    for group in ("profanity.obscene", "abuse.insult_strong", "abuse.slur"):
        for lang, phrases in lexicon_groups.get(group, {}).items():
            for phrase in phrases:
                if " " in phrase:
                    continue
                stem = fold_phrase(phrase.rstrip("*"))
                forms = [stem + s for s in SUFFIXES] if phrase.endswith("*") else [stem]
                for form in forms:
                    if form and (group, lang) not in groups.get(form, ()):
                        groups.setdefault(form, []).append((group, lang))
    by_letter: dict[str, list[str]] = {}
    for form in groups:
        by_letter.setdefault(form[0], []).append(form)
    return MaskTargets(
        {k: tuple(v) for k, v in groups.items()}, {k: tuple(v) for k, v in by_letter.items()}
    )


def _masked(ctx: Context) -> list[Cand]:
    """Words masked with symbols or spaced out ("f**king", "f#ck", "f u c k").

    Look-alike spellings with letters swapped for digits or "!" ("sh!t",
    "b1tch") are lexicon entries instead: looking for them generically would
    cost every draft a slow scan, since digits and "!" are everywhere.
    """
    fold = ctx.fold
    out: list[Cand] = []
    # cheap substring tests first: the pattern is slow to run on every draft
    if (
        " u " in fold
        or ".u." in fold
        or "*u*" in fold
        or "-u-" in fold
        or "_u_" in fold
        or " h " in fold
        or ".h." in fold
        or "*h*" in fold
        or "-h-" in fold
        or "_h_" in fold
    ):
        for m in SPACED.finditer(fold):
            word = re.sub(r"[ ._*-]", "", m.group())
            out.append(Cand(m.start(), m.end(), "profanity.obscene", word, "en"))
    if not _has_mask(fold):
        return out
    targets = _masked_targets()
    for m in MASKED_TOKEN.finditer(fold):
        raw = m.group().rstrip("!.")
        if not 3 <= len(raw) <= 24 or not raw[1:].strip("0123456789"):
            continue  # "q4", "p99": a letter and a number, not a masked word
        unmasked = _unmask(raw, targets)
        if unmasked is not None:
            # every group the word belongs to: "a**hole" is an insult when aimed, else profanity
            for group, lang in targets.groups[unmasked]:
                out.append(Cand(m.start(), m.start() + len(raw), group, unmasked, lang))
    return out


def _has_mask(fold: str) -> bool:
    """A symbol inside or at the end of a word ("f#ck", "sh**"), not a hashtag or "50%"."""
    if "*" in fold or "|" in fold:
        return True
    for ch in "#%$":
        i = fold.find(ch)
        while i != -1:
            if (i > 0 and fold[i - 1].isalpha()) or (
                ch == "$" and i + 1 < len(fold) and fold[i + 1].isalpha()
            ):
                return True
            i = fold.find(ch, i + 1)
    return False


def _unmask(raw: str, targets: MaskTargets) -> str | None:
    """The lexicon word a masked spelling stands for, if any."""
    decoded = raw.translate(LEET)
    if decoded in targets.groups:
        return decoded
    # Masks stand for one or more letters each: "f**k", "f***ing", "b*tch".
    for text in (decoded, _symbols_as_masks(raw)):
        if not any(ch in MASKS for ch in text):
            continue
        pattern = _mask_pattern(text)
        # a mask of n symbols stands for n-1 to n+1 letters: only words of a fitting length
        longest = len(text) + text.count("*") + text.count("#") + text.count("%")
        for form in targets.by_letter.get(text[0], ()):
            if len(form) <= longest and pattern.fullmatch(form):
                return form
    return None


@lru_cache(maxsize=256)
def _mask_pattern(text: str) -> re.Pattern[str]:
    parts = []
    for run in re.finditer(r"[*#%_]+|[^*#%_]+", text):
        chunk = run.group()
        if chunk[0] in MASKS:
            n = len(chunk)
            parts.append(f"[a-z]{{{max(1, n - 1)},{n + 1}}}")
        else:
            parts.append(re.escape(chunk))
    return re.compile("".join(parts))


def _symbols_as_masks(raw: str) -> str:
    """ "f@ck", "f!ck": a symbol that is not a letter look-alike in that place is a mask."""
    first, rest = raw[0], raw[1:]
    return first.translate(LEET) + "".join("*" if ch in "@$!|%#" else ch for ch in rest).translate(
        LEET
    )


# ---- milder words ----------------------------------------------------------------

ADJECTIVE_ENDINGS = ("ed", "ly", "ive", "ous", "ful", "able", "ible", "ic", "al", "ing", "est")
WORD_BEFORE = re.compile(r"(\S+)\s+$")
WORD_AFTER = re.compile(r"^\s+([\w'-]+)")


@lru_cache(maxsize=1)
def _mild() -> dict[str, tuple[dict[str, str], tuple[tuple[str, str], ...]]]:
    """Per language: exact replacements, and prefix replacements longest first."""
    data = load_yaml(MILD_FILE) or {}
    out = {}
    for lang, table in data.items():
        if lang not in LANGUAGES or not isinstance(table, dict):
            raise ValueError(f"{MILD_FILE}: expected language keys mapping words to milder words")
        for key, value in table.items():
            if not isinstance(key, str) or not isinstance(value, str):
                # YAML reads a bare no, on or null as a boolean or nothing
                raise ValueError(f"{MILD_FILE}: {lang}: {key!r}: {value!r} must be quoted text")
        exact = {fold_phrase(k): str(v) for k, v in table.items() if not k.endswith("*")}
        prefix = sorted(
            ((fold_phrase(k[:-1]), str(v)) for k, v in table.items() if k.endswith("*")),
            key=lambda kv: -len(kv[0]),
        )
        out[lang] = (exact, tuple(prefix))
    return out


def _milder(ctx: Context, cand: Cand) -> tuple[int, int, str] | None:
    """The span to replace (norm offsets) and its milder wording, or None."""
    tables = _mild()
    langs = [cand.lang] if cand.lang in tables else []
    langs += [
        lg
        for lg in (*ctx.review_languages, "en", "fr", "de", "es", "pt")
        if lg in tables and lg not in langs
    ]
    fold = ctx.fold
    for lang in langs:
        exact, prefixes = tables[lang]
        found = _phrase_key(fold, cand, exact)
        if found is not None:
            start, end, value = found
            return _render(ctx, start, end, value, lang)
        word = cand.word
        for stem, value in prefixes:
            if word.startswith(stem):
                if value.endswith("+"):
                    # a German compound keeps its second half: "Scheißtag" -> "Misttag"
                    value = value[:-1] + word[len(stem) :]
                return _render(ctx, cand.start, cand.end, value, lang)
    return None


def _phrase_key(fold: str, cand: Cand, exact: dict[str, str]) -> tuple[int, int, str] | None:
    """The longest entry around the word: "what the actual fuck", "fuck it", "as fuck"."""
    lefts = [cand.start]
    pos = cand.start
    for _ in range(3):
        m = WORD_BEFORE.search(fold, max(0, pos - 30), pos)
        if not m:
            break
        pos = m.start(1)
        lefts.append(pos)
    rights = [cand.end]
    m = WORD_AFTER.match(fold[cand.end : cand.end + 30])
    if m:
        rights.append(cand.end + m.end(1))
    best: tuple[int, int, str] | None = None
    for s in lefts:
        for e in rights:
            # the word as it stands for ("f***" is "fuck"), with its neighbours
            key = " ".join((fold[s : cand.start] + cand.word + fold[cand.end : e]).split())
            value = exact.get(key)
            if value is not None and (best is None or e - s > best[1] - best[0]):
                best = (s, e, value)
    return best


def _render(ctx: Context, start: int, end: int, value: str, lang: str) -> tuple[int, int, str]:
    fold = ctx.fold
    if value == "INTENSIFIER":
        m = WORD_AFTER.match(fold[end : end + 30])
        nxt = m.group(1) if m else ""
        # "fucking great" -> "really great"; "goddamn hours" -> "hours"
        adjectives = word_classes((lang,))["adjective"]
        if lang == "en" and nxt and (nxt in adjectives or nxt.endswith(ADJECTIVE_ENDINGS)):
            value = "really"
        else:
            value = ""
    elif value.startswith("NOUN|EXCLAMATION|PREDICATE "):
        noun, exclamation, predicate = value.split(" ", 1)[1].split("|", 2)
        m = WORD_BEFORE.search(fold, max(0, start - 30), start)
        before = m.group(1) if m else ""
        wc = word_classes(LANGUAGES)
        if before in wc["determiner"] or before in wc["possessive"]:
            value = noun  # "this shit" -> "this stuff"
        elif before in wc["copula"] or before.endswith("'s"):
            value = predicate  # "it is shit" -> "it is lousy"
        else:
            value = exclamation  # "Shit, I forgot" -> "Oh, I forgot"
    if value == "":
        # Drop the word and one space beside it, so no double space is left;
        # "abso-fucking-lutely" closes up to "absolutely".
        if start > 0 and end < len(fold) and fold[start - 1] == fold[end] == "-":
            return start - 1, end + 1, ""
        if end < len(fold) and fold[end] == " ":
            end += 1
        elif start > 0 and fold[start - 1] == " ":
            start -= 1
        return start, end, ""
    return start, end, _match_case(ctx.norm[start:end], value)


def _match_case(original: str, replacement: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
