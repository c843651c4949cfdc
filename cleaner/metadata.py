"""Lifting metadata out of the text: title, date, author, outlet, section, tags.

Each field comes from lines that hold nothing else (a date line, a tag list, a lone section
name near the headline), and those lines leave the body with reason ``metadata:<field>``.

>>> parse_date("8 Dec, 2021 14:34"), parse_date("December 03 2019 05:49 PM"), parse_date("23 June 2021")
('2021-12-08T14:34', '2019-12-03T17:49', '2021-06-23')
>>> parse_date("Published: Tuesday, 3 March 2020, 09:15 GMT")
'2020-03-03T09:15'
>>> parse_date("The summit opened on 3 March 2020 in London.") is None
True
>>> parse_date("2020年3月18日 12時05分"), parse_date("입력 2020.03.20 10:15")
('2020-03-18T12:05', '2020-03-20T10:15')
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Sequence

from .document import LINE_CACHE
from .rules.bylines import CJK_TRADES, WRITING_TRADES
from .rules.chrome import contents_entries
from .words import count_tokens

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German, French, Spanish, Italian, Portuguese, Dutch (those not spelled as in English)
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # Indonesian and Malay (those not spelled as above)
    "maret": 3, "agustus": 8, "desember": 12, "mac": 3, "ogos": 8, "disember": 12,
    # Turkish, Polish (genitive), Arabic (as printed in Egypt and the Gulf)
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7, "ağustos": 8,
    "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Russian (genitive, as dates are written) and nominative
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_MON = "(?P<mon>" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_TIME = r"(?:(?:,|\s|\bat\b|\bà\b|\bàs\b|\ba las\b|\balle\b|\bore\b|\bum\b|\bв\b|\bpukul\b|\||-|–|•|·)*\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.)?"

_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:[T ](?P<h>\d{{2}}):(?P<mi>\d{{2}})(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MON},?\s+(?:de\s+)?{_YEAR}(?:\s*г\.?)?{_TIME}", re.I),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})[.-]{_MON}[.-]{_YEAR}{_TIME}", re.I),  # "19.jun.2024", "19-Jun-2024"
    re.compile(rf"\b(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_YEAR}{_TIME}"),
    re.compile(rf"\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}{_TIME}"),
    # East Asian order: "2020年3月18日 12時05分", "2020년 3월 20일", "2020.03.20 10:15"
    re.compile(rf"\b{_YEAR}\s*(?:年|년)\s*(?P<m>\d{{1,2}})\s*(?:月|월)\s*(?P<d>\d{{1,2}})\s*(?:日|일)"
               rf"(?:\s*[(（][^)）]{{1,4}}[)）])?(?:\s*(?P<ampm>오전|오후|午前|午後)?\s*(?P<h>\d{{1,2}})\s*(?::|時|시)\s*"
               rf"(?P<mi>\d{{2}})\s*(?:分|분)?)?"),
    # Korean "2024.04.16. 오전 11:20" (perhaps run into its label: "입력2024.04.16. 오후 2:05")
    re.compile(rf"(?<!\d){_YEAR}\.\s?(?P<m>\d{{1,2}})\.\s?(?P<d>\d{{1,2}})\.?\s*(?P<ampm>오전|오후|午前|午後)\s*"
               rf"(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})"),
    # "2020.03.20 10:15", Korean "2022. 5. 14. 9:12", "2020/03/20"
    re.compile(rf"\b{_YEAR}(?P<sep>[./])\s?(?P<m>\d{{1,2}})(?P=sep)\s?(?P<d>\d{{1,2}})\.?{_TIME}"),
]
_PM = ("p", "오후", "午後")
_YEAR_DIGITS = re.compile(_YEAR)
"""What every date pattern holds: a text without a year has no date, and the patterns, slow to
search for (the month names), are not run on it."""
assert all(_YEAR in pat.pattern for pat in _DATE_PATTERNS)

# Words that may stand beside a date on a date line without making it prose.
_DATE_FILLER = re.compile(
    r"\b(published|updated|posted|last|modified|created|date|time|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|est|edt|cet|cest|"
    r"bst|msk|ist|pst|pdt|cst|cdt|mst|mdt|akst|hst|ast|aest|aedt|jst|kst|sgt|hkt|wib|eet|eest|wet|west|et|pt|ct|mt|the|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"veröffentlicht|aktualisiert|am|um|uhr|publié|publiée|modifié|modifiée|le|mis|à|jour|publicado|actualizado|el|pubblicato|"
    r"opublikowano|modifica|aggiornato|aggiornamento|ultimo|ore|il|las|a|às|em|atualizado|atualizada|publicada|"
    r"del|diperbarui|diterbitkan|pukul|güncelleme|yayınlanma|tarihi|pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar|aktualizacja|"
    r"الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|نشر|في|"
    r"опубликовано|обновлено|в|입력|수정|등록|기사입력|最終更新|更新|公開|配信|掲載|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta|quinta|sexta|feira|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|понедельник|вторник|среда|четверг|пятница|"
    r"суббота|воскресенье|senin|selasa|rabu|kamis|jumat|sabtu|minggu|h|"
    r"[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?)\b",
    re.I,
)


def _build_iso(y: int, m: int, d: int, h: str | None, mi: str | None, ampm: str | None) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    iso = f"{y:04d}-{m:02d}-{d:02d}"
    if h is not None and mi is not None:
        hh, mm = int(h), int(mi)
        if ampm:
            pm = ampm.lower().startswith(_PM)
            hh = (hh % 12) + (12 if pm else 0)
        if hh < 24 and mm < 60:
            iso += f"T{hh:02d}:{mm:02d}"
    return iso


_DAY_FIRST = re.compile(r"\b(?:publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|"
                        r"veröffentlicht|aktualisiert|опубликовано|обновлено|diterbitkan|diperbarui|dipublikasikan|"
                        r"gepubliceerd|opublikowano|yayınlanma|güncelleme)\b", re.I)
"""Stamp words of languages that write a date's day before its month ('Publié le 12/03/2024')."""


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in text: (ISO 8601 string, match start, match end), or None.

    >>> find_date("2022. 5. 14. 9:12"), find_date("2022년 5월 14일 오후 3:20"), find_date("2020/03/20")
    (('2022-05-14T09:12', 0, 17), ('2022-05-14T15:20', 0, 20), ('2020-03-20', 0, 10))
    >>> find_date("입력2024.04.16. 오후 2:05")
    ('2024-04-16T14:05', 2, 21)
    >>> find_date("19.jun.2024 às 23h15")[0], find_date("19-Jun-2024")[0]
    ('2024-06-19T23:15', '2024-06-19')
    >>> find_date("03/04/2020") is None, find_date("Publié le 03/04/2020 à 17h00")[0]
    (True, '2020-04-03T17:00')
    """
    if not _YEAR_DIGITS.search(text):
        return None
    best = None
    for pat in _DATE_PATTERNS:
        m = pat.search(text)
        if not m or (best and m.start() >= best[1]):
            continue
        g = m.groupdict()
        if g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            if a > 12 and b <= 12:
                d, mo = a, b
            elif b > 12 and a <= 12:
                d, mo = b, a
            elif _DAY_FIRST.search(text):
                d, mo = a, b  # the stamp is worded in a language that writes the day first
            else:
                continue  # 03/04/2020 could be either; not guessed
        else:
            d = int(g["d"])
            mo = _MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
        iso = _build_iso(int(g["y"]), mo, d, g.get("h"), g.get("mi"), g.get("ampm"))
        if iso:
            best = (iso, m.start(), m.end())
    return best


_LONE_TIME = re.compile(r"\b(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?(?!\d)", re.I)
_SOURCE_TAIL = re.compile(r"(?:来源|來源|出处|出典|source|fuente|fonte|quelle|источник|sumber)\s*[:：]\s*[^\s,;|]{1,30}\s*$",
                          re.I)
"""The source printed after a date: '2025-03-04 10:15 来源：新华网'."""
_AGE = re.compile(r"\b(?:há|hace|vor|il y a)\s+\d{1,2}\s+(?:min\w*|hora?s?|heures?|h|stunden?|tag(?:en)?|dias?|días?|jours?)\b|"
                  r"\b\d{1,2}\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\b", re.I)
"""An age printed beside a date's update: 'Atualizado há 2 horas', 'updated 3 hours ago'."""
_READING = re.compile(r"\b\d{1,3}\s*(?:min|minutes?|mins?)\.?\s*(?:read|de lecture|de lectura|de leitura|Lesezeit)\b|"
                      r"(?:全文)?\d{1,6}\s*文字|(?:最終)?更新\s*[:：]?\s*\d{1,2}/\d{1,2}(?:\s+\d{1,2}:\d{2})?|"
                      r"(?<![\d年])\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}\s*更新", re.I)
