"""Rules for what a page says about its authors rather than its story: author bios, "About the
author" headings, contributor notes, "follow me on ..." and "reach the reporter at ..." lines.

A bio is a full sentence, so it is told by its shape: it opens with a person's name and a
verb of being or joining, names a writing trade, and stands in the last part of the page, after
the story (the same sentence inside an article introduces a source and stays).
"""
from __future__ import annotations

import re
from typing import Sequence

from . import LineContext, rule

_ABOUT = re.compile(
    r"^(?:この記事を書いた人|この記事の(?:執筆者|著者|筆者|ライター)|(?:執筆者|著者|筆者|ライター)(?:プロフィール|紹介|情報)?|"
    r"作者简介|关于作者|기자 ?소개|글쓴이)$|"
    r"^(?i:chi è l['’]autore|chi è|qui est l['’]auteur|quem é o autor|quién es el autor|wer ist der autor)\s*:?\??$|"
    r"^(?i:about|über|à propos de|sobre|acerca de|a proposito di|об авторе|tentang)\s+"
    r"(?:(?i:the (?:authors?|reporters?|writers?|contributors?)|(?:o |el |l')?aut(?:or|ore|eur|hor)(?:in)?|la firma)|"
    r"(?:[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+ ?){1,4})\s*:?$"
)


@rule("about-author", "metadata:author", max_len=60)
def about_author(ctx: LineContext) -> bool:
    """The heading of an author box: "About the author", "About Jane Doe", "Über Max Muster".

    >>> about_author(LineContext(["About Brigit Katz"], 0))
    True
    >>> about_author(LineContext(["Über Moritz Bachmann"], 0))
    True
    >>> about_author(LineContext(["About the author"], 0)), about_author(LineContext(["Sobre la firma"], 0))
    (True, True)
    >>> about_author(LineContext(["この記事を書いた人"], 0)), about_author(LineContext(["執筆者プロフィール"], 0))
    (True, True)
    >>> about_author(LineContext(["About 200 people gathered outside the court."], 0))
    False
    """
    t = ctx.text
    return len(t) <= 60 and bool(_ABOUT.match(t))


_NAME_VERB = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]+ ){0,3}[A-ZÀ-ÖØ-Þ][\w.'’-]+(?:'s)?(?: \([^)]{1,40}\))? "
    r"(?:is|was|has been|joined|covers|writes|reports|ist|est|es|é)\b"
)
_FIRST_PERSON = re.compile(r"^(?:I am|I'm|I’m) (?:a|an) ")
WRITING_TRADES = (
    r"journalistin|redakteur(?:in)?|autor(?:in)?|journaliste|rédact(?:eur|rice)|periodista|redator|rep[óo]rter|"
    r"jornalista|giornalista|autora|colunista|cronista|columnista|escritora?|scrittrice|scrittore|"
    r"correspondente|editora?"
)
"""Writing trades in the languages other than English, for bios here and for what a byline's name
is followed by in metadata ('Escrito por Ana Lobato, jornalista ...')."""
CJK_TRADES = r"記者|編集部|ライター|編集委員|論説委員|特派員|解説委員|デスク|コラムニスト"
"""Japanese writing trades, as an author box and a byline print them ('東邦経済 記者')."""
_TRADE = re.compile(
    r"\b(?:writer|reporter|journalist|editor|correspondent|contributor|columnist|author|freelancer?|"
    r"blogger|producer|host|anchor|curator|critic|photographer|reporting|covers|writes (?:about|for|on)|"
    rf"{WRITING_TRADES}|"
    r"writes (?:every|on) (?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)|"
    r"escreve (?:às|aos|todas as|todos os) (?:segundas|terças|quartas|quintas|sextas|sábados|domingos)|"
    r"escribe (?:los|cada) (?:lunes|martes|miércoles|jueves|viernes|sábados?|domingos?)|"
    r"scrive (?:il|ogni) (?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)|"
    r"schreibt jeden (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))\b",
    re.I,
)
BIO_MIN_WORDS = 8
"""Under an "About ..." heading, a line of at least this many words is the bio (a shorter one
is a link of a footer menu: "About Us", "Magazine Archive")."""
BIO_TAIL_SHARE = 0.4
"""A bio stands in this last share of the page's non-blank lines."""
BIO_MAX_CHARS = 500
"""A bio told by its own words (a name, a verb, a trade) is at most this long ..."""
BIO_UNDER_HEADING_MAX_CHARS = 1200
"""... and the paragraph under an "About the author" heading at most this long (a few
sentences on the author's work, family and books; the heading says what it is)."""


def _bio_shaped(text: str) -> bool:
    """A bio has a few words at least: two words, or a run of Chinese, Japanese or Korean."""
    return len(text) >= 12 and (" " in text or bool(_CJK.search(text)))


