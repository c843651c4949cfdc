"""Rules for media residue: player controls and time codes, gallery counters, photo credits.

A caption is only removed when it carries a credit marker ("FILE PHOTO:", "(Image: ...)",
"REUTERS/Name", "Photo: ..."); a plain descriptive caption is left to the line statistics, since
some outlets treat captions as part of the story.
"""
from __future__ import annotations

import re

from . import LineContext, rule

_TIMECODE = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{1,2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{1,2})?$")
_PLAYER = re.compile(
    r"^(?:play(?: video| audio| now)?|pause|mute|unmute|volume|replay|now playing|up next|"
    r"autoplay|(?:exit )?full ?screen|duration|current time|watch(?: now| video| again)?|"
    r"video duration \d{1,2}(?::\d\d){1,2}|press play to listen to this (?:article|story|episode)|"
    r"listen to this (?:article|story)\W+(?:\d+(?::\d\d)? ?min(?:utes)?\W*)?(?:learn more)?|"
    r"video|videos|audio|podcasts?|listen(?: now| to this (?:article|story))?|"
    r"(?:this|the) video (?:is|has been) (?:unavailable|removed)|video (?:unavailable|player)|"
    r"loading (?:video|player)|playback (?:speed|rate)|captions?|subtitles|settings|"
    r"your browser does not support (?:the )?(?:video|audio)(?: (?:tag|element))?\.?|"
    r"media playback is (?:unsupported|not supported) on your device|scroll down for (?:the )?video|"
    r"watch the (?:full )?video (?:above|below)\.?|"
    r"(?:\d+ )?(?:photos?|images?|slides?)|(?:photo|image|slide) \d+ (?:of|/) \d+|\d+ ?/ ?\d+|"
    r"(?:view|open|launch|see) (?:the )?(?:gallery|slideshow|photos?)|gallery|slideshow|"
    r"reproduzir|assistir|vídeo|guarda(?: il)? video|riproduci|abspielen|видео|смотреть|동영상|재생|"
    r"ou[çv]a (?:este|esta|o|a) (?:artigo|not[íi]cia|mat[ée]ria|reportagem|texto)|"
    r"ouvir (?:(?:este|esta|o|a) )?(?:artigo|not[íi]cia|mat[ée]ria|reportagem|texto)|"
    r"escuch(?:ar|a|e) (?:este|esta|el|la) (?:art[íi]culo|noticia)|[ée]couter (?:cet|l['’]) ?article|"
    r"(?:artikel|beitrag|text) (?:anhören|vorlesen(?: lassen)?)|vorlesen|ascolta (?:l['’]|questo )(?:articolo)|"
    r"luister naar (?:dit|het) artikel|dengarkan (?:artikel|berita) ini|слушать (?:статью|новость|материал)|"
    r"posłuchaj (?:artykułu|tego artykułu)|haberi dinle|(?:この)?記事を(?:音声で)?(?:聞く|聴く)|音声で(?:聞く|聴く)|"
    r"收听本文|听文章|기사 ?듣기|"
    r"assista ao v[íi]deo|ver (?:el )?v[íi]deo|lire la vid[ée]o|video abspielen|bekijk de video|tonton video|"
    r"смотреть видео|odtwórz (?:wideo|film)|videoyu izle|動画を再生|播放视频|동영상 ?재생)$",
    re.I,
)


@rule("player-residue", "media-player", max_len=70, context=True,
      shape=lambda t: bool(_TIMECODE.match(t) or _PLAYER.match(t)))
def player_residue(ctx: LineContext) -> bool:
    """Time codes and player or gallery controls; a media word ("Podcasts", "Video") only when a
    time code or another control is next to it, since alone it may be a section name.

    >>> lines = ["Podcasts", "0:00", "14:40"]
    >>> [player_residue(LineContext(lines, i)) for i in range(3)]
    [True, True, True]
    >>> player_residue(LineContext(["Slide 3 of 12"], 0))
    True
    >>> player_residue(LineContext(["Video", "Putin says Russia is ready for talks."], 0))
    False
    >>> player_residue(LineContext(["The 14:40 train to Leeds was late."], 0))
    False
    """
    t = ctx.text
    if _TIMECODE.match(t):
        return True
    if not _PLAYER.match(t):
        return False
    if (" " in t or (len(t) >= 4 and t[0] >= "\u3040")) and t.lower() not in _SINGLE_MEDIA_WORDS:
        return True  # a control of more than one word ("Play video", "動画を再生": no spaces in Japanese)
    for step in (-1, 1):
        n = ctx.neighbour(step)
        if n is not None and len(n) <= 70 and (_TIMECODE.match(n) or _PLAYER.match(n)):
            return True
    return False