"""A reading time or a length printed after a date: 'July 6, 2022, 4:15 AM·2 min read',
'2024/11/18 06:00（最終更新 11/18 09:12） 2487文字'."""
_DATELINE_HEAD = re.compile(r"^\s*(?:(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*\s*){1,3}[-–—|,:]|[\u3040-\u30ff\u4e00-\u9fff]{0,8}(?:新聞|新報|日報|通信|ニュース|タイムズ|放送|テレビ|新闻|日报|晚报|通讯社)\s)\s*$")
_DATE_LINE_MAX = 80  # a date line with its filler is short; longer lines are prose
_HAS_DIGITS = re.compile(r"\d{1,4}\D{0,12}\d{2,4}")


_PLACE_PREFIX = re.compile(r"^\s*(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*\s*){1,3}[-–—|]\s+(?=\w+\s*:?\s*$)")
"""A place before a stamp's word before the date: 'Burgos - ' of 'Burgos - Publicado: 23/01/2025'."""


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def parse_date(line: str) -> str | None:
    """ISO date of a line that is only a date (with filler such as 'Published', weekday, zone).

    >>> parse_date("14/06/2023 06h00  Atualizado há 2 horas"), parse_date("14/06/2023 06h00 com 2 horas")
    ('2023-06-14T06:00', None)
    >>> parse_date("Updated Wed, July 6, 2022, 4:15 AM·2 min read")
    '2022-07-06T04:15'
    >>> parse_date("Burgos - Publicado: 23/01/2025 07:05h | Actualizado: 23/01/2025 11:52h")
    '2025-01-23T07:05'
    >>> parse_date("毎朝新聞 2024/11/18 06:00（最終更新 11/18 09:12） 2487文字")
    '2024-11-18T06:00'
    >>> parse_date("2024年5月21日 18:42（5月21日 21:30更新）")
    '2024-05-21T18:42'
    """
    if len(line) > _DATE_LINE_MAX or not _HAS_DIGITS.search(line):
        return None
    found = find_date(line)
    if not found:
        return None
    iso, a, b = found
    head = line[:a]
    if _DATELINE_HEAD.match(head):
        head = ""  # a place or an outlet before the date: "Madrid - 04 mar 2025 - 10:32 CET"
    elif _PLACE_PREFIX.match(head):
        head = _PLACE_PREFIX.sub("", head)  # ... and before a stamp's word: "Burgos - Publicado: 23/01/2025"
    rest = head + " " + _READING.sub(" ", _AGE.sub(" ", _SOURCE_TAIL.sub(" ", line[b:])))
    for _ in range(2):  # the same date again as its update: "04 marzo 2025 (modifica il 04 marzo 2025 | 12:40)"
        again = find_date(rest)
        if not again:
            break
        rest = rest[:again[1]] + " " + rest[again[2]:]
    # a time printed before the date ("Updated 5:27 am CST, Wednesday, November 20, 2019")
    t = _LONE_TIME.search(rest)
    if t:
        rest = rest[: t.start()] + " " + rest[t.end():]
        if "T" not in iso:
            hh, mm = int(t.group("h")), int(t.group("mi"))
            if t.group("ampm"):
                hh = hh % 12 + (12 if t.group("ampm").lower().startswith("p") else 0)
            if hh < 24 and mm < 60:
                iso += f"T{hh:02d}:{mm:02d}"
    rest = _DATE_FILLER.sub(" ", rest)
    rest = re.sub(r"[\W_]+", " ", rest).strip()
    return iso if not rest else None


# Section names as sites print them above or below a headline.
_SECTIONS = {
    "world", "world news", "news", "politics", "business", "economy", "finance", "markets", "money",
    "sport", "sports", "tech", "technology", "science", "health", "opinion", "opinions", "analysis",
    "comment", "editorial", "entertainment", "culture", "arts", "lifestyle", "life", "travel",
    "europe", "asia", "africa", "americas", "middle east", "asia pacific", "latin america",
    "us", "u.s.", "uk", "china", "russia", "india", "national", "international", "local", "nation",
    "environment", "climate", "education", "society", "media", "defense", "defence", "military",
    "security", "crime", "law", "energy", "autos", "food", "style", "fashion", "music", "movies",
    "film", "books", "games", "gaming", "weather", "investigations", "features", "breaking news",
    "welt", "politik", "wirtschaft", "monde", "politique", "économie", "mundo", "política",
    "economía", "mondo", "politica", "economia", "мир", "политика", "экономика", "общество",
    # the commonest sections of news sites in the other languages the gate covers
    "wissenschaft", "kultur", "ausland", "inland", "panorama", "gesundheit", "reise", "netzwelt", "feuilleton",
    "sciences", "société", "santé", "internacional", "cultura", "ciencia", "deportes", "sociedad",
    "tecnología", "opinión", "salud", "esportes", "ciência", "saúde", "tecnologia", "opinião", "cotidiano",
    "esteri", "cronaca", "scienza", "spettacoli", "salute", "спорт", "культура", "наука", "в мире",
    "происшествия", "технологии", "nasional", "internasional", "olahraga", "teknologi", "hiburan",
    "gaya hidup", "정치", "경제", "사회", "국제", "문화", "스포츠", "연예", "과학", "国内", "国際", "経済",
    "政治", "社会", "スポーツ", "科学", "文化", "国际", "财经", "体育", "科技", "dünya", "ekonomi", "spor",
    "gündem", "siyaset", "سياسة", "اقتصاد", "رياضة", "ثقافة", "عالم",
}
_OUTLET_WORDS = re.compile(
    r"\b(news|times|post|herald|tribune|journal|gazette|daily|agency|press|tv|radio|telegraph|guardian|"
    r"observer|chronicle|mail|express|wire|today|insider|reuters|associated press|afp|network|"
    r"agência|agencia|agenzia|agentur|redação|redacción|rédaction|redazione|redaktion|newsroom|notícias|noticias|"
    r"jornal|diário|diario|zeitung|giornale)\b",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,6}(\s[A-Z][A-Za-z]+)?$")