@rule("author-bio", "metadata:author", max_len=BIO_UNDER_HEADING_MAX_CHARS, context=True, shape=_bio_shaped)
def author_bio(ctx: LineContext) -> bool:
    """An author's bio at the end of the page: a name, "is/was/joined", a writing trade; or
    whatever paragraph stands right under an "About the author" heading.

    >>> lines = ["The council approved the plan on Monday after a long debate.",
    ...          "Brigit Katz is a freelance writer based in Toronto."]
    >>> author_bio(LineContext(lines, 1))
    True
    >>> author_bio(LineContext(["Emiliano joined pv magazine in March 2017. He has been reporting on solar since 2009."], 0))
    True
    >>> author_bio(LineContext(["Über Max Muster", "Als Vertriebsleiter verbindet Max Muster Technik und Kunden."], 1))
    True
    >>> author_bio(LineContext(["Sobre la firma", "Ana López", "Redactora de Economía. Antes trabajó en la radio."], 2))
    True
    >>> author_bio(LineContext(["Priya Raman", "Senior reviews writer", "Priya has tested more than 60 robot vacuums for us."], 2))
    True
    >>> page = ["By Maria Gonzalez", "Story text."] + ["More text."] * 20 + [
    ...     "Maria covers politics from Panama City. She previously reported from Bogota."] + ["Teaser."] * 40
    >>> author_bio(LineContext(page, 22))
    True
    >>> author_bio(LineContext(["この記事を書いた人", "杉浦みなみ", "美容ライター。コスメ誌の編集を経て独立。"], 2))
    True
    >>> author_bio(LineContext(["本文。"] * 6 + ["田中 美穂", "たなか みほ / Miho Tanaka", "流通・小売業界を担当。"], 8))
    True
    >>> author_bio(LineContext(["本文。"] * 6 + ["被災地に通い続けた記者", "震災から13年、記者は毎年この町を訪れてきた。"], 7))
    False
    >>> author_bio(LineContext(["Ana Lima", "Text.", "Text.", "Text.", "Ana Lima", "Urbanista e autora de dois livros. Escreve às quintas-feiras."], 5))
    True
    >>> author_bio(LineContext(["Text."] * 4 + ["Looking Ahead", "The city will host more than 200 films next year, the festival's producer said."], 5))
    False
    >>> author_bio(LineContext(["I am a writer, journalist and professor, not always in that order."], 0))
    True
    >>> author_bio(LineContext(["Smith is a former reporter, the court heard.", "The trial continues.", "More text.", "End."], 0))
    False
    >>> author_bio(LineContext(["The council is a writer of rules."], 0))
    False
    >>> page = ["Headline", "Text one.", "Text two.", "Jane Doe is a freelance writer living in Oslo"] + ["Teaser."] * 20
    >>> author_bio(LineContext(page, 3))
    True
    >>> long_bio = "Father of two and a teacher, Max Muster coordinates a school in Bonn. " * 8
    >>> len(long_bio) > BIO_MAX_CHARS, author_bio(LineContext(["Über Max Muster", long_bio], 1))
    (True, True)
    """
    t = ctx.text
    if len(t) > BIO_UNDER_HEADING_MAX_CHARS:
        return False
    prev = above = ctx.neighbour(-1)
    name_above = above is not None and bool(_NAME_ONLY.match(above))  # a name alone on the line above
    if above is not None and (name_above or _CJK_NAME.match(above)) and not _ABOUT.match(above):
        prev = ctx.neighbour(-2)  # the author's name printed between the heading and the bio
    long_enough = t.count(" ") >= BIO_MIN_WORDS - 1 or (" " not in t and bool(_CJK.search(t)) and len(t) >= 12)
    if prev is not None and len(prev) <= 60 and _ABOUT.match(prev) and long_enough:
        return True  # the paragraph under an "About the author" heading
    if prev is not None and len(prev) <= 60 and prev[-1:] not in ".!?" and t.count(" ") >= BIO_MIN_WORDS - 1 \
            and (name := ctx.neighbour(-2)) is not None and _NAME_ONLY.match(name) \
            and t.startswith(name.split()[0]) and _TRADE.search(prev):  # (the trade's long pattern last)
        return True  # an author box: the name, the trade ("Senior reviews writer"), the bio
    if len(t) > BIO_MAX_CHARS:
        return False
    if prev is not None and not t.isascii() and _CJK_TRADE_LINE.match(prev) and _CJK.search(t) \
            and (name := ctx.neighbour(-2)) is not None and _CJK_NAME.match(name) and _in_tail(ctx):
        return True  # a Japanese author box: the name, the trade or the name's reading, the bio
    if name_above and t.count(" ") >= BIO_MIN_WORDS - 1 \
            and _TRADE.search(t) and t[:1] not in "\"“«'—–-" and _in_tail(ctx) and _named_before(ctx, above):
        return True  # an author box at the end: the author's name (printed above), then what the author does
    if not (_NAME_VERB.match(t) or _FIRST_PERSON.match(t)) or not _TRADE.search(t):
        return False
    if t.split(" ", 1)[0].lower() in _NOT_NAMES:
        return False
    if _bylined(ctx, t.split(" ", 1)[0]):
        return True  # the author of the byline above: "Maria covers politics from Panama City."
    if len(t) <= BIO_SHORT_CHARS and _SHORT_BIO.match(t) and ctx.from_start >= 3:
        return True  # "Jane Doe is a freelance writer living in Oslo": a bio wherever it stands
    return _in_tail(ctx)


