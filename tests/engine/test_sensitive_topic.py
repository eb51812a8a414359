"""respect.sensitive-topic: taking a side on party politics or religion is coached; reminders
to vote, election news and mentions of a faith are not."""

import pytest

from .nimbus import check, excerpts, found

RULE = "respect.sensitive-topic"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Early voting is open. I'm voting yes on Measure 7 and no on 9.", "voting yes on"),
        ("Time to vote them out in November.", "vote them out"),
        (
            "I'm voting for Dana Reyes for mayor, she gets transit.",
            "voting for Dana Reyes for mayor",
        ),
        ("The Tories are corrupt to the core.", "Tories are corrupt"),
        ("Religion is a fairy tale for adults.", "Religion is a fairy tale"),
        ("Accept Jesus today and you will be saved.", "Accept Jesus"),
        ("Votez pour la liste de gauche dimanche.", "Votez pour"),
        ("Ich wähle die Grünen, weil Klimaschutz zählt.", "Ich wähle die Grünen"),
        ("Vota sí en el referéndum del domingo.", "Vota sí"),
        ("Votem sim no referendo da cidade.", "Votem sim"),
    ],
)
def test_it_coaches_posts_that_take_a_side(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "coach"


@pytest.mark.parametrize(
    "text",
    [
        "Polls close at 8pm, go vote!",
        "Whatever you choose, register to vote before Friday.",
        "Vote for our booth at the holiday party!",
        "Republicans released their platform today; worth a read whatever you think.",
        "Merry Christmas to everyone celebrating, and happy holidays to all.",
        "Our team voted for the blue logo.",
        "The church on Main Street hosts our charity run this year.",
    ],
)
def test_it_leaves_civic_reminders_and_neutral_mentions_alone(text):
    assert not found(check(text), RULE)


def test_it_never_changes_the_verdict():
    assert check("Vote yes on Measure 7!").verdict == "clear"