_AUTHOR = re.compile(
    r"^(?:(?:by|von|par|por|di|(?-i:da)|door|oleh|автор:?|(?:penulis|wartawan|pewarta):?)\s+|(?:author|autor|autorin|auteur|autore|reporter|texto|"
    r"text|текст|yazar|written by)\s*:\s*)(?P<name>[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+(\s+[\w'’.-]+){0,3}"
    r"(\s*(,|and|&|und|et|y|и)\s*[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+(\s+[\w'’.-]+){0,3})*)$",
    re.I,
)
_TAG_LABEL = re.compile(r"^(?:(?:tags?|topics?|keywords?|labels|related topics|filed under|themen|sujets|etiquetas|marcadores|"
                        r"libellés|etichette|темы|теги|ярлыки|assuntos|t[óo]picos|temas|palavras-chave|palabras clave|"
                        r"mots-clés|mots clés|thèmes|schlagw[öo]rter|stichw[öo]rter|argomenti|parole chiave|onderwerpen|"
                        r"trefwoorden|topik|tagi|tematy|słowa kluczowe|etiketler|konular|anahtar kelimeler|"
                        r"タグ|(?:関連)?キーワード|标签|关键词|關鍵字|태그|키워드|관련 ?태그|archivado en|arquivado em|classé sous|"
                        r"abgelegt unter|archiviato in)"
                        r"\s*[:：]|tagged(?: with)?:?)\s*(?P<rest>.+)$", re.I)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


_WORD = re.compile(r"\w[\w'’.-]*")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def looks_like_title(line: str) -> bool:
    """A headline: 3 to 30 words, not ending like a sentence cut or a list.

    >>> looks_like_title("Putin says Russia ready for cooperation with NATO")
    True
    >>> looks_like_title("He said the talks went well, and left.")
    False
    >>> looks_like_title("都内の公立小学校にタブレット配布へ　来年度から"), looks_like_title("都によりますと、費用は都の予算でまかなうということです。")
    (True, False)
    """
    n = _n_words(line)
    if not 3 <= n <= 30 or len(line) > 250:
        return False
    if re.search(r"[.,;:。、！？]$", line) and not line.endswith("..."):
        return False
    return parse_date(line) is None


_HASHTAGS = re.compile(r"^#[^\W\d_][^\s#]*(?:\s+#[^\W\d_][^\s#]*)+$")
"""A line of two or more hashtags and nothing else: a blog's or a social post's tags."""
_HASHTAG = re.compile(r"^#[^\W\d_][^\s#]{0,40}$")
"""A line of one hashtag: a tag, when the line next to it is another."""


def _hashtag_run(lines: Sequence[str], open_idx: list[int], k: int) -> bool:
    """Whether the open line at rank ``k`` (one hashtag) is in a run of two or more that is a post's
    tags: not a list the text announces ("Three hashtags stood out:") nor one with prose under it.

    >>> _hashtag_run(["Text.", "#a", "#b", "Likes"], [0, 1, 2, 3], 1)
    True
    >>> _hashtag_run(["Three stood out:", "#a", "#b", "Each reached millions of people within weeks, the study found."], [0, 1, 2, 3], 1)
    False
    """
    lo = hi = k
    while lo > 0 and _HASHTAG.match(lines[open_idx[lo - 1]]):
        lo -= 1
    while hi + 1 < len(open_idx) and _HASHTAG.match(lines[open_idx[hi + 1]]):
        hi += 1
    if hi == lo:
        return False
    above = lines[open_idx[lo - 1]] if lo > 0 else ""
    below = lines[open_idx[hi + 1]] if hi + 1 < len(open_idx) else ""
    return not above.endswith((":", "：")) and not is_prose(below)


def parse_tags(line: str) -> list[str] | None:
    """Tags of a tag line: 'Tags: a, b' or a bare comma list of 3+ short items.

    >>> parse_tags("borders, NATO, Vladimir Putin, Russia")
    ['borders', 'NATO', 'Vladimir Putin', 'Russia']
    >>> parse_tags("He met Smith, Jones, and Brown in Paris, then flew home.") is None
    True
    >>> parse_tags("Tagged Politics, Elections"), parse_tags("Tagged as a terrorist by the regime, he fled in 2019.")
    (['Politics', 'Elections'], None)
    >>> parse_tags("#제주 #한달살기 #애월"), parse_tags("#1 in the charts")
    (['제주', '한달살기', '애월'], None)
    """
    if line.startswith("#") and _HASHTAGS.match(line):
        return [t[1:] for t in line.split()]
    m = _TAG_LABEL.match(line)
    labelled = bool(m)
    body = m.group("rest") if m else line
    # a label without a colon ("Tagged Politics, Elections") could open a sentence: its items
    # must look like tags
    loose = labelled and not any(c in line[:m.start("rest")] for c in ":：")
    if loose and (re.search(r"[.!?;:]$", line) or any(count_tokens(t) > 4 or len(t) > 40 for t in re.split(r"[,|•]", body))):
        return None
    sep = "," if "," in body else ("|" if "|" in body else ("•" if "•" in body else None))
    if sep is None:
        if re.search(r"[.!?。！？]$", body) and count_tokens(body) > 4:
            return None  # "Temas: a reforma e o teto de gastos dominaram o debate.": a sentence, not one tag
        return [body.strip()] if labelled and body.strip() else None
    items = [t.strip() for t in body.split(sep)]
    if any(not t for t in items):
        return None
    if re.search(r"[.!?。！？]$", body) and any(count_tokens(t) > 4 for t in items):
        return None  # "Temas: a reforma, o teto de gastos e a inflação dominaram o debate.": a sentence
    if not labelled:
        if len(items) < 3 or re.search(r"[.!?;:]$", line):
            return None
        if any(count_tokens(t) > 4 or len(t) > 40 for t in items):
            return None
        if any(re.match(r"(and|or|und|et|y|и)\b", t, re.I) for t in items):
            return None
    return items


_CRUMB_SEP = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
_CRUMB_NAMES = _SECTIONS | {"home", "start"}


def _is_section(line: str) -> str | None:
    # a breadcrumb trail ("Home > World"); split only where a separator is (most lines have none)
    if ">" in line or "»" in line or "›" in line or "/" in line or "|" in line:
        crumbs = _CRUMB_SEP.split(line)
        if all(c.strip().lower() in _CRUMB_NAMES for c in crumbs if c.strip()):
            return crumbs[-1].strip()
    return line if line.lower() in _SECTIONS else None


def _is_outlet(line: str) -> bool:
    if len(line) > 40:  # (before its words are found: most lines asked are longer)
        return False
    words = _words(line)
    if not 1 <= len(words) <= 4 or re.search(r"[.!?,;:]$", line):
        return False
    if words[-1].lower() in _FUNCTION_WORDS:
        return False  # a label that leads to the name ("News provided by")
    return bool(_ACRONYM.match(line) or _OUTLET_WORDS.search(line))


_TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)]*$")
_BYLINE_START = re.compile(r"^((analysis|opinion|commentary|story|text|words|written|posted|reported|reporting|"
                           r"photographs|photos|photography|illustrations?|video|edited)\s+)?"
                           r"(by|von|par|por|di|door|автор:?)\s+\S", re.I)
