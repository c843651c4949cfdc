"""Repair: ftfy settings, whitespace, and the fast path agreeing with plain ftfy."""
from pathlib import Path

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.repair import _FTFY, fix_text, repair

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]


def test_mojibake_entities_controls_fixed_typography_kept():
    assert repair("NATOâ€™s â€œbuild-upâ€\x9d") == "NATO’s “build-up”"
    assert repair("Fish &amp; chips &eacute;") == "Fish & chips é"
    assert repair("bell\x07 and\x1b[31m red\x1b[0m") == "bell and red"
    assert repair("“curly” ‘quotes’ – dashes … ＡＢＣ") == "“curly” ‘quotes’ – dashes … ＡＢＣ"
    assert repair("de\u0301ja\u0300") == "déjà"  # NFC


def test_whitespace():
    assert repair("\ufeff  a \t b\u200b \n\n\n\n  c\u00a0d  \n") == "a b\n\nc\u00a0d"


def test_repair_of_seeds_is_idempotent():
    for text in SEEDS:
        assert repair(repair(text)) == repair(text)


def _mojibake(text, codec):
    return text.encode("utf-8").decode(codec, errors="replace")


def test_fast_path_agrees_with_ftfy_on_seeds_and_their_mojibake():
    samples = SEEDS + [_mojibake(t, c) for t in SEEDS for c in ("cp1252", "latin-1", "cp1251")]
    for text in samples:
        assert fix_text(text) == ftfy.fix_text(text, _FTFY)


alphabet = st.sampled_from(list("abc XYZ.,;\n\t&<>#;") + ["&amp;", "&eacute;", "’", "“", "é", "Ã©", "â€™", "Ð¿",
                                                           "Ñ€", "\x85", "\x9d", "\u2028", "ﬁ", "\x1b[0m",
                                                           "e\u0301", "Привет", "한국어", "日本", "\ufeff", "\x00"])


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=60).map("".join))
def test_fast_path_agrees_with_ftfy(text):
    assert fix_text(text) == ftfy.fix_text(text, _FTFY)


def test_drop_cap_joins_its_word_and_repair_stays_idempotent():
    raw = "The Last Lighthouse Keepers\nT\nhe lamp has not needed a keeper since 1973.\nA\nstorm came.\n"
    fixed = repair(raw)
    assert "The lamp has not needed a keeper since 1973." in fixed.split("\n")
    assert "A\nstorm came." in fixed  # 'A' and 'I' are words of their own
    assert repair(fixed) == fixed


def test_spaced_drop_cap_joins_only_into_a_word_the_text_uses():
    raw = ("W hile the talks went on, much was said.\nM uch of it was new.\nT cells fight infection.\n"
           "Y el gobierno dijo que no.\nThe cells were counted while the talks went on.\n")
    fixed = repair(raw)
    lines = fixed.split("\n")
    assert lines[:2] == ["While the talks went on, much was said.", "Much of it was new."]
    assert "T cells fight infection." in lines and "Y el gobierno dijo que no." in lines
    assert repair(fixed) == fixed
