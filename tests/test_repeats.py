"""Repeated lines inside a document (find_repeats)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.dedup.repeats import find_repeats

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "fixtures" / "seeds-expected"


def lines_of(text: str) -> list[str]:
    return [" ".join(l.split()) for l in text.split("\n")]


def seed(prefix: str) -> tuple[list[str], dict]:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    (exp,) = EXPECTED.glob(f"{prefix}_*.json")
    return lines_of(path.read_text(encoding="utf-8")), json.loads(exp.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_keep_every_body_paragraph_once_and_drop_only_repeats(prefix):
    lines, exp = seed(prefix)
    dropped = find_repeats(lines, {})
    kept = [l for i, l in enumerate(lines) if i not in dropped]
    for para in exp["body"]:
        assert kept.count(" ".join(para.split())) == 1, para[:60]
    for line in exp["at_most_once"]:
        assert kept.count(" ".join(line.split())) <= 1
    assert all(v == ("repeated-line", "exact-repeat") for v in dropped.values())
    # a seed with a line in at_most_once that is printed twice loses exactly that second copy
    twice = [l for l in exp["at_most_once"] if lines.count(" ".join(l.split())) > 1]
    assert len(dropped) == len(twice)


def test_headline_printed_again_after_the_title_was_lifted():
    lines, exp = seed("004")
    title_idx = lines.index(" ".join(exp["title"].split()))
    dropped = find_repeats(lines, {title_idx: ("metadata:title", "title")})
    assert title_idx not in dropped
    assert [lines[i] for i in dropped] == [lines[title_idx]]


def test_near_repeats_with_credit_or_site_name():
    lines = [
        "Storm closes the coastal road for a week",  # title (decided)
        "Storm closes the coastal road for a week | Daily Wire",
        "Workers clear debris from the coastal road near the harbour",
        "Workers clear debris from the coastal road near the harbour. /Reuters",
        "UPDATED: Storm closes the coastal road for a week",
        "Workers clear debris from the coastal road near the harbour (AP Photo)",
    ]
    res = find_repeats(lines, {0: ("metadata:title", "title")})
    assert res == {1: ("repeated-line", "near-repeat"), 3: ("repeated-line", "near-repeat"),
                   4: ("repeated-line", "near-repeat"), 5: ("repeated-line", "near-repeat")}


def test_body_paragraphs_that_share_a_start_or_continue_a_line_stay():
    lines = [
        "Putin said the talks were constructive.",
        "Putin said the talks were constructive, but warned that sanctions would hurt Europe more.",
        "The makers of spyware could face.",  # a caption cut at 18 words, then the full lede
        "The makers of spyware could face hefty fines in California.",
        "Police said the driver was hurt - two passengers were unharmed and the road reopened at noon.",
        "Police said the driver was hurt",
    ]
    assert find_repeats(lines, {}) == {}


def test_lede_after_a_credited_caption_stays():
    lines = ["Fosters bought 18.8% of Southcorp on Monday. /Reuters", "",
             "Fosters bought 18.8% of Southcorp on Monday."]
    assert find_repeats(lines, {}) == {}


def test_exact_repeats_after_normalisation_and_short_lines():
    lines = ["Cooperation Attempts", "", "COOPERATION   attempts!", "0:00", "14:40", "0:00", "Podcasts",
             "Podcasts", "", "***", "***"]
    res = find_repeats(lines, {})
    assert res == {2: ("repeated-line", "exact-repeat")}


def test_decided_lines_are_never_returned_and_empty_input():
    lines = ["Share this article now please", "Share this article now please"]
    assert find_repeats(lines, {1: ("social-share", "share-bar")}) == {}
    assert find_repeats(lines, {0: ("social-share", "share-bar")}) == {1: ("repeated-line", "exact-repeat")}
    assert find_repeats([], {}) == {}


def test_paragraph_first_shown_in_removed_chrome_stays_in_the_body():
    para = ("The council approved the new budget on Monday after a long debate about schools, roads "
            "and the future of the old library, which will close in the spring.")
    caption = "Council members vote on the budget in the town hall"
    lines = [para, caption, "", "Body starts here with its own sentence about the vote.", para, caption + " /AFP"]
    # the teaser copy of the paragraph and the first caption were removed as chrome
    decided = {0: ("related-links", "teaser-chain"), 1: ("photo-credit", "caption")}
    assert find_repeats(lines, decided) == {5: ("repeated-line", "near-repeat")}
    # lifted as metadata (a summary/standfirst field), the earlier copy still counts
    assert find_repeats(lines, {0: ("metadata:description", "summary")}) == {
        4: ("repeated-line", "exact-repeat"), 5: ("repeated-line", "near-repeat")}


def test_a_question_put_to_each_interviewee_stays_a_caption_printed_again_goes():
    interviews = []
    for name in ("Anna", "Ben", "Cleo", "Dev"):
        interviews += [f"{name} grew up by the sea and started cooking at the age of ten, she says.", "",
                       "Which dish would you cook for friends tonight?", "",
                       f"A fish soup, {name} answered, because everyone at the table can share the pot.", ""]
    assert find_repeats(interviews, {}) == {}
    # the same layout where a copy stands next to chrome: a caption printed again, it goes
    decided = {6: ("low-content", "line-shape")}
    assert find_repeats(interviews, decided) == {8: ("repeated-line", "exact-repeat")}
    # printed twice only (a pull quote), the later copy goes as before
    assert find_repeats(interviews[:12], {}) == {8: ("repeated-line", "exact-repeat")}