_STAMP = re.compile(r"\b(published|updated|posted|last updated|\d+\s+(minutes?|hours?|days?)\s+ago)\b", re.I)
_TITLE_WINDOW = 25  # open lines before the first body paragraph searched for the headline


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def _n_words(line: str) -> int:
    """Words of a line; in scripts written without spaces, about two characters a word (as
    classify counts them)."""
    n = count_tokens(line)
    cjk = len(_CJK.findall(line)) if not line.isascii() else 0
    return max(n, cjk // 2)


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def is_prose(line: str) -> bool:
    """A body paragraph: a dozen words or more ending like a sentence.

    >>> is_prose("The council voted on Tuesday to close the old bridge to cars from next spring.")
    True
    >>> is_prose("Council votes to close the old bridge to cars from next spring")
    False
    """
    n = _n_words(line)
    if n < 12 or not _TERMINAL.search(line) or line.endswith(("...", "…")):
        return False  # too short, no sentence end, or a teaser cut short
    return not line.endswith("?") or n > 20  # a short question is a headline's shape


_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for with from by as is are was be it its this that not no than after over into "
    "about how why what who when where will can new says said".split())


def _is_author_names(line: str) -> bool:
    """Two or more names as a byline prints them, without 'By': 'Jane Doe and John Roe Harbour Gazette'.

    >>> _is_author_names("Jane Doe and John R. Roe Harbour Gazette"), _is_author_names("Mayor and Council Agree on Budget")
    (True, False)
    """
    words = line.replace(",", " ").split()
    if not 4 <= len(words) <= 14 or not re.search(r"\s(and|&)\s", line):
        return False
    names = [w for w in words if w not in ("and", "&")]
    return all(w[0].isupper() and w.strip(".").replace(".", "").isalpha() and w.lower() not in _FUNCTION_WORDS
               for w in names)


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the same lines many times
def is_stamp(line: str) -> bool:
    """A byline or date stamp, as printed under a headline: 'By Jane Doe', 'Chris Davies - Nov 19,
    2019, 10:31 pm CST', 'Published 22 hours ago'.

    >>> is_stamp("Chris Davies - Nov 19, 2019, 10:31 pm CST"), is_stamp("Published 22 hours ago")
    (True, True)
    >>> is_stamp("The vote was held on 23 June 2021 in Brussels after a long debate in the chamber.")
    False
    """
    if len(line) > 150 or is_prose(line):
        return False
    if parse_date(line) or _BYLINE_START.match(line) or _is_author_names(line):
        return True
    n = _n_words(line)
    return (n <= 24 and find_date(line) is not None) or (n <= 16 and bool(_STAMP.search(line)))


BYLINE_ABOVE_BODY = 3
"""Open lines above the first body paragraph searched for a byline with its date stamp."""
_BYLINE_SEP = re.compile(r"\s+[|·•/–—-]\s+|,\s+|\s+on\s+")
_STAMP_VERB = re.compile(r"^(?:posted|published|written|updated|story|words|text|reporting)\s+(?=by\s)|"
                         r"^(?:publicado|publicada|escrito|postado|publié|écrit|veröffentlicht|geschrieben|"
                         r"diposting|ditulis)\s+(?=(?:por|par|von|oleh)\s)", re.I)
_TIME_TAIL = re.compile(r"(?:\s+(?:at|às|as|a las|alle|um|à)|\s*[|·•,–—-])\s+\d{1,2}[:.h]\d\d(?:\s*[ap]\.?m\.?)?"
                        r"(?:\s+[A-Z]{2,4})?$", re.I)
"""A time of day after a byline: 'Posted by Jane Doe at 10:21 AM'."""
_BYLINE_WORDS = ("by", "von", "par", "por", "di", "door", "oleh", "автор", "posted", "published", "written", "updated",
                 "story by", "words by", "reporting by", "publicado", "publicada", "escrito", "postado", "publié",
                 "écrit", "geschrieben", "diposting", "ditulis",
                 "author", "autor", "auteur", "penulis", "wartawan", "pewarta", "reporter", "text", "текст", "yazar")


_HANDLE_BYLINE = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+(?: [A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+){1,3})\s*[|·,–—-]?\s*@\w{2,30}$")
"""A byline as a name and its social handle: 'Nishad Rao @nishadrao'."""
_CJK_BYLINE = re.compile(r"^(?:(?P<name>[가-힣]{2,4})\s?기자(?:\s+\S+@\S+)?|[（(]?(?:记者|記者)\s*[:：]?\s*"
                         r"(?P<name2>[\u4e00-\u9fff]{2,4})[)）]?|"
                         r"［(?P<name3>[\u4e00-\u9fff\u3040-\u30ff]{1,6}\s?[\u4e00-\u9fff\u3040-\u30ff]{1,6})[，,、][^］]{1,30}］|"
                         r"(?P<name4>[\u4e00-\u9fff\u3040-\u30ff]{1,6}\s?[\u4e00-\u9fff\u3040-\u30ff]{1,6})\s*[:：]\s*\S{1,20}\s?"
                         rf"(?:{CJK_TRADES})|"
                         r"(?i:text|文|取材・文|執筆者?|編集部|ライター|著者|筆者|記者|作者|글)\s*[:：/／]\s*"
                         r"(?P<name5>[\u4e00-\u9fff\u3040-\u30ff가-힣]{1,6}(?:[ \u3000][\u4e00-\u9fff\u3040-\u30ff]{1,6})?))$")
"""A Korean byline ('김민수 기자', with its e-mail address), a Chinese one ('记者 张伟') or a
Japanese one ('［松本拓也，ITmedia］', '田中 美穂 : 東邦経済 記者')."""
_NOT_NAMES = _FUNCTION_WORDS | {"us", "me", "follow", "find", "join", "tweet", "contact", "message", "like", "our", "your",
                                "any", "all", "no", "far", "now", "some", "design", "default", "contrast", "meet"}


@lru_cache(maxsize=LINE_CACHE)  # a pure function of the line, asked of the head's lines of every document
def _byline_name(line: str) -> str | None:
    """The author of a byline line: 'By Jane Doe', 'Posted by Jane Doe at 10:21 AM' (no date in it).

    >>> _byline_name("Posted by Jane Doe at 10:21 AM"), _byline_name("By admin - 2018-09-16")
    ('Jane Doe', None)
    >>> _byline_name("Penulis Dian Pratiwi | Editor Rizal Hakim"), _byline_name("Tom Ashworth Environment correspondent")
    ('Dian Pratiwi', 'Tom Ashworth')
    >>> _byline_name("Penulis: Siti Rahma"), _byline_name("By the way")
    ('Siti Rahma', None)
    >>> _byline_name("Story by Rebecca Hale"), _byline_name("Photographs by Tom Ortiz")
    ('Rebecca Hale', None)
    >>> _byline_name("Publicado por Lucía Fernández"), _byline_name("Publicado por primera vez en 1999")
    ('Lucía Fernández', None)
    >>> _byline_name("Por Ana Paula Ribeiro — São Paulo"), _byline_name("By Jane Doe | Harbour Gazette")
    ('Ana Paula Ribeiro', 'Jane Doe')
    >>> _byline_name("Carolina Bittencourt, da Horizonte News, em Porto Alegre"), _byline_name("Postado por Bia Moreira às 10:32")
    ('Carolina Bittencourt', 'Bia Moreira')
    >>> _byline_name("김민수 기자"), _byline_name("김민수 기자 minsu@example.co.kr"), _byline_name("（记者 张伟）")
    ('김민수', '김민수', '张伟')
    >>> _byline_name("［松本拓也，ITmedia］"), _byline_name("田中 美穂 : 東邦経済 記者"), _byline_name("Text：杉浦みなみ")
    ('松本拓也', '田中 美穂', '杉浦みなみ')
    >>> _byline_name("Nishad Rao @nishadrao"), _byline_name("Follow Us @harbourgazette")
    ('Nishad Rao', None)
    """
    if "@" in line and (m := _HANDLE_BYLINE.match(line)) and not _NOT_NAMES & set(m.group("name").lower().split()):
        return m.group("name")
    if not line.isascii() and (m := _CJK_BYLINE.match(line)):
        return m.group("name") or m.group("name2") or m.group("name3") or m.group("name4") or m.group("name5")
    if (m := _NAME_TRADE.match(line)) and m.group("name").split()[0].lower() not in _NOT_NAMES \
            and not _OUTLET_WORDS.search(m.group("name")) and not _NAME_AGENCY.search(" " + m.group("name")) \
            and "staff" not in m.group("name").lower():
        return m.group("name")
    if (m := _NAME_OF_OUTLET.match(line)) and m.group("name").split()[0].lower() not in _NOT_NAMES \
            and (_is_outlet(m.group("outlet")) or _OUTLET_WORDS.search(m.group("outlet"))):
        return m.group("name")  # (the outlet must look like one: "Fernando Haddad, da Fazenda, em Brasília" is a caption)
    if not line[:10].lower().startswith(_BYLINE_WORDS) or count_tokens(line) > 12:
        return None
    plain = _TIME_TAIL.sub("", _STAMP_VERB.sub("", line))
    name = _author_name(_PLACE_TAIL.sub("", _AT_PLACE.sub("", plain))) or _author_name(_AT_PLACE.sub("", plain))
    return None if name is None or find_date(name) is not None else name  # a date is no name