_SINGLE_MEDIA_WORDS = {"video", "videos", "audio", "podcast", "podcasts", "gallery", "photos"}

_CREDIT = re.compile(
    r"(?:^(?:file )?photo:|^(?:photo|image|picture|foto|photograph|credit|source|illustration|graphic)s?(?: credit)?\s*[:©]"
    r"|\((?:photo|image|picture|foto|photograph|credit|pictured)s?(?: credit)?\s*[:©][^)]{1,80}\)\s*$"
    r"|\b(?:photo|image|picture)s?(?: credit)?\s*:\s*[A-Z][^.]{0,60}$"
    r"|\b(?:reuters|afp|ap|epa|getty|xinhua|anadolu|dpa|ansa|tass|efe|ria novosti)/[A-Z][\w.]+(?: [A-Z][\w.]+){0,3}\s*$"
    r"|\((?:photo|image)s? (?:by|courtesy(?: of)?|via) [^)]{1,80}\)\s*$"
    r"|^(?:image|media) (?:copyright|caption)\b|\bgetty images(?: for [\w ]+)?\s*\)?\s*$"
    r"|\bcredits?\s*:\s*[^.]{2,60}$"
    r"|\((?:ap|afp|ap photo|reuters|epa)?\s*(?:photo|foto|image)s?\s*/\s*[^)]{2,80}\)\s*$"

    r"|^(?:©|\(c\))\s*[A-Z][\w.]+(?: [A-Z][\w.]+){0,3}(?:/[\w ]+)?\s+[A-Z]"
    r"|\b(?:foto|imagem|immagine|bild|фото|사진)\s*[:=]\s*\S[^.]{0,60}$"
    # the labels of other languages only where a credit line starts ("o governo ampliou as linhas
    # de crédito: R$ 10 bilhões" is a sentence; "crédito" alone is a loan)
    r"|^(?:fotografia|fotograf[íi]a|fotoğraf|imagen|beeld|zdjęcie|cr[ée]dito?s? (?:da|de la|de) (?:foto|imagem|imagen)|"
    r"crédit(?:s)? photo)\s*[:=]\s*\S[^.]{0,60}$"
    r"|^fot\.\s*[^\W\d_][^.]{0,40}$"
    r"|^[（(]?写真はイメージ(?:です)?。?[)）]?(?:\s*[（(][^）)]{1,40}[)）])?$"
    r"|(?:写真|画像|提供)\s*[:=：＝]\s*\S[^。]{0,40}[)）]?$|^(?:图片来源|图片|图|圖)\s*[:：]\s*\S[^。]{0,40}[)）]?$"
    r"|^[©ⓒ]\s*(?!\d)(?!.*\b(?:19|20)\d\d\b)(?!.*\b(?:rights|reserved|copyright)\b)[^\W\d_][^.!?]{1,40}$"
    r"|[.!?]['\"’”]?\s+(?:getty(?: images)?|ap(?: photo)?|afp|reuters|epa|shutterstock|istock(?:photo)?|alamy)"
    r"(?:\s*/\s*[\w.' ]{2,40})?$"
    r"|^(?:photos?|images?|pictures?) (?:by|courtesy of|via) [^.!?,;]{2,60}$"
    r"|[.!?]['\"’”]?\s+(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s*[|/]\s*){1,2}(?:getty(?: images)?|ap|afp|reuters|"
    r"epa|shutterstock|istock|alamy|bloomberg)\s*$"
    r"|\bcredit(?:\.\.\.|…)\s*\S"
    r"|[.!?]['\"’”]?\s+\(source\s*:\s*[^)]{1,40}\)$)",
    re.I,
)
# a caption's "less" / "more" toggle after its credit: "(AP Photo/Name) less"
_TOGGLE = re.compile(r"(?<=\))\s+(?:less|more)$", re.I)


