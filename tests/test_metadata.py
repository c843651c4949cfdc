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
    ("Publié le 3 mars 2025 à 18h05, mis à jour à 19h12", "2025-03-03T18:05"),
    ("04 marzo 2025 (modifica il 04 marzo 2025 | 12:40)", "2025-03-04"),
    ("Madrid - 04 mar 2025 - 10:32 CET", "2025-03-04T10:32"),  # a place before the date
    ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "2019-11-19T22:31"),
    ("Police said on 4 March 2025 a man was hurt", None),
    ("2025-03-04 10:15 来源：新华网", "2025-03-04T10:15"),
    ("الثلاثاء 4 مارس 2025", "2025-03-04"), ("Yayınlanma: 04 Mart 2025 10:15", "2025-03-04T10:15"),
    ("12 września 2024, 10:15", "2024-09-12T10:15"),
    ("04.03.2025, 10:15 Uhr | Quelle: dpa", "2025-03-04T10:15"),
    ("Texto: Ana 4 March 2025 dice", None),
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


BODY = ["The council approved the barrier on Tuesday after years of debate, officials said.",
        "Work starts in the spring and should end within two years, the mayor told reporters."]


def test_title_below_a_menu_is_the_headline_not_a_menu_item():
    lines = ["Home", "News", "Contact the Harbour Gazette", "Place a Classified Ad", "Sport", "Weather",
             "Things to Do", "Obituaries", "Jobs", "Cars", "Real Estate", "Events", "Local", "Business",
             "Council approves the new harbour flood barrier", "By Jane Doe", *BODY]
    meta, out = lift_metadata(lines, {})
    assert meta["title"] == "Council approves the new harbour flood barrier"  # line 14, past the head
    assert out[14] == ("metadata:title", "headline")