_PLACE_TAIL = re.compile(r"\s+[—–|-]\s+[A-ZÀ-ÖØ-ÞА-Я][\w'’.]*(?:\s+[\w'’.]+){0,3}$|"
                         rf",\s+(?:{WRITING_TRADES}|redactora?)\b.{{0,60}}$")
"""A place, an outlet or a trade after a byline's name: 'Por Ana Paula Ribeiro — São Paulo',
'Por Luana Figueiredo - Repórter da Agência Nacional', 'Escrito por Ana Lobato, jornalista ...'."""
_NAME_OF_OUTLET = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?: [A-ZÀ-ÖØ-Þ][\w'’.-]+){1,3}), (?:da|do|de|del|della|du) "
                             r"(?P<outlet>[A-ZÀ-ÖØ-Þ][^,]{1,40}), (?:em|no|na|en|a|in|à) [A-ZÀ-ÖØ-Þ][^,]{1,40}$")
"""A name, its outlet and where it reports from: 'Carolina Bittencourt, da Horizonte News, em Porto Alegre'."""


def _author_name(text: str) -> str | None:
    """The name of a byline ('By Jane Doe', 'Penulis: Siti Rahma'), which starts with a capital:
    'By the way' is none (the pattern is case-blind for its 'By'); a role or an outlet after
    the name is left out ('By Jane Doe, CNN', 'By Jane Doe Staff Writer').

    >>> _author_name("By Jane Doe Business Columnist"), _author_name("By Jane Doe, CNN Business")
    ('Jane Doe', 'Jane Doe')
    >>> _author_name("By HOLLY RAMSEY Associated Press"), _byline_name("By Tom Ridley at Kestrel Park")
    ('Holly Ramsey', 'Tom Ridley')
    >>> _author_name("By Ann Lee, Bob Roe, Cy Poe"), _author_name("By Any Means Necessary")
    ('Ann Lee, Bob Roe, Cy Poe', None)
    """
    m = _AUTHOR.match(text)
    if not m or not m.group("name")[:1].isupper():
        return None
    name = _NAME_OUTLET.sub("", _NAME_AGENCY.sub("", m.group("name")))
    if name.isupper():
        name = name.title()  # 'By HOLLY RAMSEY': the name, not the site's capitals
    bare = _NAME_ROLE.sub("", name)
    name = bare if len(bare.split()) >= 2 else name  # ('By Newsroom Staff' stays whole)
    return name if name.split()[0].lower() not in _NOT_NAMES else None


_FOLLOW_BUTTON = re.compile(r"^(?:\+ ?)?(?:follow|フォロー(?:する)?|seguir|folgen|suivre|segui|팔로우|подписаться|ikuti)$", re.I)
_FOLLOWED_NAME = re.compile(r"^(?P<name>[^\s|｜:：,.!?。][^|｜:：,.!?。]{0,30}?)\s*(?:[|｜].{0,40})?$")


def _followed_name(lines: Sequence[str], i: int) -> str | None:
    """The name on line ``i`` when the next line is a "Follow" button, as blogging platforms
    print their authors (a tagline after a bar is not part of the name).

    >>> _followed_name(["Priya Raman", "Follow"], 0), _followed_name(["ユウキ｜地方移住3年目", "フォロー"], 0)
    ('Priya Raman', 'ユウキ')
    >>> _followed_name(["Priya Raman", "Share"], 0), _followed_name(["It rained all day.", "Follow"], 0)
    (None, None)
    """
    nxt = next((t for t in lines[i + 1:i + 3] if t), None)
    if nxt is None or not _FOLLOW_BUTTON.match(nxt):
        return None
    m = _FOLLOWED_NAME.match(lines[i])
    return m.group("name") if m and len(m.group("name").split()) <= 4 else None


_PLACE_LINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:,? [A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}$")
"""A place or an outlet on its own line between a byline's name and the date ("Brasília",
"BBC News, Cornwall")."""


def _over_date(lines: Sequence[str], open_idx: list[int], k: int, out: dict) -> bool:
    """Whether the open line at rank ``k`` stands over a date line, right above it or with one
    line of a place or an outlet between them.

    >>> _over_date(["Ana Lima", "Brasília", "20/05/2024 18h03"], [0, 1, 2], 0, {2: ("metadata:date", "date-line")})
    True
    >>> _over_date(["Ana Lima", "Os deputados votaram.", "20/05/2024"], [0, 1, 2], 0, {2: ("metadata:date", "date-line")})
    False
    """
    def dated(r: int) -> bool:
        return r < len(open_idx) and out.get(open_idx[r], ("",))[0] == "metadata:date"
    return dated(k + 1) or (k + 1 < len(open_idx) and open_idx[k + 1] not in out
                            and bool(_PLACE_LINE.match(lines[open_idx[k + 1]])) and dated(k + 2))


_PLAIN_NAME = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+){1,2})"
                         r"(?:\s+[-–—|]\s+[\w.-]+(?: [\w.-]+)?)?$")
"""A person's name and nothing else, or with the outlet after it: 'Nadia Okafor', 'Rina Oktaviani - kabarNews'."""
def _uncapped(line: str) -> str:
    """A name printed in capitals, as some sites print bylines, title-cased ("PATRICIA GÓMEZ
    SERRANO" -> "Patricia Gómez Serrano"); any other line as it is.

    >>> _uncapped("PATRICIA GÓMEZ SERRANO"), _uncapped("Jane Doe"), _uncapped("NASA")
    ('Patricia Gómez Serrano', 'Jane Doe', 'NASA')
    """
    return line.title() if line.isupper() and 2 <= line.count(" ") + 1 <= 3 else line


_NAME_AGENCY = re.compile(r",?\s+(?:the associated press|associated press|reuters|afp|ap|dpa|ansa|efe|lusa|bloomberg|"
                          r"bloomberg news|tass|ria novosti|xinhua|kyodo|yonhap)$", re.I)