# every credit pattern contains one of these
_CREDIT_GATE = ("photo", "image", "picture", "foto", "credit", "source", "/", "caption", "copyright", "getty", "©",
                "illustration", "graphic",
                "(c)", "imagem", "immagine", "bild", "фото", "사진", " ap", "afp", "reuters", "epa", "shutterstock",
                "istock", "alamy", "写真", "画像", "提供", "crédit", "imagen", "beeld", "zdjęcie", "fot.", "图", "圖")


_SOCIAL_EMBED = re.compile(
    r"^(?:view this (?:post|photo|video|profile) on (?:instagram|facebook|tiktok|x|twitter)|"
    r"ver (?:essa|esta|este) (?:foto|publica[çc][ãa]o|post|v[íi]deo) (?:no|en) instagram|"
    r"visualizza questo post su instagram|voir cette publication sur instagram|"
    r"dieses (?:foto|video|beitrag) auf instagram (?:ansehen|anzeigen)|"
    r"(?:a post|um post|una publicaci[óo]n|un post|une publication|ein beitrag) "
    r"(?:shared by|compartilhado por|compartida por|condiviso da|partagée par|geteilt von) .{1,60}"
    r"|watch on youtube|assistir no youtube|ver en youtube)\.?$",
    re.I,
)


@rule("social-embed", "media-player", max_len=140,
      gate=("instagram", "facebook", "tiktok", "twitter", "youtube", " by ", " por ", " da ", " par ", " von "))
def social_embed(ctx: LineContext) -> bool:
    """What an embedded social post leaves in the text: its "View this post on Instagram" link
    and its "A post shared by Name (@handle)" signature, in the languages the embed speaks.

    >>> social_embed(LineContext(["Ver essa foto no Instagram"], 0)), social_embed(LineContext(["A post shared by Camila Rocha (@camilarocha)"], 0))
    (True, True)
    >>> social_embed(LineContext(["A post shared by thousands of users went viral on Monday, police said."], 0))
    False
    """
    m = _SOCIAL_EMBED.match(ctx.text)
    return bool(m) and (not ctx.low.startswith(("a post", "um post", "una ", "un post", "une ", "ein "))
                        or ctx.text.rstrip(".").endswith(")"))


@rule("photo-credit", "caption", max_len=400, gate=_CREDIT_GATE)
def photo_credit(ctx: LineContext) -> bool:
    """A caption that carries a photo credit, or a bare credit line.

    >>> photo_credit(LineContext(["FILE PHOTO: Traders work on the floor of the NYSE. REUTERS/Brendan McDermid"], 0))
    True
    >>> photo_credit(LineContext(["Protesters have worn masks to protect their identities (Image: GETTY )"], 0))
    True
    >>> photo_credit(LineContext(["Fleas live on rodents. ( STEVE SMITH/SCIENCE PHOTO LIBRARY)"], 0))
    True
    >>> photo_credit(LineContext(["Patients were treated at the hospital Credit: EPA"], 0))
    True
    >>> photo_credit(LineContext(["A stock image of a woman holding a joint. Researchers looked at its use. Getty"], 0))
    True
    >>> photo_credit(LineContext(["Players shake hands after the game. The Islanders won 5-4. (AP Photo/Gene Roe) less"], 0))
    True
    >>> photo_credit(LineContext(["Trump asked voters for a big win. He didn’t get it. Credit... Jane Roe/The Example Times"], 0))
    True
    >>> photo_credit(LineContext(["The road to retiring early isn't easy. Jane Roe/Getty"], 0))
    True
    >>> photo_credit(LineContext(["The first global geologic map of Titan. ( NASA/JPL-Caltech/ASU )"], 0))
    True
    >>> photo_credit(LineContext(["Photo by Jane Roe on Unsplash"], 0))
    True
    >>> photo_credit(LineContext(["The clinic treats patients who use cannabis (medical/recreational)"], 0))
    False
    >>> photo_credit(LineContext(["Photo by photo, the exhibition tells the story of the war"], 0))
    False
    >>> photo_credit(LineContext(["© Sputnik / Jane Roe"], 0)), photo_credit(LineContext(["© 2019 Example Media"], 0))
    (True, False)
    >>> photo_credit(LineContext(["Putin addresses the conference via video link, June 23, 2021. /Reuters"], 0))
    False
    >>> photo_credit(LineContext(["The photo shows the minister leaving the building, according to Reuters."], 0))
    False
    >>> photo_credit(LineContext(["The story was first reported by the AP"], 0))
    False
    >>> photo_credit(LineContext(["Crews work on the break on Tuesday. (Source: WXYZ)"], 0))
    True
    >>> photo_credit(LineContext(["Sales rose by five percent last year (Source: Eurostat)."], 0))
    False
    """
    t = _TOGGLE.sub("", ctx.text)
    return bool(_CREDIT.search(t) or _CAPS_CREDIT.search(t) or _CREDIT_NAMED.match(t))