def test_title_stamp_below_beats_a_kicker_above():
    lines = ["Kicker line of the week's features", "Council approves the new harbour flood barrier",
             "Chris Davies - Nov 19, 2019, 10:31 pm CST", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"


@pytest.mark.parametrize("kicker", ["T R D NATIONAL /", "NATIONAL /", "World »"])
def test_title_is_no_breadcrumb_piece_or_spaced_logo_over_the_stamp(kicker):
    lines = ["Newsletter", "Facebook", "Twitter", "Council approves the new harbour flood barrier",
             "The plan, which was first proposed in 2015, will cost the city about $4 million over five years, officials said",
             kicker, "Nov. 18, 2019 12:02 PM", "By Jane Doe", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"


def test_title_printed_twice_wins():
    lines = ["Visit our partner shop for great deals today", "Council approves the new harbour flood barrier",
             "Council approves the new harbour flood barrier", *BODY]
    meta, out = lift_metadata(lines, {})
    assert meta["title"] == "Council approves the new harbour flood barrier" and out[1][0] == "metadata:title"


def test_title_is_not_a_long_caption_printed_twice():
    caption = ("The mayor of the town speaks to reporters beside the harbour wall in the rain on Tuesday "
               "afternoon as the council meets to vote on the barrier /Reuters")
    lines = ["Council approves the new harbour flood barrier", caption, caption, *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"


def test_title_is_before_the_body():
    lines = ["Menu", *BODY, "A related story about the harbour you may like"]
    assert lift_metadata(lines, {})[0]["title"] is None


def test_title_without_site_name_suffix():
    lines = ["Council approves the new harbour flood barrier | Harbour Gazette", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"
    lines = ["‘Criminal’ for Russia to allow NATO move into Ukraine – Putin", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == lines[0]  # a speaker, not a site


def test_title_byline_above_it_and_not_a_labelled_byline():
    lines = ["Back to overview", "Von Jana Berg publiziert am 25. September 2018",
             "Der Stadtrat beschließt ein neues Radwegenetz für die Innenstadt",
             "Der Stadtrat hat am Dienstag nach langer Debatte ein neues Radwegenetz beschlossen, sagte die Sprecherin.",
             "Die Arbeiten beginnen im Frühjahr und sollen in zwei Jahren abgeschlossen sein, hieß es weiter."]
    assert lift_metadata(lines, {})[0]["title"] == lines[2]
    lines = ["Council approves the new harbour flood barrier", "Analysis by Jane Doe, Harbour Editor-at-large",
             "Updated 10:05 AM, 3 March 2020", *BODY]
    meta, out = lift_metadata(lines, {})
    assert meta["title"] == lines[0] and out.get(1, ("",))[0] != "metadata:title"


def test_title_is_not_an_item_of_a_list_of_other_stories():
    lines = ["Menu", "Other stories you may like on this site", "Mayor opens the new library in the old bank",
             "Ferry timetable changes for the winter season", "Harbour barrier vote set for Tuesday night",
             "Council approves the new harbour flood barrier", "By Jane Doe", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"
    lines = ["Sign in", "Other stories from the harbour desk", "Mayor opens the new library in the old bank",
             "Ferry timetable changes for the winter season", "Harbour barrier vote set for Tuesday night",
             "Council approves the new harbour flood barrier", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"


def test_title_is_not_a_byline_without_by():
    lines = ["Council approves the new harbour flood barrier", "Jane Doe and John R. Roe Harbour Gazette",
             "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019", *BODY]
    meta, out = lift_metadata(lines, {})
    assert meta["title"] == lines[0] and out.get(1, ("",))[0] != "metadata:title"


def test_title_is_not_a_control_label():
    lines = ["Click to email this to a friend (Opens in new window)", "Council approves the new harbour flood barrier",
             "Click to email this to a friend (Opens in new window)", *BODY]
    assert lift_metadata(lines, {})[0]["title"] == "Council approves the new harbour flood barrier"


GATE_TITLES = {  # the headline of each quality-gate page, below its site name and menu
    "de_news": "Stadtrat beschließt neues Radwegenetz für die Innenstadt",
    "en_blog_bio": "Why I stopped digging my vegetable beds",
    "en_feature_captions": "The last lighthouse keeper on the northern cape",
    "es_news": "El Gobierno aprueba una ayuda para la compra de bicicletas eléctricas",
    "it_news": "Il comune approva il piano per le nuove piste ciclabili",
    "ja_news": "都内の公立小学校にタブレット配布へ\u3000来年度から",
    "ru_news": "В городе откроют три новые станции метро",
}


@pytest.mark.parametrize("name", sorted(GATE_TITLES))
def test_gate_page_titles(name):
    from pathlib import Path

    from cleaner.config import CleanConfig
    from cleaner.pipeline import clean_text

    path = Path(__file__).parent / "fixtures" / "gate" / f"{name}.txt"
    doc = clean_text(path.read_text(encoding="utf-8"), CleanConfig(min_body_words=0), source=path.name)
    assert doc.meta["title"] == GATE_TITLES[name]


BODY = ["HONOLULU (AP) - Scientists using a telescope atop Mauna Kea have confirmed water vapor above the moon's surface.",
        "The find almost certainly means the moon has liquid water, an essential ingredient for life, they said.",
        "Scientists believe there is an ocean beneath a miles-thick ice shell, and the vapor is evidence of plumes."]


def test_byline_with_its_date_stamp_on_one_line():
    lines = ["Home", "Scientists spot water vapor on a distant moon",
             "By Jane Doe | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM", *BODY]
    meta, out = lift_metadata(lines, {})
    assert (meta["author"], meta["date"]) == ("Jane Doe", "2019-11-18T14:26")
    assert out[2] == ("metadata:author", "byline-date")
    # far from the head, it is still found just above the first paragraph
    menu = [f"Menu item {k}" for k in range(15)]
    meta, out = lift_metadata([*menu, lines[2], *BODY], {})
    assert meta["author"] == "Jane Doe" and out[15][0] == "metadata:author"
    # "By" opening a sentence with a date in it is no byline
    meta, out = lift_metadata(["By the end of November 18, 2019, the talks had failed", *BODY], {})
    assert meta["author"] is None and 0 not in out


@pytest.mark.parametrize("line", ["Filed under: Politics, Elections", "Tagged With: Politics, Elections",
                                  "Tagged Politics, Elections"])
def test_wordpress_tag_labels(line):
    meta, out = lift_metadata([*BODY, line, "Contact us", "About", "Jobs"], {})
    assert meta["tags"] == ["Politics", "Elections"] and out[3] == ("metadata:tags", "tag-list")


def test_a_sentence_opening_with_tagged_is_no_tag_list():
    meta, out = lift_metadata([*BODY, "Tagged by police as suspects in the case, the two men were released on Friday"], {})
    assert meta["tags"] == [] and 3 not in out


@pytest.mark.parametrize("line", ["Posted on March 14, 2024 by Jane Doe", "Posted by Jane Doe on March 14, 2024",
                                  "Published March 14, 2024 by Jane Doe", "By Jane Doe on March 14, 2024"])
def test_blog_bylines_with_the_date(line):
    meta, out = lift_metadata(["Scientists spot water vapor on a distant moon", line, *BODY], {})
    assert (meta["author"], meta["date"]) == ("Jane Doe", "2024-03-14") and out[1][0] == "metadata:author"


def test_date_first_byline_needs_a_name():
    meta, out = lift_metadata(["Scientists spot water vapor on a distant moon", "March 14, 2024 by the council", *BODY], {})
    assert meta["author"] is None


def test_byline_with_a_time_of_day():
    meta, out = lift_metadata(["Scientists spot water vapor on a distant moon", "Posted by Jane Doe at 10:21 AM", *BODY], {})
    assert meta["author"] == "Jane Doe" and out[1] == ("metadata:author", "byline")


def test_blogger_labels_are_tags():
    meta, out = lift_metadata([*BODY, "Labels: moons, telescopes", "Newer Post", "Older Post", "Home"], {})
    assert meta["tags"] == ["moons", "telescopes"] and out[3] == ("metadata:tags", "tag-list")


@pytest.mark.parametrize("line,author", [("Penulis: Siti Rahma", "Siti Rahma"), ("Текст: Иван Петров", "Иван Петров"),
                                         ("Autor: Max Muster", "Max Muster"), ("By the way", None),
                                         ("PARTY 18 plus", None), ("Text: the council said", None)])
def test_labelled_bylines_in_several_languages(line, author):
    meta, _ = lift_metadata(["Scientists spot water vapor on a distant moon", line, *BODY], {})
    assert meta["author"] == author


@pytest.mark.parametrize("line,tags", [("Assuntos: política, economia", ["política", "economia"]), ("Temas: Eleições", ["Eleições"]),
                                       ("Mots-clés : politique, Europe", ["politique", "Europe"]), ("Schlagwörter: Politik", ["Politik"]),
                                       ("Argomenti: politica", ["politica"]), ("Onderwerpen: politiek", ["politiek"]),
                                       ("Etiketler: siyaset, ekonomi", ["siyaset", "ekonomi"]), ("タグ：政治", ["政治"]),
                                       ("関連キーワード：政治, 選挙", ["政治", "選挙"]), ("标签：政治", ["政治"]),
                                       ("Archivado en: Política, Economía", ["Política", "Economía"])])
def test_tag_labels_in_more_languages(line, tags):
    assert parse_tags(line) == tags


@pytest.mark.parametrize("line", ["Temas: a reforma da Previdência e o teto de gastos dominaram o debate.",
                                  "Temas: a reforma, o teto de gastos e a inflação dominaram o debate no Senado."])
def test_a_sentence_after_a_tag_label_is_no_tag_list(line):
    assert parse_tags(line) is None


@pytest.mark.parametrize("label,name_line,author", [
    ("Article rédigé par", "Julien Marchal - France Bleu Roussillon", "Julien Marchal"),
    ("Written by", "Jane Doe", "Jane Doe"),
    ("Por", "Ana Paula Ribeiro — São Paulo", "Ana Paula Ribeiro"),
])
def test_byline_label_over_the_name_line(label, name_line, author):
    lines = ["Council approves the new harbour flood barrier", label, name_line, "14 March 2024", *BODY]
    meta, out = lift_metadata(lines, {})
    assert meta["author"] == author and out[1] == out[2] == ("metadata:author", "byline")


def test_byline_label_over_a_sentence_is_no_byline():
    lines = ["Council approves the new harbour flood barrier", "By",
             "the end of the year the barrier will protect two thousand homes, the council said.", *BODY]
    assert lift_metadata(lines, {})[0]["author"] is None


def test_byline_in_capitals_over_place_and_date():
    lines = ["Council approves the new harbour flood barrier", "PATRICIA GÓMEZ SERRANO", "Cuenca",
             "16.08.2024 | 13:42", *BODY]
    assert lift_metadata(lines, {})[0]["author"] == "Patricia Gómez Serrano"
    lines[1] = "BREAKING NEWS"
    assert lift_metadata(lines, {})[0]["author"] is None