"""A news agency after a byline's name: 'By HOLLY RAMSEY Associated Press'."""
_AT_PLACE = re.compile(r"\s+(?:at|in)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
"""Where the byline was filed: 'By Tom Ridley at Kestrel Park'."""
_ROLES = r"(?:staff writer|writer|reporter|correspondent|columnist|editor|contributor|photographer|journalist)"
_DESKS = (r"(?:senior|chief|deputy|associate|managing|executive|contributing|special|investigative|national|"
          r"international|foreign|political|politics|business|economics|finance|health|science|technology|tech|"
          r"environment|climate|education|legal|crime|culture|arts|sports?|food|travel|staff)")
_NAME_ROLE = re.compile(rf"(?:,\s*|\s+)(?:{_DESKS}\s+){{0,2}}{_ROLES}$", re.I)
"""A role after a byline's name: 'Staff Writer', 'Business Columnist', 'Environment correspondent'."""
_NAME_TRADE = re.compile(rf"^(?P<name>(?-i:[A-Z][\w'’.-]+ ){{1,2}}?(?-i:[A-Z][\w'’.-]+)),? (?:{_DESKS} ){{0,2}}{_ROLES}$", re.I)
"""A byline without 'By': the name and the trade ('Tom Ashworth Environment correspondent')."""
_NAME_OUTLET = re.compile(r",\s*(?=[^,]*\b[A-Z0-9]*[A-Z]{2,}\b)[^,\s]+(?:\s+[^,\s]+){0,2}$")
"""An outlet after a byline's name, one with a name in capitals: ', CNN Business', ', g1 SP'."""


_DATE_FIRST = re.compile(
    r"^(?:(?:posted|published|written|updated|diposkan|diterbitkan|dipublikasikan|ditulis|publié|publicado|publicada|"
    r"veröffentlicht|geschrieben|pubblicato|scritto)\s+)?(?:(?:on|pada|le|el|em|am|il)\s+)?"
    r"(?P<date>.+?)\s+(?P<by>(?:by|oleh|par|por|von|da)\s+.+)$", re.I)
"""A blog's date-first byline in the words of its platform's common translations."""
_CJK_NAME_DATE = re.compile(r"^(?P<name>[\u4e00-\u9fff々]{2,5})\s?(?P<date>(?:19|20)\d\d\s?年.{3,30})$")
"""A Japanese or Chinese reporter's name run into the date stamp: '佐藤健一2024年3月12日 17時00分'."""


def byline_with_date(line: str) -> tuple[str, str] | None:
    """(author, ISO date) of a byline and its date stamp printed on one line: 'By Jane Doe |
    November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM', or the date first as blogs
    print it: 'Posted on March 14, 2024 by Jane Doe'.

    >>> byline_with_date("By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM")
    ('HNN Staff', '2019-11-18T14:26')
    >>> byline_with_date("By Jane Doe, Nov. 19, 2019"), byline_with_date("Posted by Jane Doe on March 14, 2024")
    (('Jane Doe', '2019-11-19'), ('Jane Doe', '2024-03-14'))
    >>> byline_with_date("Posted on March 14, 2024 by Jane Doe")
    ('Jane Doe', '2024-03-14')
    >>> byline_with_date("Diposkan pada 12 Maret 2021 oleh Ahmad Fauzi")
    ('Ahmad Fauzi', '2021-03-12')
    >>> byline_with_date("Publicado el 3 de mayo de 2020 por Ana García")
    ('Ana García', '2020-05-03')
    >>> byline_with_date("Pubblicato il 12 luglio 2023 da Giulia Ferraro"), byline_with_date("佐藤健一2024年3月12日 17時00分")
    (('Giulia Ferraro', '2023-07-12'), ('佐藤健一', '2024-03-12T17:00'))
    >>> byline_with_date("By the end of November 18, 2019 the talks had failed") is None
    True
    >>> byline_with_date("On March 14, 2024 by a vote of 6 to 3 the council agreed") is None
    True
    >>> byline_with_date("March 14, 2024 by the council") is None
    True
    """
    if len(line) > 150 or is_prose(line):
        return None
    if (m := _CJK_NAME_DATE.match(line)) and (found := find_date(m.group("date"))) and found[1] == 0:
        return m.group("name"), found[0]  # a Japanese or Chinese name run into its date stamp
    if (m := _DATE_FIRST.match(line)) and (name := _author_name(m.group("by"))) and count_tokens(name) <= 6:
        found = find_date(m.group("date"))
        if found and found[1] == 0 and found[2] == len(m.group("date")):
            return name, found[0]
    plain = _STAMP_VERB.sub("", line)
    if not _BYLINE_START.match(plain):
        return None
    for sep in _BYLINE_SEP.finditer(plain):
        m = _AUTHOR.match(plain[:sep.start()])
        if m and count_tokens(m.group("name")) <= 6:
            found = find_date(plain[sep.end():])
            if found and is_stamp(line):
                return m.group("name"), found[0]
    return None


def _body_start(lines: Sequence[str], cand: list[int]) -> int | None:
    """The first body paragraph: a prose line with another prose line among the next five; not
    a paragraph printed again further down (the page's summary above the headline is its lede)."""
    later = {}
    for k, i in enumerate(cand):
        later[lines[i]] = k
    for k, i in enumerate(cand):
        if is_prose(lines[i]) and later[lines[i]] == k and any(is_prose(lines[j]) for j in cand[k + 1:k + 6]):
            return k
    return None


def choose_title(lines: Sequence[str], open_idx: list[int], out: dict, head: list[int], rank: dict[int, int],
                 k0: int | None, contents: set[int]) -> int | None:
    """Index of the headline: among headline-shaped lines of the head and of the lines just before
    the first body paragraph, the one with the most evidence of being the headline.

    Evidence for: a byline or date stamp just below it, the body starting soon after, the line
    printed twice (scrapes often hold the headline twice), a headline's length, a byline or date
    printed above it. Against: fewer than four words, more than twenty, sitting inside a run of
    short lines (a menu or a list of sections) or of headline-shaped lines (a list of other
    stories), the label of a control ("Click to ...", "Share"). Ties go to the earliest line.

    ``open_idx`` are the page's open lines (lines already lifted, a date line, still count as
    neighbours), ``rank`` their ranks, ``k0`` the rank of the first body paragraph
    (:func:`_body_start`) and ``contents`` the entries of the page's tables of contents: facts
    of the page that :func:`lift_metadata` finds once.

    >>> lines = ["Home", "Sections", "Contact Us", "Sport", "Council approves the new harbour flood barrier",
    ...          "By Jane Doe", "The council approved the barrier on Tuesday after years of debate, officials said.",
    ...          "Work starts in the spring and should end within two years, the mayor told reporters."]
    >>> cand = list(range(len(lines)))
    >>> lines[choose_title(lines, cand, {}, cand, {i: i for i in cand}, _body_start(lines, cand), set())]
    'Council approves the new harbour flood barrier'
    """
    cand = open_idx
    if not cand:
        return None
    pool = set(head)
    if k0 is not None:
        pool |= set(cand[max(0, k0 - _TITLE_WINDOW):k0])
    # and the lines above the first prose line, when a box (a verdict, a table of contents) stands
    # between the headline and the body
    first = next((k for k, i in enumerate(cand[:k0]) if is_prose(lines[i])), None)
    if first is not None:
        pool |= set(cand[max(0, first - _TITLE_WINDOW // 2):first])
    scores = title_scores(lines, cand, out, sorted(pool), k0, rank, contents)
    return max(scores, key=lambda i: (scores[i], -i)) if scores else None


_CONTROL = re.compile(
    r"\b(click|tap)\s+(here|to|for)\b|\(?opens in (a )?new (window|tab)\)?|"
    r"^(print|share|e-?mail|subscribe|sign in|sign up|log ?in|enter|submit|download|follow us|skip|jump|"
    r"back to|go to|continue to|send us)\b",
    re.I,
)


_COUNTER = re.compile(r"^\d[\d.,\s]*(?:тыс\.?|млн\.?|[kKmM]|mil|mi|rb|만|천|万)?\s*[^\W\d_]+\.?$")
_SERIES = re.compile(r"^(?:連載|シリーズ|特集|series|serie|série)\s*[:：]|(?:第\d+回|\(\d+/\d+\)|part \d+ of \d+)$", re.I)
"""A series label ("連載：老いるニュータウン　第3回", "Series: ... (2/5)")."""
_FRAGMENT = re.compile(r"\s[/|›»>]$|^(?:[A-ZÀ-ÖØ-Þ] ){2,}[A-ZÀ-ÖØ-Þ](?:\s|$)")
"""A piece of a breadcrumb, its separator last ("NATIONAL /"), or capitals spaced out as a logo
prints them ("T R D NATIONAL"; not Korean syllables, "한 중 일 정상회의", nor "A a Z da reforma")."""
_CREDIT = re.compile(
    r"^(?:(?:medically |expert[- ])?reviewed|fact[- ]checked|edited|written|reported|photographs?|photographed|"
    r"illustrat(?:ed|ions?)|produced|verified|revisado|editado|escrito|revisto|redigido|verificado) (?:by|por)\b",
    re.I,
)
"""A credit line under a headline ("Reviewed by Jenna Price, licensed contractor"): never the headline."""


_TWO_SENTENCES = re.compile(r"[a-zß-ÿа-я]{3}\.\s+[\"“«‘']?[A-ZÀ-ÖØ-ÞА-Я]")
"""A sentence's end followed by another sentence: 'Piogge previste fino a domani sera. Il sindaco: ...'."""


def title_scores(lines: Sequence[str], cand: list[int], out: dict, pool: list[int], k0: int | None,
                 pos: dict[int, int], contents: set[int]) -> dict[int, int]:
    """{line index: evidence score} of the headline-shaped lines of pool (see choose_title)."""
    counts = Counter(lines)  # (a copy a rule took counts too: the headline in a list of the latest posts)
    first: dict[str, int] = {}
    for i in cand:
        first.setdefault(lines[i], i)
    scores = {}
    for i in pool:
        line = lines[i]
        if i in out or _AUTHOR.match(line) or _CREDIT.match(line) or not looks_like_title(line) or is_stamp(line) \
                or _followed_name(lines, i) or (_NAME_OF_OUTLET.match(line) and _byline_name(line)):
            continue
        k = pos.get(i)
        if k is None or k == len(cand) - 1:
            continue  # no body after it
        if k0 is not None and k >= k0:
            continue
        n = _n_words(line)
        score = 0
        if n < 4:
            score -= 2
        elif 6 <= n <= 20:
            score += 1
        elif n > 20:
            score -= 1  # longer than headlines are: a caption or a teaser
        after = [lines[j] for j in cand[k + 1:k + 4]]
        if any(is_stamp(a) for a in after):
            score += 2 + is_stamp(after[0])  # most when right below it
        if 4 <= n <= 20 and counts[line] >= 2 and first[line] == i:
            score += 2  # the headline printed twice: its first copy (a repeat removes the second)
        if k0 is not None and k0 - k <= 4:
            score += 1
        prev = lines[cand[k - 1]] if k > 0 else None
        nxt = lines[cand[k + 1]]
        if prev is not None and (is_stamp(prev) or _is_section(prev)):
            score += 1  # a byline or date printed above it, or the section's label (a kicker)
        short = lambda s: s is not None and _n_words(s) <= 3 and not is_stamp(s)
        if short(prev) and short(nxt) and n <= 5:
            score -= 2  # an item of a menu
        if _CONTROL.search(line) or i in contents:
            score -= 3  # the label of a control (a button, a link, a form field), or of a contents list
        if _COUNTER.match(line):
            score -= 3  # a counter ("12,4 тыс. подписчиков", "2.3K Followers")
        if _is_outlet(line):
            score -= 2  # the outlet's name in the masthead
        if _SERIES.search(line):
            score -= 2  # the label of a series the story belongs to, a kicker over its headline
        if _FRAGMENT.search(line):
            score -= 3  # a breadcrumb's piece or a spaced-out logo
        if ". " in line and _TWO_SENTENCES.search(line):
            score -= 1  # two sentences: a standfirst, not a headline
        if n >= 10 and prev is not None and 4 <= _n_words(prev) and n >= 1.5 * _n_words(prev) \
                and looks_like_title(prev) and not is_stamp(prev) and not _CONTROL.search(prev):
            score -= 1  # far longer than the headline-shaped line above it: the standfirst under it
        listed = lambda s: s is not None and s != line and looks_like_title(s) and not is_stamp(s) \
            and not _CONTROL.search(s)
        dek = k + 2 < len(cand) and is_stamp(lines[cand[k + 2]])  # the line under it is over the stamp: a standfirst
        if listed(prev) and listed(nxt) and not dek:
            score -= 1  # an item of a list of headlines (other stories)
        scores[i] = score
    return scores


_LAST_JOINED = re.compile(r"[,，、]\s*[^,，、]+?\s(?:and|y|e|et|und|i|ve|dan|en|и|ed|och|og|a)\s[^,，、]+$", re.I)
"""A list whose last two items a conjunction joins, as a sentence writes it ("vivienda, empleo y
sanidad"); tag lists separate every item alike."""


def _enumeration_in_prose(lines: Sequence[str], open_idx: list[int], k: int) -> bool:
    """Whether the k-th open line, a labelled list, is the article's own: a paragraph right above
    and right below it, and its last two items joined by a conjunction.

    >>> lines = ["The debate ran for three hours and each of the five candidates spoke in turn.",
    ...          "Topics: housing, jobs and health",
    ...          "The opposition candidate spoke mostly about hospital waiting lists and rising rents."]
    >>> _enumeration_in_prose(lines, [0, 1, 2], 1), _enumeration_in_prose(["Tags: housing, jobs, health"], [0], 0)
    (True, False)
    """
    if not 0 < k < len(open_idx) - 1 or not _LAST_JOINED.search(lines[open_idx[k]]):
        return False
    return is_prose(lines[open_idx[k - 1]]) and is_prose(lines[open_idx[k + 1]])


_BYLINE_LABEL = re.compile(
    r"^(?:(?:article|texte|text|story|words|reportage|artigo|art[íi]culo|articolo|artikel|beitrag) )?"
    r"(?:(?:rédigé|écrit|written|reported|escrito|redigido|scritto|geschrieben|verfasst|publié|publicado|pubblicato) )?"
    r"(?:par|by|por|von|di|door)\s*:?$", re.I)
"""A byline's label on a line of its own, the name under it: "Article rédigé par", "Written by"."""


_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+(?P<sep>\||[-–—])\s+(?P<site>[^|–—]+)$")


def strip_site_name(title: str) -> str:
    """A headline without a site-name suffix ('Title | Outlet', 'Title - Outlet News').

    >>> strip_site_name("Council approves flood barrier | Harbour Gazette")
    'Council approves flood barrier'
    >>> strip_site_name("Criminal for Russia to allow NATO move into Ukraine – Putin")
    'Criminal for Russia to allow NATO move into Ukraine – Putin'
    """
    m = _SITE_SUFFIX.match(title)
    if not m:
        return title
    site, rest = m.group("site").strip(), m.group("title").strip()
    named = _is_outlet(site) or (m.group("sep") == "|" and 1 <= count_tokens(site) <= 4)
    return rest if named and looks_like_title(rest) else title


def _comments_start(lines: Sequence[str], decided: dict[int, tuple[str, str]]) -> int:
    """The first comment prompt after two prose lines of the article, or ``len(lines)``."""
    prose = 0
    for i, t in enumerate(lines):
        if prose >= 2 and decided.get(i, ("",))[0] == "comment-prompt":
            return i
        prose += bool(t) and i not in decided and is_prose(t)
    return len(lines)


STAMP_AFTER_BODY = 3
"""A date line with a time refines a date line of the same day without one above it only before
the first body paragraph or at most this many lines after it (the story's stamp under the
masthead's date, next to a standfirst; not a comment's date under the article)."""
BYLINE_UNDER_TITLE = 5
"""A byline or a section name is looked for in the head, and from two lines above the headline to
this many lines under it."""


def lift_metadata(
    lines: Sequence[str], decided: dict[int, tuple[str, str]], head_lines: int = 12
) -> tuple[dict, dict[int, tuple[str, str]]]:
    """Find metadata lines among the undecided ones: (fields, {line index: (reason, rule)}).

    >>> meta, out = lift_metadata(["Headline about the summit today", "World", "8 Dec, 2021 14:34",
    ...     "Body paragraph one is long enough.", "Body two.", "nato, russia, summit"], {})
    >>> meta["title"], meta["section"], meta["date"], meta["tags"]
    ('Headline about the summit today', 'World', '2021-12-08T14:34', ['nato', 'russia', 'summit'])
    >>> sorted(out.items())[0]
    (0, ('metadata:title', 'headline'))
    """
    meta: dict = {"title": None, "date": None, "author": None, "outlet": None, "section": None, "tags": []}
    out: dict[int, tuple[str, str]] = {}
    open_idx = [i for i, t in enumerate(lines) if t and i not in decided]
    head = open_idx[:head_lines]
    # facts of the page that the searches below share, found once
    rank = {i: k for k, i in enumerate(open_idx)}
    k0 = _body_start(lines, open_idx)  # the first body paragraph, a rank of open_idx
    # the entries of a table of contents, up to a line of prose (each names a section further down)
    contents = contents_entries(lines, lambda j: _n_words(lines[j]) > 10 or lines[j].endswith((".", "!")))

    # Dates: a line that is only a date, anywhere (the first found is the publication date; not
    # one under a comment prompt that follows the article's prose: a comment's date).
    comments = None  # found when a date line past the head asks for it (most have none)
    date_line = None
    stamp_end = -1 if k0 is None else k0 + STAMP_AFTER_BODY  # the last rank for the story's stamp
    for k, i in enumerate(open_idx):
        iso = parse_date(lines[i])
        if iso:
            out[i] = ("metadata:date", "date-line")
            if i not in head:
                comments = _comments_start(lines, decided) if comments is None else comments
                if i > comments:
                    continue
            if meta["date"] is None or (i in head and date_line not in head):
                meta["date"], date_line = iso, i
            elif "T" in iso and "T" not in meta["date"] and iso.startswith(meta["date"]) and k <= stamp_end:
                meta["date"] = iso  # the story's stamp, the same day with its time, under the masthead's date

    # Title: the best-supported headline-shaped line before the body (see choose_title).
    title_i = choose_title(lines, open_idx, out, head, rank, k0, contents)
    if title_i is not None:
        meta["title"] = strip_site_name(lines[title_i])
        out[title_i] = ("metadata:title", "headline")

    # Section, outlet, author: short lines in the head, near the headline; a byline printed
    # with its date stamp also just above the first body paragraph.
    free = [i for i in open_idx if i not in out]
    k_free = _body_start(lines, free)  # (among the lines still free: the title and date lines no longer count)
    above_body = [i for i in free[max(0, k_free - BYLINE_ABOVE_BODY):k_free] if i not in head] if k_free else []
    for i in above_body:
        if meta["author"] is None and (dated := byline_with_date(lines[i])):
            meta["author"] = dated[0]
            if meta["date"] is None:
                meta["date"] = dated[1]
            out[i] = ("metadata:author", "byline-date")
    # (the lines under a headline that a long menu pushed out of the head are searched too)
    under_title = open_idx[max(0, rank[title_i] - 2):rank[title_i] + BYLINE_UNDER_TITLE + 1] if title_i is not None else []
    for i in dict.fromkeys(head + under_title):
        if i in out:
            continue
        near = title_i is None or abs(rank[i] - rank[title_i]) <= 4
        line = lines[i]
        if meta["author"] is None and (name := _byline_name(line)):
            meta["author"] = name
            out[i] = ("metadata:author", "byline")
        elif meta["author"] is None and _BYLINE_LABEL.match(line) and rank[i] + 1 < len(open_idx) \
                and (name := _byline_name("By " + lines[open_idx[rank[i] + 1]])):
            meta["author"] = name  # "Article rédigé par" over "Julien Marchal - France Bleu": one byline
            out[i] = out[open_idx[rank[i] + 1]] = ("metadata:author", "byline")
        elif meta["author"] is None and (dated := byline_with_date(line)):
            meta["author"] = dated[0]
            if meta["date"] is None or (date_line not in head and date_line not in under_title):
                meta["date"] = dated[1]  # (over a date further down the page: a comment's)
            out[i] = ("metadata:author", "byline-date")
        elif near and meta["section"] is None and (sec := _is_section(line)):
            meta["section"] = sec
            out[i] = ("metadata:section", "section-name")
        elif near and meta["outlet"] is None and _is_outlet(line):
            meta["outlet"] = line
            out[i] = ("metadata:outlet", "outlet-name")
        elif meta["author"] is None and title_i is not None and 0 < rank[i] - rank[title_i] <= 3 and \
                (m := _PLAIN_NAME.match(_uncapped(line))) and line.split()[0].lower() not in _NOT_NAMES and \
                not _is_outlet(line) and not _NAME_AGENCY.search(" " + line) and not _OUTLET_WORDS.search(line) and \
                _over_date(lines, open_idx, rank[i], out):
            meta["author"] = m.group("name")  # a name alone under the headline, over the date: the byline
            out[i] = ("metadata:author", "byline")
        elif meta["author"] is None and (name := _followed_name(lines, i)):
            meta["author"] = name  # a name over its "Follow" button (a blogging platform's byline)
            out[i] = ("metadata:author", "byline")

    # Tags: a labelled tag line anywhere, or a bare list among the last lines.
    tail = [i for i in open_idx if i not in out][-3:]
    for k, i in enumerate(open_idx):
        if i in out:
            continue
        labelled = bool(_TAG_LABEL.match(lines[i]) or _HASHTAGS.match(lines[i]))
        if labelled and _enumeration_in_prose(lines, open_idx, k):
            continue  # "Temas: vivienda, empleo y sanidad" between two paragraphs: the article's own list
        if (labelled or i in tail) and (tags := parse_tags(lines[i])):
            meta["tags"].extend(t for t in tags if t not in meta["tags"])
            out[i] = ("metadata:tags", "tag-list")
        elif _HASHTAG.match(lines[i]) and _hashtag_run(lines, open_idx, k):
            if lines[i][1:] not in meta["tags"]:
                meta["tags"].append(lines[i][1:])  # a run of hashtags, one a line
            out[i] = ("metadata:tags", "tag-list")
    return meta, out