_CREDIT_NAMED = re.compile(r"^(?i:cr[ée]dito?s?|crédits?)\s*:\s*[A-ZÀ-ÖØ-Þ][^.]{0,50}$")
"""'Crédito: Divulgação': the bare label only before a name (a capital), since 'crédito' is a loan
too ('Créditos: o que muda para quem tem financiamento')."""


# "( PHOTOGRAPHER/AGENCY)" in capitals at the end of a caption, or names run together with
# slashes, one of them in capitals: "( NASA/JPL-Caltech/ASU )" (case-sensitive on purpose)
_CAPS_CREDIT = re.compile(r"\(\s*[A-Z][A-Z.\- ]{2,}/[A-Z][A-Z.\- ]{2,}\)\s*$"
                          r"|\(\s*(?=[^)]*\b[A-Z]{2,}\b)[A-Z][\w.-]*(?:\s*/\s*[A-Z][\w.-]*)+\s*\)\s*$")


# The opening of a news-agency caption: "In this Nov. 10, 2019, photo, ...", "This undated
# image shows ...", "FILE - In this ..."
_CAPTION_OPENING = re.compile(
    r"^(?:(?:video|watch|photos?|gallery|slideshow)\s*:\s+\S|【(?:写真|動画|画像|図解|グラフ|図表)[^】]{0,6}】|"
    r"\[(?:사진|영상|포토)\]|▲\s*\S|"
    r"(?:an?|the) (?:artist'?s|artist’s|stock|file|handout|undated|satellite) (?:illustration|concept|impression|"
    r"rendering|image|photo|photograph|picture) (?:of|shows)\b|"
    r"(?:file\s*[-–—:]\s*)?(?:in )?this (?:\S+ ){0,6}?(?:file )?(?:photo|image|picture|photograph|"
    r"handout|screenshot|screen grab|video still|still image|illustration|rendering|artist's (?:concept|impression)|"
    r"graphic|diagram|satellite image)\b(?:,| (?:shows|released|provided|taken|made|"
    r"posted|from|by|of|courtesy)))",
    re.I,
)
# A bare credit on its own line, right under the caption it belongs to.
_BARE_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|foto|photograph|credit|bild|фото|imagem|immagine)s?(?: credit)?\s*[:©]"
    r"(?:[^.]|\.(?=\S| [A-Z]))"  # initials may hold a dot ("H.W. Chiu", "K. Retherford")
    r"{1,80}\)?"
    r"|©\s*(?!(?:\d{4}\b|riproduzione|all rights|tous droits|todos los derechos|alle rechte|todos os direitos|"
    r"все права|hak cipta|copyright))\S[^.]{0,60}"
    r"|(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s*[|/]\s*){1,3}(?:getty images|ap|afp|reuters|epa|"
    r"shutterstock|istock|alamy|bloomberg|nasa|ap photo|afp via getty images))$",
    re.I,
)
"""A credit alone on a line: "Photo: Name, Agency", "© Name", "Name | Bloomberg | Getty Images"."""


