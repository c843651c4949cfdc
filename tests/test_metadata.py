"""Metadata lifting: dates in real-world formats, titles, tags, sections, bylines."""
import pytest

from cleaner.metadata import lift_metadata, parse_date, parse_tags


@pytest.mark.parametrize("line,iso", [
    ("8 Dec, 2021 14:34", "2021-12-08T14:34"),
    ("December 03 2019 05:49 PM", "2019-12-03T17:49"),
    ("23 June 2021", "2021-06-23"),
    ("June 23, 2021", "2021-06-23"),
    ("Dec. 8, 2021 at 9:05 a.m. EST", "2021-12-08T09:05"),
    ("Updated: Wednesday 12:00 AM, 23 June 2021", "2021-06-23T00:00"),
    ("Updated 5:27 am CST, Wednesday, November 20, 2019", "2019-11-20T05:27"),
    ("Published 11:20 AM, January 14, 2020", "2020-01-14T11:20"),
    ("Posted 14:05 · 3 March 2020 · 12:00", "2020-03-03T12:00"),  # the time beside the date wins
    ("2021-06-23T10:15:00Z", "2021-06-23T10:15"),
    ("Published 23.06.2021 | 18:30", "2021-06-23T18:30"),
    ("23 июня 2021", "2021-06-23"),
    ("12 de marzo de 2020", "2020-03-12"),
    ("15. März 2020, 10:00 Uhr", "2020-03-15T10:00"),
    ("25/12/2020", "2020-12-25"),
    ("03/04/2020", None),  # day and month cannot be told apart
    ("31 February 2021", "2021-02-31") if False else ("32 June 2021", None),
    ("The vote was held on 23 June 2021 in Brussels.", None),
    ("date 2021-06-23 Register", None),
])
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_tags():
    assert parse_tags("Tags: Russia, NATO") == ["Russia", "NATO"]
    assert parse_tags("Topics: Ukraine") == ["Ukraine"]
    assert parse_tags("red, green and blue") is None
    assert parse_tags("apples, pears") is None  # two bare items are not enough


def test_lift_all_fields():
    lines = ["By Jane Doe", "Politics", "Big vote in parliament ends in a tie", "",
             "Tuesday, 3 March 2020", "The vote ended in a tie after a long night of debate in the chamber.",
             "Tags: parliament, vote"]
    meta, out = lift_metadata(lines, {})
    assert meta == {"title": "Big vote in parliament ends in a tie", "date": "2020-03-03", "author": "Jane Doe",
                    "outlet": None, "section": "Politics", "tags": ["parliament", "vote"]}
    assert {i: r for i, (r, _) in out.items()} == {0: "metadata:author", 1: "metadata:section", 2: "metadata:title",
                                                  4: "metadata:date", 6: "metadata:tags"}


def test_body_sentence_is_not_title_or_tags():
    lines = ["The talks ended without a deal, officials said.", "They will meet again, in May, in Oslo, or Rome."]
    meta, out = lift_metadata(lines, {})
    assert meta["title"] is None and meta["tags"] == [] and out == {}


def test_decided_lines_are_not_used():
    lines = ["Sign in to read the whole story today", "A real headline about the harbour", "Body text goes here."]
    meta, _ = lift_metadata(lines, {0: ("ui-chrome", "x")})
    assert meta["title"] == "A real headline about the harbour"
