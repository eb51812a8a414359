"""Applying suggested fixes: from the end backwards, overlaps skipped, additions at the end kept."""

from manyvoices.engine import Fix, apply_fixes
from manyvoices.engine.fixes import plan_fixes


def test_fixes_apply_from_the_end_so_offsets_stay_valid():
    text = "Ask Ann about Roadrunner today"
    fixes = [Fix(4, 7, "someone"), Fix(14, 24, "our next release")]
    assert apply_fixes(text, fixes) == "Ask someone about our next release today"


def test_an_overlapping_fix_is_skipped_and_the_later_one_wins():
    text = "call 555 0100 now"
    fixes = [Fix(5, 13, "[phone]"), Fix(9, 17, "X")]
    assert apply_fixes(text, fixes) == "call 555 X"
    assert plan_fixes(text, fixes) == [Fix(9, 17, "X")]


def test_equal_spans_keep_the_first_fix_given():
    assert apply_fixes("a Mesa b", [Fix(2, 6, "one"), Fix(2, 6, "two")]) == "a one b"


def test_every_distinct_addition_at_the_end_is_applied_once_in_order():
    text = "Love the new skates!"
    end = len(text)
    fixes = [
        Fix(end, end, " #AcmeEmployee"),
        Fix(end, end, " Views are my own."),
        Fix(end, end, " #AcmeEmployee"),
        Fix(13, 19, "boots"),
    ]
    assert apply_fixes(text, fixes) == "Love the new boots! #AcmeEmployee Views are my own."


def test_fixes_outside_the_text_are_ignored():
    assert apply_fixes("short", [Fix(3, 99, "x"), Fix(-1, 2, "y"), Fix(4, 2, "z")]) == "short"


def test_removal_and_insertion_inside_the_text():
    assert apply_fixes("a bad word", [Fix(2, 6, ""), Fix(0, 0, "> ")]) == "> a word"