@rule("caption", "caption", max_len=400, context=True)
def caption(ctx: LineContext) -> bool:
    """A photo caption: opened the way agencies open captions ("In this ... photo, ..."), or
    a line right above a bare credit line ("Photo: Name, Agency").

    >>> caption(LineContext(["In this Sunday, Nov. 10, 2019, photograph, unsold cars sit at a dealership."], 0))
    True
    >>> caption(LineContext(["This Acme Corp. illustration shows a concept of the company's lander."], 0))
    True
    >>> caption(LineContext(["An artist's illustration of a plume of water vapor on Europa."], 0))
    True
    >>> caption(LineContext(["The president waves at the air show on Monday.", "Jane Roe | Bloomberg | Getty Images"], 0))
    True
    >>> caption(LineContext(["LeBron James dunks on Tuesday.", "LeBron James dunks on Tuesday.", "Photo: Ringo H.W. Chiu, AP"], 0))
    True
    >>> caption(LineContext(["The ministers shake hands in Hanoi on Wednesday.", "Photo: Hau Dinh, AP"], 0))
    True
    >>> caption(LineContext(["Ministers meet in Hanoi.", "Ministers meet in Hanoi.", "Photo: Hau Dinh, AP"], 0))
    True
    >>> caption(LineContext(["Video: In this talk, a physiologist explains how the kidney senses smell."], 0))
    True
    >>> caption(LineContext(["【写真】減便を知らせる張り紙が並ぶバス停"], 0)), caption(LineContext(["▲ 13일 서울 시내 한 마트"], 0))
    (True, True)
    >>> para = "The harvest fell in much of the region this year. " * 5
    >>> caption(LineContext([para, "Foto: Ana Lima/Jornal", "Coffee harvest in Patrocínio: drought shrank the beans"], 0))
    False
    >>> caption(LineContext(["12:47, 5 апреля 2024", "Цены на огурцы снизились на треть", "Фото: Дмитрий Лебедев / ТАСС"], 1))
    False
    >>> caption(LineContext(["Nova cheia atinge cidades do Vale do Taquari", "20/06/2024 às 07:42",
    ...                      "Moradores deixam suas casas em Estrela", "Foto: Ana Lima/Jornal"], 2))
    True
    >>> caption(LineContext(["In this case the court found that the photographs were taken lawfully."], 0))
    False
    >>> caption(LineContext(["The ministers shook hands in Hanoi, he said.", "Officials later met for talks."], 0))
    False
    """
    t = ctx.text
    if _CAPTION_OPENING.match(t):
        return True
    nxt = ctx.neighbour(1)
    if nxt == t:  # a gallery prints the caption twice (alt text and caption) above its credit
        nxt = ctx.neighbour(2)
    if nxt is None or len(nxt) > 80 or not _BARE_CREDIT.match(nxt) or t[-1:] in ":":
        return False
    after = ctx.neighbour(3 if ctx.neighbour(1) == t else 2)
    if len(t) > 200 and t.count(". ") >= 1 and after is not None and len(after) <= 150 and after[-1:] not in ".!?" \
            and after.count(" ") >= 7 and not _BARE_CREDIT.match(after):
        return False  # a paragraph over a credit that comes first, with its caption under it
    prev = ctx.neighbour(-1)
    # under the story's date stamp, over the lead photo's credit, with no headline over the stamp:
    # the headline, not a caption
    if prev is not None and len(prev) <= 40 and _YEAR.search(prev) and t[-1:] not in ".!?":
        top = ctx.neighbour(-2)
        return top is not None and top.count(" ") >= 4 and top[-1:] not in ".!?"
    return True


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


_SLIDE = re.compile(r"^(\d{1,3}) (?:of|/) (\d{1,3}) (?=\S)")
"""A gallery slide's counter before its caption: "2 of 4 A shopper looks at ..."."""


@rule("gallery-caption", "caption", max_len=600, context=True, shape=lambda t: bool(_SLIDE.match(t)))
def gallery_caption(ctx: LineContext) -> bool:
    """A caption of a photo gallery flattened into the page: it opens with the slide's counter
    ("1 of 4 ...") and a next or previous line is another slide of the same gallery (its counter
    has the same total), so "1 of 4 adults say ..." in a sentence of prose is not taken.

    >>> g = ["1 of 3 Firefighters stand by a burning house on Monday, Nov. 18, 2019.",
    ...      "2 of 3 A resident looks at the damage, Monday, Nov. 18, 2019.",
    ...      "3 of 3 Crews clear a road near the fire line."]
    >>> [gallery_caption(LineContext(g, i)) for i in range(3)]
    [True, True, True]
    >>> gallery_caption(LineContext(["1 of 4 adults say they skip breakfast, the survey found.",
    ...                              "The survey asked 2,000 people."], 0))
    False
    """
    m = _SLIDE.match(ctx.text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        return False
    for step in (-1, 1):
        n = ctx.neighbour(step)
        k = _SLIDE.match(n) if n is not None else None
        if k and k.group(2) == m.group(2) and int(k.group(1)) == int(m.group(1)) + step:
            return True
    return False