def _in_tail(ctx: LineContext) -> bool:
    """Whether the line stands in the last ``BIO_TAIL_SHARE`` of the page (counted only when asked:
    it walks the whole page)."""
    return ctx.from_end <= BIO_TAIL_SHARE * (ctx.from_start + ctx.from_end + 1)


_BY = re.compile(r"^(?:by|por|von|par|di|oleh)\s+", re.I)


def _first_half(ctx: LineContext) -> Sequence[str]:
    """The lines above this one in the page's first half (where its byline stands)."""
    return ctx.lines[:min(ctx.i, len(ctx.lines) // 2)]


def _named_before(ctx: LineContext, name: str) -> bool:
    """Whether ``name`` was printed in the page's first half, alone or in a byline (the author's
    box repeats the byline's name; a subheading such as "Looking Ahead" was not printed before)."""
    return any(t == name or (len(t) <= 80 and _BY.match(t) and name in t) for t in _first_half(ctx))


def _bylined(ctx: LineContext, name: str) -> bool:
    """Whether a byline above the line ("By Maria Gonzalez", within the page's first half)
    names ``name`` (a first or last name)."""
    return any(len(t) <= 80 and _BY.match(t) and name in t.split() for t in _first_half(ctx))


# the line over a Japanese author box's bio: the outlet and the trade ("東邦経済 記者"), or the
# name's reading in kana and in Latin letters ("たなか みほ / Miho Tanaka")
_CJK_TRADE_LINE = re.compile(rf"^(?:\S{{1,20}}[ \u3000](?:{CJK_TRADES})|"
                             r"[ぁ-んァ-ンー\s]{2,20}\s*/\s*[A-Za-z .'-]{2,40})$")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff가-힣]")


_CJK_NAME = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff가-힣]{2,6}(?:[ \u3000][\u3040-\u30ff\u4e00-\u9fff가-힣]{1,6})?$")
_NAME_ONLY = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+ ){1,3}[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+$")
BIO_SHORT_CHARS = 160
"""A one-sentence bio is at most this long."""
# "Name is a [freelance/staff/...] writer|reporter ... [based|living|in|for|who ...]"
_SHORT_BIO = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]+ ){1,3}(?:is|was) (?:a|an) (?:[\w-]+ ){0,3}?"
    r"(?:writer|reporter|journalist|editor|correspondent|contributor|columnist|author|freelancer|blogger|"
    r"photographer|critic)s?(?: (?:based|living|who|for|at|in|and|covering|with|from)\b.*|\.?)$"
)


# Capitalised sentence openers that are not names.
_NOT_NAMES = frozenset("the this that it he she they there his her its our a an one each every "
                       "der die das ein eine le la les un une el los las il lo".split())

_CONTACT = re.compile(
    r"(?:^have an? (?:confidential |news |story )*tip\b|^got an? (?:confidential |news |story )*tip\s*\?|\bmay be reached at\b|^(?:reach|contact|e-?mail) (?:the )?(?:reporters?|writers?|authors?|"
    r"him|her|them|[A-Z]\w+ [A-Z]\w+) (?:at|on|via)\b|[.!?] follow (?:us|me|him|her|them) (?:on|at) (?:twitter|x|instagram|threads|bluesky) ?@[\w.]+|^follow (?:us|me|him|her|them|(?:[A-Z][\w.'’-]+ ?){1,3}) "
    r"(?:on|at) (?:twitter|facebook|instagram|linkedin|youtube|tiktok)|"
    r"^follow @\w+|contributed (?:reporting )?to this (?:report|story|article)\.?$)",
    re.I,
)


# every contact pattern contains one of these
_CONTACT_GATE = ("tip", "reached at", "reach", "contact", "mail", "follow", "contributed")


@rule("author-contact", "metadata:author", max_len=300, gate=_CONTACT_GATE)
def author_contact(ctx: LineContext) -> bool:
    """A note about the people behind the story: how to reach or follow them, who contributed.

    >>> author_contact(LineContext(["Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."], 0))
    True
    >>> author_contact(LineContext(["Associated Press writers Alan Fram and Zeke Miller contributed to this report."], 0))
    True
    >>> author_contact(LineContext(["Have a tip? Jane Doe may be reached at jdoe@example.com."], 0))
    True
    >>> author_contact(LineContext(["Her book on Mars is out now. Follow her on Twitter @janeroe."], 0))
    True
    >>> author_contact(LineContext(["Police asked anyone with information to contact them at once."], 0))
    False
    >>> author_contact(LineContext(["Fans follow him on Twitter, where he posts daily."], 0))
    False
    >>> author_contact(LineContext(["Some are influencers. Follow them on Instagram and you see the anger."], 0))
    False
    """
    return bool(_CONTACT.search(ctx.text))
