"""Rules for interface chrome: buttons, ad markers, icon-font strings, navigation, share bars.

Every rule here judges the *shape* of a kind of chrome (a line made only of interface words, a
row of social-network names, a breadcrumb), never one page's sentence. Vocabularies are
multilingual where that is cheap. Rules run before metadata lifting, so none of them may take a
headline, a date line, a lone section word ("World", "Politics") or an outlet name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import LINE_CACHE
from . import LineContext, contains_any, rule

_AD = re.compile(
    r"^[\s\-–—_*·|\[\]()]*(advertisement|advertising|advert|ad|ads|sponsored( content)?|anzeige|werbung|"
    r"paid (content|post|partner content)|partner content|supported by|presented by [\w&.'’ -]{2,40}|story continues|"
    r"publicité|publicidad|pubblicità|publicidade|реклама|광고|iklan|スポンサーリンク|広告|\[?pr\]?|【pr】|"
    # the same markers in other languages: an advert, sponsored or partner content
    r"an[úu]ncios?|patrocinad[oa]|(?:conte[úu]do|contenido|contenu|contenuto|inhalt|materiał|artykuł|tekst) "
    r"(?:patrocinado|sponsorisé|sponsorizzato|gesponsert|sponsorowany)|sponsorisé|sponsorizzato|gesponsert|"
    r"publieditorial|publirreportaje|publireportage|advertentie|gesponsord|reklama|reklam|sponsorlu (?:içerik|haber)|"
    r"спонсорский материал|на правах рекламы|广告|推广|conte[úu]do de marca|"
    # (not "Présenté par", "Apresentado por": how these languages credit a programme's host)
    r"(?:oferecido|patrocinado|ofrecido) por [\w&.'’ -]{2,40}|"
    r"広告の(?:下|後)に(?:記事|本文)が続きます|記事の続きは広告の(?:下|後)(?:で|に|です)?|"
    r"story continues below( advertisement)?|"
    r"(continua|continúa|prosegue|continue|suite|weiter|продолжение) (após|depois d[ae]|después de|dopo|sotto|"
    r"après|nach|под|после) (a |la |l'|der )?(publicidade|publicidad|pubblicità|publicité|pub|anzeige|werbung|рекламы|рекламой)|"
    r"(article|story) continues (below|after (this )?(advertisement|ad))|continue reading (the main story|below)|"
    r"scroll (down )?to continue( reading)?|advertisement - scroll to continue|"
    r"(skip|close) (this )?(ad|advertisement)|report (this )?ad|"
    r"advertisement[\s\-–—:·•]+(continue reading below|story continues below|scroll to continue)|"
    r"(recommended|promoted|sponsored|ads) by (outbrain|taboola|revcontent|zergnet|mgid))[\s\-–—_*·|\[\]()]*$",
    )


@rule("ad-marker", "advertisement", max_len=59)
def ad_marker(ctx: LineContext) -> bool:
    """A line that only says an advertisement goes here.

    >>> ad_marker(LineContext(["- Advertisement -"], 0))
    True
    >>> ad_marker(LineContext(["Story continues below advertisement"], 0))
    True
    >>> ad_marker(LineContext(["スポンサーリンク"], 0)), ad_marker(LineContext(["CONTINUA APÓS A PUBLICIDADE"], 0))
    (True, True)
    >>> ad_marker(LineContext(["Advertisement - Continue Reading Below"], 0)), ad_marker(LineContext(["Recommended by Outbrain"], 0))
    (True, True)
    >>> ad_marker(LineContext(["Advertisement revenue fell by half in 2020."], 0))
    False
    """
    return len(ctx.text) < 60 and bool(_AD.match(ctx.low))


# A bookmaker's offer and the small print gambling ads must carry.
_BETTING = re.compile(
    r"^bet [£$€]?\d+[^.!?]{0,20}\bget [£$€]?\d+|begambleaware|gambleaware|gamcare|^.{0,40}\bwhen the fun stops,? stop\b|"
    r"(?:^|[|.!]\s*)(?:please )?(?:gamble|bet) responsibly\.?$|"
    r"new customers only\b[^.!?]{0,80}(?:t&cs|terms) apply|^18\+\s*(?:\||only|t&cs|\.|$)")


@rule("betting-promo", "advertisement", max_len=200, gate=("bet", "gambl", "fun stops", "gamcare", "new customers", "18+"))
def betting_promo(ctx: LineContext) -> bool:
    """A bookmaker's offer or the small print of a gambling ad, as sports pages carry them.

    >>> betting_promo(LineContext(["Bet £10 Get £30 in Free Bets"], 0))
    True
    >>> betting_promo(LineContext(["18+ | When the fun stops, stop | BeGambleAware.org"], 0))
    True
    >>> betting_promo(LineContext(["He bet £10 on the horse and lost it all, he told the court."], 0))
    False
    >>> betting_promo(LineContext(["The campaign urges fans to gamble responsibly during the World Cup, the minister said."], 0))
    False
    """
    return bool(_BETTING.search(ctx.low))


# Icon-font residue: names of icons glued together ("icon bookmark-bicon cameraicon ...").
_ICON = re.compile(r"icon", re.I)


@rule("icon-font", "icon-strings", gate=("icon",))
def icon_font(ctx: LineContext) -> bool:
    """A line of icon-font names run together, as a scraper sees an icon sprite.

    >>> icon_font(LineContext(["icon bookmark-bicon cameraicon checkicon chevron downicon closeicon"], 0))
    True
    >>> icon_font(LineContext(["The icon of the era, he said, was the iconic Icon magazine."], 0))
    False
    """
    t = ctx.text
    n = len(_ICON.findall(t))
    return n >= 4 and n * 3 >= len(t.split()) and ". " not in t


_MARKUP = re.compile(r"^\s*</?[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=\"[^\"]*\"|='[^']*')?)*\s*/?>", re.I)
_SHORTCODE = re.compile(r"^\[/?(?:caption|embed|video|audio|gallery|playlist|gambas|tweet|instagram|youtube|"
                        r"vc_\w+|et_pb_\w+)(?::[^\]]{1,200}\]|\s[^\]]{0,200}=[^\]]{0,200}\]|\]\s*$)", re.I)
"""A publishing system's embed code left in the text: '[caption id="..."]', '[Gambas:Video 20detik]'."""


@rule("markup-residue", "markup", max_len=2000, gate=("<", "["))
def markup_residue(ctx: LineContext) -> bool:
    """A line that starts with an HTML tag that has attributes or closes, left in the text by the
    scraper or an editor ('<span data-mce-type="bookmark" style="...">'), or with a publishing
    system's embed code ('[caption id="attachment_12"]', '[Gambas:Video 20detik]').

    >>> markup_residue(LineContext(['<span data-mce-type="bookmark" style="display: inline-block;"></span>'], 0))
    True
    >>> markup_residue(LineContext(["<b>Note</b> and a sentence"], 0)), markup_residue(LineContext(["x < 3 and y > 2"], 0))
    (False, False)
    >>> markup_residue(LineContext(["[Gambas:Video 20detik]"], 0)), markup_residue(LineContext(["[Updated] The mayor said."], 0))
    (True, False)
    >>> markup_residue(LineContext(['[caption id="attachment_12" align="alignnone"]'], 0))
    True
    >>> markup_residue(LineContext(["[Video] Police release footage of the chase on the M25"], 0))
    False
    """
    t = ctx.text
    if t.startswith("["):
        return bool(_SHORTCODE.match(t))
    return t.lstrip().startswith("<") and bool(_MARKUP.match(t)) and ("=" in t.split(">", 1)[0] or t.lstrip()[1] == "/")


# "Share on Facebook", "Click to share on Twitter (Opens in new window)", "Share this with Email",
# "858 shares", counts of shares/comments/likes.
_SHARE = re.compile(
    r"^(?:(?:click to )?share (?:this|on|to|via|with|article|story|the story|by)\b.{0,60}"
    r"|(?:compartilh[ae]r?|compartir|comparte|partilh[ae]r?|partager|partagez|condividi|teilen|поделиться|bagikan|"
    r"dela|udostępnij|delen)"
    r" (?:no|na|en|sur|su|auf|в|ke|på|op|via|por|per|on) (?:facebooku?|x|twitter|whatsapp|telegram|linkedin|"
    r"pinterest|reddit|e-?mail|messenger|threads|bluesky|vk|вконтакте|одноклассниках)"
    # a share call naming the article: "Compartilhe esta notícia", "Partager cet article", "Haberi paylaş"
    r"|(?:compartilh[ae]r?|partilh[ae]r?|compart[ei]r?|partager|partagez|condividi|teilen sie|deel|delen|"
    r"udostępnij|bagikan|поделитесь|поделиться) (?:(?:esta|este|essa|esse|a|o|cet|cette|ce|l'|la|el|questo|questa|"
    r"l’|il|diesen|dit|deze|het|ten|tę|этой|этим) ?)?(?:not[íi]cia|mat[ée]ria|artigo|reportagem|publica[çc][ãa]o|"
    r"post|texto|art[íi]culo|noticia|article|articolo|notizia|artikel|beitrag|bericht|artykuł|berita|artikel ini|"
    r"статьей|новостью|материалом)"
    r"|(?:haberi|yazıyı|makaleyi) paylaş|udostępnij|paylaş|delen|partilhar|partilhe|поделиться в соцсетях"
    r"|\d[\d,.]*[kKmM]? ?(?:shares?|comments?|likes?|views?|reads?|reactions?|compartilhamentos|"
    r"comentários|commenti|kommentare|комментари\w*|просмотр\w*|댓글|조회)"
    r"|(?:share|tweet|pin|email|e-mail|whatsapp|facebook|twitter|linkedin|pinterest|reddit|"
    r"flipboard|telegram|messenger|print|copy link|sms)(?:\s*[|•·/,]?\s*(?:share|tweet|pin|email|"
    r"e-mail|whatsapp|facebook|twitter|linkedin|pinterest|reddit|flipboard|telegram|messenger|print|"
    r"copy link|sms|google\+?|vk|ok|tumblr|more|\d+))+)$",
    )


@rule("share-bar", "social-share", max_len=120)
def share_bar(ctx: LineContext) -> bool:
    """A row of share buttons, a share call or a share/comment counter.

    >>> share_bar(LineContext(["Click to share on Twitter (Opens in new window)"], 0))
    True
    >>> share_bar(LineContext(["Facebook Twitter Pinterest Email"], 0))
    True
    >>> share_bar(LineContext(["858 shares"], 0))
    True
    >>> share_bar(LineContext(["Compartilhe no WhatsApp"], 0)), share_bar(LineContext(["Partager sur Facebook"], 0))
    (True, True)
    >>> share_bar(LineContext(["Facebook shares fell 3% after the report."], 0))
    False
    """
    return bool(_SHARE.match(ctx.low))


# A heading that opens a list of other stories or a "read more" teaser line.
_RELATED = re.compile(
    r"^(?:related(?: articles?| stories| posts| content| topics| links| coverage| news| videos?)?|"
    r"related(?: articles?| stories| posts| content| links| coverage| news| videos?)? (?:from|on|in|about)\b.*|"
    r"(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)|also (?:read|see|on \S+)|"
    r"read (?:more|also|next)|see also|more (?:from|on|in|stories|news|articles|like this|to read)\b.*|"
    r"explore more (?:on|from|in|about) (?:[\w&'’-]+ ?){1,4}|elsewhere on (?:[\w&'’.-]+ ?){1,4}|"
    r"recommended(?: for you| stories| articles| reading)?|(?:most|more) (?:popular|read|viewed|shared|"
    r"commented|emailed)\b.*|trending(?: now| stories| articles)?|top stories|latest (?:news|stories|"
    r"articles|posts|videos)|recent posts|popular (?:posts|stories|articles)|what to read next|"
    r"editor'?s? picks?|don'?t miss|in case you missed it|around the web|from the web|"
    r"sponsored (?:stories|links)|promoted (?:stories|links|content)|next (?:article|story|post)|"
    r"previous (?:article|story|post)|leia (?:também|mais)|veja (?:também|mais)|saiba mais|"
    r"mais lidas|leggi anche|potrebbe interessarti|lesen sie (?:auch|mehr)|das könnte sie auch "
    r"interessieren|mehr zum thema|lire aussi|à lire aussi|voir aussi|lee también|te puede interesar|"
    r"читайте (?:также|еще|ещё)|смотрите также|популярное|по теме|baca juga|artikel terkait|"
    r"berita terkait|terkait|관련 ?(?:기사|뉴스)|많이 본 뉴스|【?(?:この記事の)?関連(?:記事|ニュース|リンク)】?|あわせて読みたい|"
    r"(?:こちらも)?おすすめ(?:の)?(?:記事|ニュース|動画|情報)?|外部リンク|추천 ?기사|weitere (?:beiträge|artikel|nachrichten|meldungen)\b.*|"
    r"ähnliche (?:artikel|beiträge)|materiais relacionados|(?:você|voce) (?:também )?pode gostar|"
    r"(?:quizás |también )?te (?:puede|podría) interesar|not[ií]cias relacionadas|artículos relacionados|"
    r"relacionad[ao]s|mat[ée]rias relacionadas|"
    # the same headings in more wordings: Portuguese, Spanish, French, German, Italian, Dutch,
    # Polish, Turkish ("i̇" is how Python lowercases a capital dotted "İ"), Russian, Japanese, Chinese
    r"recomendad[oa]s? para (?:você|voce|ti|usted)|conte[úu]dos? relacionados?|"
    r"mais (?:not[íi]cias|mat[ée]rias|artigos|v[íi]deos)(?: (?:de|sobre) (?:[\w&'’-]+ ?){1,4})?|"
    r"m[áa]s (?:noticias|art[íi]culos|historias)|"
    r"nos recommandations|(?:[àa] )?d[ée]couvrir (?:aussi|également)|[àa] lire (?:également|ensuite)|"
    r"empfehlungen der redaktion|auch interessant|leggi (?:di più|pure)|articoli consigliati|"
    r"meest gelezen|gerelateerde (?:artikelen|berichten)|lees meer|"
    r"najczęściej czytane|polecane artykuły|przeczytaj (?:również|także|też)|"
    r"(?:i̇|i)lgili (?:haberler|yazılar|içerikler)|çok okunan(?:lar)?|devamını oku|önerilen haberler|"
    r"(?:i̇|i)lginizi çekebilir|daha fazla haber|"
    r"самое (?:читаемое|популярное)|читать (?:далее|ещё|еще)|"
    r"baca selengkapnya|"
    r"次の記事|前の記事|合わせて読みたい|新着記事|この記事を読んだ人はこちらも|注目(?:記事|ニュース)|"
    r"人気の(?:記事|ニュース)|編集部(?:の)?おすすめ(?:記事)?|recomendamos|t[óo]picos relacionados|"
    r"(?:v[íi]deos: )?veja mais (?:not[íi]cias|v[íi]deos)\b.*|"
    r"阅读全文|更多(?:新闻|文章|阅读)|"
    r"articoli correlati|potrebbero interessarti|articles? (?:similaires|liés)|sur le même sujet|"
    r"vous aimerez (?:aussi|également)|vous pourriez (?:aussi |également )?aimer|"
    r"материалы по теме|(?:вам )?(?:также )?может быть интересно|вам (?:также )?может понравиться|"
    r"похожие (?:статьи|новости|материалы)|другие (?:новости|статьи|материалы)|"
    # "most read / most popular" in other languages
    r"самые (?:популярные|читаемые|обсуждаемые|интересные)\b.*|популярные (?:статьи|новости|материалы)|"
    r"mais (?:lidas|lidos|populares|vistas|vistos|comentadas)|(?:lo )?más (?:leído|visto|popular)(?:es|s)?|"
    r"noticias más (?:leídas|vistas)|(?:i |gli )?più (?:letti|lette|popolari|visti|viste|cliccati)|"
    r"meistgelesen\w*|am meisten gelesen|beliebteste (?:artikel|beiträge|nachrichten)|"
    r"ultime (?:notizie|news)|ultim'ora|últimas (?:notícias|noticias)|(?:notícias|noticias) recientes|"
    r"neueste (?:artikel|beiträge|nachrichten)|dernières (?:actualités|nouvelles|infos)|"
    r"последние (?:новости|статьи)|berita terbaru|최신 ?(?:기사|뉴스)|最新(?:記事|ニュース)|"
    r"(?:les )?(?:articles )?(?:les )?plus (?:lus|populaires|partagés|commentés)|"
    r"terpopuler|paling (?:populer|banyak dibaca)|berita (?:populer|terpopuler|lainnya)|"
    r"人気(?:記事|ニュース)(?:ランキング)?|アクセスランキング|よく読まれている記事|인기 ?(?:기사|뉴스)|"
    r"가장 많이 본 (?:기사|뉴스)|相关(?:新闻|阅读|报道|文章|推荐)|延伸阅读|推荐阅读|热门(?:推荐|文章|新闻)|猜你喜欢|"
    # more languages: Arabic, Persian, Turkish, Polish, Dutch, Swedish, Czech, Ukrainian, Vietnamese, Hindi
    r"اقرأ أيضا[ًا]?|اقرأ ايضا|أخبار ذات صلة|مواضيع ذات صلة|مقالات ذات صلة|بیشتر بخوانید|مطالب مرتبط|"
    r"ilgili haberler|ilgili yazılar|bunlar da ilginizi çekebilir|ayrıca okuyun|"
    r"czytaj (?:także|też|więcej)|zobacz (?:także|też)|lees ook|meer over dit onderwerp|läs också|"
    r"čtěte také|читайте також|дивіться також|tin liên quan|xem thêm|यह भी पढ़ें|संबंधित खबरें|"
    r"(?:more|other|further|similar|recent|latest|top|popular|trending|featured|recommended|related|"
    r"sponsored|promoted|next)\b(?: [\w&'’-]+){0,3} (?:news|stories|articles|posts|videos|reads|"
    r"headlines|reading|content|links|galleries))\s*[:.…»›>\-–—]*$",
    )
@lru_cache(maxsize=LINE_CACHE)  # asked again of the lines above each headline-shaped line
def _related_heading(text: str) -> bool:
    """A "related / read more / most popular" heading: a short line that is only that."""
    return len(text) <= 60 and bool(_RELATED.match(text.lower()))


READ_ALSO = (r"read also|also read|see also|leia (?:também|mais)|veja também|baca juga|"
             r"(?:tonton|simak|saksikan) juga(?: video)?|lesen sie auch|(?:à |a )?lire (?:aussi|également)|"
             r"(?:à )?voir (?:aussi|également)|vous aimerez (?:aussi|également)|vous pourriez (?:aussi |également )?aimer|"
             r"lee también|lea también|ver también|véase también|mira también|"
             r"(?:también |quizás )?te (?:puede|podría) interesar|te recomendamos|leggi anche|"
             r"(?:ti )?potrebbe(?:ro)? interessar(?:ti|e)|auch interessant|confira (?:também|mais)|saiba mais|"
             r"lees ook|(?:prze)?czytaj (?:też|także|również)|ayrıca okuyun|читайте (?:также|ещё|еще)")
"""The words of a "read also" link or box heading, which sites set inside an article (one list for
the rules here and for classify, which does not let such a heading end the article)."""
_READ_MORE_PREFIX = re.compile(
    r"^(?:read more|related(?: stor(?:y|ies)| articles?| content| links?| reading| coverage)?|"
    rf"recommended|more|watch|listen|{READ_ALSO})"
    r"\s*(?::|»|›|>|-|–|—)\s*\S",
    )
# a link labelled in brackets or before a colon, as Japanese, Chinese and Korean sites print
# them inside and under an article ("【前回】...", "写真特集：...", "[관련기사] ..."), or one that
# ends in "click here" ("...はこちら")
_LINK_LABEL = re.compile(
    r"^(?:【(?:関連記事|関連|前回|次回|一覧|写真特集|あわせて読みたい|合わせて読みたい|こちらも|"
    r"相关阅读|相关新闻|延伸阅读|推荐阅读)】|＜(?:関連|関連記事|前回|一覧)＞|\[(?:관련기사|관련 기사|관련뉴스|함께 보면 좋은 기사)\]|"
    r"(?:写真特集|関連記事|動画特集)\s*[:：])\s*[^。]{2,80}$|^【[^】]{1,10}】.{2,60}はこちら[。！!]?$"
)
CONTENTS_HEADING = re.compile(
    r"^(?:jump to|skip to|contents|table of contents|in this (?:article|guide|story)|on this page|"
    r"neste artigo|nesta página|nesta matéria|en este artículo|dans cet article|in diesem artikel|"
    r"in questo articolo|в этой статье|この記事の目次|이 글의 목차|"
    r"índice|conteúdo|contenido|inhalt|inhaltsverzeichnis|sommaire|indice|sommario|содержание|目次|목차)\s*:?$",
    re.I,
)
CONTENTS_MAX_LINES = 12
"""A table of contents: up to this many short lines under a "Jump to:" / "Contents" heading."""


def contents_entries(lines, ends) -> set[int]:
    """A table of contents: each "Contents" / "目次" / "Jump to:" heading (40 characters at most) and
    the lines under it, ``CONTENTS_MAX_LINES`` at most, up to the first line ``j`` for which
    ``ends(j)`` holds (the article's first paragraph). Classify and metadata both use it.

    >>> sorted(contents_entries(["Intro text.", "Contents", "Setup", "", "Results", "Body text here."],
    ...                         lambda j: j == 5))
    [1, 2, 4]
    """
    out: set[int] = set()
    for i, t in enumerate(lines):
        if not t or len(t) > 40 or not CONTENTS_HEADING.match(t):
            continue
        run = [i]
        for j in range(i + 1, len(lines)):
            if not lines[j]:
                continue
            if len(run) > CONTENTS_MAX_LINES or ends(j):
                break
            run.append(j)
        out.update(run)
    return out


INLINE_LINK = re.compile(rf"^\W*(?:{READ_ALSO})\b|{_LINK_LABEL.pattern}", re.I)
"""A "read also" heading or link, or a bracket-labelled one, which sites set inside an article:
classify does not let one end the article."""
_BRACKET_TAG = re.compile(r"\[(?:[A-Z]{3,}|[A-Z]+ [A-Z]+)\]\s*$")


@rule("related-links", "related-links")
def related_links(ctx: LineContext) -> bool:
    """A "related / read more / most popular" heading, or a teaser line that links elsewhere.

    >>> related_links(LineContext(["You may also like"], 0))
    True
    >>> related_links(LineContext(["More Great WIRED Stories"], 0))
    True
    >>> related_links(LineContext(["Материалы по теме"], 0))
    True
    >>> related_links(LineContext(["Самые популярные диеты"], 0)), related_links(LineContext(["Più letti"], 0))
    (True, True)
    >>> related_links(LineContext(["READ MORE: Macron warns of NATO brain death"], 0))
    True
    >>> related_links(LineContext(["Black death fears: tourists die after eating marmot [INSIGHT]"], 0))
    True
    >>> related_links(LineContext(["[The Verge]"], 0))
    True
    >>> related_links(LineContext(["【前回】空き店舗だらけの商店街に人が戻った"], 0)), related_links(LineContext(["写真特集：老いるニュータウン"], 0))
    (True, True)
    >>> related_links(LineContext(["Related coverage from How to Do Everything: Money:"], 0))
    True
    >>> related_links(LineContext(["Read more about the plan in the minister's letter, he said."], 0))
    False
    >>> related_links(LineContext(["[Updated at 5 p.m. with the minister's reply.]"], 0))
    False
    """
    t = ctx.low
    if _related_heading(ctx.text):
        return True
    if _READ_MORE_PREFIX.match(t) and len(t) <= 200 and t.count(". ") < 2:
        return True
    if len(t) <= 120 and _LINK_LABEL.match(ctx.text):
        return True
    return ctx.text.endswith("]") and bool(_BRACKET_TAG.search(ctx.text) or _SOURCE_TAG.match(ctx.text))


BARE_TIME = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*(?:uhr|h|hrs|[ap]\.?m\.?|horas))?\s*$", re.I)
"""A time of day alone on a line: the stamp of a live blog's update ('14.32 Uhr', '10:45')."""
RELATED_ITEMS = 4
"""Headline-shaped lines under a "Read more" / "Related" heading taken as its links."""


_SENTENCE_END = (".", "!", "?", ":", ";", "…", "。", "！", "？", '"', "”", "»", ")")


_HAN_KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CJK_TEASER_CHARS = (8, 60)
"""The length of a Chinese or Japanese headline, in characters."""


@lru_cache(maxsize=LINE_CACHE)  # asked of a line and of the lines above it
def _teaser_shaped(text: str) -> bool:
    """A headline of a linked story: 2 to 20 words, no sentence end (a closing quotation mark or
    bracket after a word is none: 'Coach says promotion is "the only goal"').

    >>> _teaser_shaped('Coach says promotion is "the only goal"'), _teaser_shaped('He said: "We won."')
    (True, False)
    """
    if text.rstrip('"”»)」』').endswith(_SENTENCE_END):
        return False
    if " " not in text and _HAN_KANA.search(text):  # Chinese or Japanese: no spaces between words
        return CJK_TEASER_CHARS[0] <= len(text) <= CJK_TEASER_CHARS[1]
    return len(text) <= 150 and 2 <= text.count(" ") + 1 <= 20


SUBHEADING_MAX_WORDS = 4
"""A line of at most this many words, after a box's longer headlines and over a paragraph, is
a subheading of the article that goes on under the box."""


def _subheading_after_box(ctx: LineContext) -> bool:
    above, below = ctx.neighbour(-1), ctx.neighbour(1)
    if above is None or below is None or not below.endswith(_SENTENCE_END):
        return False
    if " " not in ctx.text and _HAN_KANA.search(ctx.text):  # Chinese, Japanese: characters, not words
        return len(ctx.text) <= 3 * SUBHEADING_MAX_WORDS and len(above) >= 1.5 * len(ctx.text) and len(below) >= 40
    words = ctx.text.count(" ") + 1
    return words <= SUBHEADING_MAX_WORDS and _teaser_shaped(above) and above.count(" ") + 1 >= 2 * words + 2 \
        and below.count(" ") >= 14


@rule("related-box", "related-links", max_len=150, context=True, shape=_teaser_shaped)
def related_box(ctx: LineContext) -> bool:
    """One of the first ``RELATED_ITEMS`` headline-shaped lines under a related-links heading
    that follows a sentence, or that stands in the page's second half: the stories a "Read more"
    box inside or under an article links to (a "Trending" or "Latest news" item of a menu above
    the headline is no such heading).

    >>> lines = ["The council approved the plan on Monday after a long debate.", "Read more",
    ...          "Budget vote delayed again as councillors row", "The mayor said work would start soon."]
    >>> related_box(LineContext(lines, 2)), related_box(LineContext(lines, 3)), related_box(LineContext(lines[1:], 1))
    (True, False, False)

    Chinese and Japanese headlines are told by their length in characters, and so is a subheading
    under the box:

    >>> related_box(LineContext(["市は月曜日、長い議論の末に来年度の予算案を承認したと発表した。", "あわせて読みたい",
    ...                          "コンビニ各社が無人店舗を急拡大する本当の理由"], 2))
    True

    A short line after the box's headlines, over a paragraph, is the article's next subheading:

    >>> lines[3:] = ["Power cuts", "The utility said that about 120,000 homes were left without power for several hours on Sunday."]
    >>> related_box(LineContext(lines, 3))
    False
    """
    if not _teaser_shaped(ctx.text) or BARE_TIME.match(ctx.text):
        return False
    upward = ctx.above()  # the lines over it, the nearest first (prev is the step-th)
    for step, prev in zip(range(1, RELATED_ITEMS + 1), upward):
        if BARE_TIME.match(prev):
            return False  # (a live blog's update, stamped with its time, ends a box above it)
        if _related_heading(prev):
            if step > 1 and _subheading_after_box(ctx):
                return False  # the article's next subheading, under the box's headlines
            above = next(upward, None)  # inside an article: a sentence above the heading
            if above is not None and above.endswith(_SENTENCE_END) and (above.count(" ") >= 7 or (
                    " " not in above and len(above) >= 20 and _HAN_KANA.search(above))):
                return True
            # or in the page's second half, under the article, as one of two headlines or more
            # (a label over the page's own headline is followed by its byline or photo)
            below = ctx.neighbour(1)
            return ctx.from_end < ctx.from_start and (step > 1 or (below is not None and _teaser_shaped(below)))
        if not _teaser_shaped(prev):
            return False
    return False


# A line that is only a short name in brackets: the source a digest links to ("[The Verge]").
_SOURCE_TAG = re.compile(r"^\[[^\W\d_][^\[\].!?:;]{1,38}\]$")


# "Headline DATELINE: summary" on one line: a teaser whose headline, dateline and first sentence
# the scraper ran together ("Senate passes the bill WASHINGTON: The Senate on Tuesday ...").
_GLUED_DATELINE = re.compile(
    r"^(?=[^\n]*[a-z])(?P<head>.{12,220}?[^\s.!?;,])\s+"
    r"(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ ,]{1,2}[A-Z][A-Z.'’-]+){0,3})(?:\s*\([^)]{1,30}\))?"
    r"\s*(?::|—|–| - )\s*[\"“‘']?[A-Z]"
)


def _glued_dateline(text: str) -> bool:
    m = _GLUED_DATELINE.match(text) if len(text) <= 1500 else None
    return bool(m) and not m.group("head").isupper() and len(m.group("head").split()) >= 3


@rule("dateline-teaser", "related-links", max_len=1500, gate=(":", "—", "–", " - "), context=True,
      shape=_glued_dateline)
def dateline_teaser(ctx: LineContext) -> bool:
    """A teaser printed as one line, "Headline DATELINE: summary", next to another like it (a
    list of other stories; an article's own dateline opens its first paragraph).

    >>> lines = ["UN regrets new US position on settlements UNITED NATIONS: The Secretary General said ...",
    ...          "Court asks state to draft a temple law NEW DELHI: The Supreme Court on Wednesday asked ..."]
    >>> [dateline_teaser(LineContext(lines, i)) for i in range(2)]
    [True, True]
    >>> dateline_teaser(LineContext(["NEW DELHI: The Supreme Court on Wednesday asked the state to act.",
    ...                              "WASHINGTON: The Senate passed the bill."], 0))
    False
    >>> dateline_teaser(LineContext(["Court asks state to draft a temple law NEW DELHI: The court said ...",
    ...                              "The court said the state had a month to reply."], 0))
    False
    """
    if not _glued_dateline(ctx.text):
        return False
    return any(n is not None and _glued_dateline(n) for n in (ctx.neighbour(-1), ctx.neighbour(1)))


# A quotation a plugin offers to tweet: the sentence, then its button ("... stress. Click To Tweet").
_TWEETABLE = re.compile(r"(?:click to tweet|tweet this(?: quote)?|tweet quote)\s*$")


@rule("tweetable-quote", "social-share", max_len=400, gate=("tweet",))
def tweetable_quote(ctx: LineContext) -> bool:
    """A pull quote with its "Click To Tweet" button (a repeat of a sentence of the article).

    >>> tweetable_quote(LineContext(["Growing your visibility slowly means much less stress. Click To Tweet"], 0))
    True
    >>> tweetable_quote(LineContext(["He urged fans to click to tweet their support, and many did."], 0))
    False
    """
    return bool(_TWEETABLE.search(ctx.low))


_SKIP = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|search|footer)|jump to(?: (?:main )?content| navigation)?|"
    r"accessibility (?:links|help|statement)|"
    r"back to top|to top|toggle (?:navigation|menu)|open (?:navigation|menu)|close (?:menu|navigation)|"
    r"main menu|site map|sitemap|you are here:?|breadcrumbs?|select (?:language|edition|region)|"
    r"change (?:language|edition|region)\b.*|english edition|switch to .{1,20} edition|"
    r"ir para o conteúdo(?: principal)?|saltar al contenido(?: principal)?|ir al contenido(?: principal)?|"
    r"(?:salta|vai) al contenuto(?: principale)?|zum (?:haupt)?inhalt springen|aller au contenu(?: principal)?|"
    r"перейти к (?:содержимому|основному содержанию)|"
    r"voltar ao topo|volver arriba|ir arriba|retour en haut(?: de (?:la )?page)?|(?:zurück )?nach oben|torna su|"
    r"torna all'inizio|(?:terug )?naar boven|do góry|yukarı çık|kembali ke atas|наверх|"
    r"본문 바로가기)\s*[»›>:↑«]*$",
    )


@rule("skip-links", "navigation", max_len=300)
def skip_links(ctx: LineContext) -> bool:
    """Accessibility and site-navigation links: "Skip to content", "Back to top", edition pickers.

    >>> skip_links(LineContext(["Skip to main content"], 0))
    True
    >>> skip_links(LineContext(["Back to Top «"], 0))
    True
    >>> skip_links(LineContext(["He skipped to the top of the queue."], 0))
    False
    """
    t = ctx.low
    return bool(_SKIP.match(t))


_POST_NAV = re.compile(
    r"^(?:(?:prev|previous|next|older|newer)(?: (?:post|article|story|entry|page))?\s*[:»›>«‹<|]+\s*\S|"
    r"(?:«\s*)?(?-i:Prev|Previous|Older|PREV|PREVIOUS)\b.{3,200}?\b(?-i:Prev|Previous|Next|Newer|PREV|NEXT)"
    r"(?: (?:post|article|story|entry))?\s*[»›>«‹<:]*$|"
    r"(?-i:Next|NEXT)\b.{3,200}?\b(?-i:Next|NEXT)(?: (?:post|article|story|entry))?\s*[»›>«‹<:]*$|"
    r"prev previous\b|next next\b|"
    r"(?:article|post|artigo|articolo|artículo|beitrag|статья) (?:précédent|anterior|precedente|vorheriger|предыдущая|"
    r"suivant|seguinte|siguiente|successivo|nächster|следующая)\s*[:»›>«‹<]*|"
    r"(?:not[íi]cia|mat[ée]ria|noticia|notizia|nachricht|artikel|bericht) (?:anterior|seguinte|siguiente|precedente|"
    r"successiva|vorherige|nächste|vorige|volgende)\s*[:»›>«‹<]*$|"
    r"(?:pr[óo]xim[oa]|siguiente|anterior|nächster|nächste|vorheriger|vorherige|prossimo|prossima|precedente|"
    r"volgend(?:e)?|vorig(?:e)?) (?:artigo|not[íi]cia|mat[ée]ria|post|art[íi]culo|noticia|artikel|beitrag|articolo|"
    r"notizia|bericht)\s*[:»›>«‹<]*$)", re.I)


@rule("post-navigation", "navigation", max_len=260, gate=("prev", "next", "older", "newer", "précédent", "suivant",
                                                          "anterior", "seguinte", "siguiente", "precedente",
                                                          "successivo", "vorherig", "nächst", "предыдущ", "следующ",
                                                          "próxim", "proxim", "prossim", "successiv", "volgend", "vorig"))
def post_navigation(ctx: LineContext) -> bool:
    """The links to the blog's previous and next posts under a post: "Previous Post: Title",
    "Prev Previous Title", "Next Title Next", "Article précédent".

    >>> post_navigation(LineContext(["Prev Previous Our talk at the AdTech conference:"], 0))
    True
    >>> post_navigation(LineContext(["Next Our platform was shortlisted for an award Next"], 0))
    True
    >>> post_navigation(LineContext(["Previous article: Ten tips for a greener garden"], 0))
    True
    >>> post_navigation(LineContext(["Next, add the flour and stir until smooth."], 0))
    False
    >>> post_navigation(LineContext(["Next year the council will vote on the next budget."], 0))
    False
    >>> post_navigation(LineContext(["Older residents are worried about what comes next"], 0))
    False
    """
    return bool(_POST_NAV.match(ctx.text))


_READING_TIME = re.compile(
    r"^(?:estimated |est\. )?(?:"
    r"\d+(?:\s*[-–]\s*\d+)?\s*(?:min|mins|minutes?|minuten|minutos?|minuti|минут\w*|мин\.?)\.?\s*"
    r"(?:read|listen|reading|read time|lesezeit|de lecture|de lectura|de leitura|di lettura|чтения|на прочтение)|"
    r"(?:reading|read|listening) time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|"
    r"tempo di lettura|время (?:чтения|на прочтение)|leestijd|czas (?:czytania|lektury)|okuma süresi|waktu (?:baca|membaca)|"
    r"\d+\s*(?:min|minuten|minut|dk|dakika|menit)\.?\s*(?:leestijd|czytania|lektury|okuma|(?:waktu )?(?:baca|membaca)))"
    r"(?:\s*:?\s*(?:\d+(?:\s*[-–]\s*\d+)?\s*(?:min|mins|minutes?|minuten|minutos?|minuti|минут\w*|мин|minut|dakika|dk|menit)\.?)?)?$"
    # Japanese, Chinese, Korean: "この記事は約3分で読めます", "読了時間：約3分", "阅读时间：3分钟", "읽는 시간 3분"
    r"|^(?:この記事は)?(?:約|およそ)?\d+分で読めます。?$|^読了(?:時間|目安)\s*[:：]?\s*(?:約|およそ)?\d+分$|"
    r"^(?:阅读(?:时间|时长)\s*[:：]?\s*(?:约)?|预计阅读\s*)\d+\s*分钟$|^(?:읽는 ?(?:시간|데)\s*:?\s*(?:약 )?\d+분|\d+분 ?읽기)$",
    )


@rule("reading-time", "ui-chrome", max_len=50, gate=("min", "мин", "time", "zeit", "lecture", "lectura", "leitura",
                                                       "lettura", "чтения", "прочтение", "leestijd", "czas", "okuma",
                                                       "baca", "分", "분"))
def reading_time(ctx: LineContext) -> bool:
    """A reading or listening time printed under a headline: "4 min read", "Lesezeit: 3 Min.".

    >>> reading_time(LineContext(["4 min read"], 0)), reading_time(LineContext(["Reading time: 6 minutes"], 0))
    (True, True)
    >>> reading_time(LineContext(["Lesezeit: 3 Min."], 0)), reading_time(LineContext(["5 min listen"], 0))
    (True, True)
    >>> reading_time(LineContext(["It took 4 minutes to read the verdict."], 0))
    False
    """
    return bool(_READING_TIME.match(ctx.low))


_RATING = re.compile(
    r"^(?:rated |note |valoración |avaliação |bewertung |voto )?[:：]?\s*\d(?:[.,]\d{1,2})?\s*"
    r"(?:(?:stars?|étoiles?|estrellas?|estrelas?|sterne?n?|stelle|звезд\w*)\s*)?"
    r"(?:/|out of|sur|de|von|su|из|จาก)\s*5(?:[.,]0)?\s*"
    r"(?:stars?|étoiles?|estrellas?|estrelas?|sterne?n?|stelle|звезд\w*)?\s*"
    r"(?:[(（]?\s*\d[\d.,]*\s*(?:reviews?|ratings?|votes?|avis|notes|votos|opiniones|valoraciones|avalia[çc][õo]es|"
    r"bewertungen|stimmen|recensioni|voti|отзыв\w*|оцен\w*)\s*[)）]?)?$",
    re.I,
)


@rule("rating-widget", "ui-chrome", max_len=80, gate=("5",))
def rating_widget(ctx: LineContext) -> bool:
    """A star rating widget's text: "4.5 out of 5 stars (120 reviews)", "5 étoiles sur 5 (32 avis)",
    "4,7 de 5 estrellas".

    >>> rating_widget(LineContext(["Rated 4.8 out of 5 stars (120 reviews)"], 0))
    True
    >>> rating_widget(LineContext(["5 étoiles sur 5 (32 avis)"], 0)), rating_widget(LineContext(["4,5 von 5 Sternen"], 0))
    (True, True)
    >>> rating_widget(LineContext(["4 out of 5 adults said they had never voted."], 0))
    False
    """
    return bool(_RATING.match(ctx.low))


REPORT_ERROR = (r"(?:comunicar|reportar|informar) (?:um |un )?err(?:o|or)|(?:signaler|signalez) une erreur|"
                r"segnala(?:re)? un errore|fehler melden|сообщить об ошибке|meld een fout|zgłoś błąd|hata bildir|"
                r"laporkan kesalahan")
"""The button or link to report a mistake in the article, in several languages: a line of its own
(error-page) or among other buttons (ui-controls)."""
_ERROR_PAGE = re.compile(
    r"^(?:(?:error )?404(?: error)?(?: ?[-–—:|] ?(?:page )?not found)?|(?:error )?(?:page|file|article) not found|"
    r"(?:oops[!,.]? )?(?:sorry,? )?(?:the|this) (?:page|article|content|story) (?:you (?:are|were|’re|'re) looking for|you requested|"
    r"(?:you )?requested) (?:(?:does not|doesn't|doesn’t|may not|no longer) exists?|(?:could|can) ?not be found|"
    r"(?:was|has been|may have been) (?:moved|removed|deleted)|is (?:no longer |not )?available)\b.*|"
    r"seite nicht gefunden|página no encontrada|página não encontrada|page introuvable|pagina non trovata|"
    r"страница не найдена|halaman tidak ditemukan|"
    # a prompt to report a mistake in the article ("Found an error? Let us know.", "Нашли ошибку? ...")
    r"(?:(?:found|spotted|see|saw) (?:an? )?(?:error|mistake|typo)|(?:encontrou|viu|achou) (?:um|algum) erro|"
    r"¿?(?:has visto|encontraste|viste) (?:un|algún) error|fehler gefunden|нашли ошибку|fout gezien|"
    r"vous avez (?:repéré|trouvé|vu) une (?:erreur|faute)|hai (?:trovato|notato) un errore|znalazłeś błąd|"
    r"hata mı (?:buldunuz|gördünüz)|menemukan kesalahan)\s?\?(?:\s*(?:let us know|tell us|report it|e-?mail us|avise|"
    r"fale com|escreva|envie|comunique|av[íi]sanos|escr[íi]benos|cu[ée]ntanos|schreiben sie|melden sie|teilen sie|"
    r"выделите|сообщите|напишите|signalez|dites-le|[ée]crivez|segnalacelo|scrivici|laat het ons weten|meld het|"
    r"daj nam znać|napisz|bize bildirin|beri tahu|hubungi|laporkan|entre em contato|contate|contact us|"
    r"cont[áa]ctanos|contactez-nous|kontaktieren sie uns|contattaci)\b[^?]{0,80})?|"
    rf"{REPORT_ERROR}|"
    r"誤字・?脱字(?:を|の)?(?:報告|連絡)(?:する)?|記事の誤り(?:を|の)?(?:報告|指摘)(?:する)?|(?:我要)?纠错|기사 ?오류 ?(?:제보|신고))[.!]?$",
    )


@rule("error-page", "ui-chrome", max_len=200, gate=("404", "not found", "looking for", "requested", "nicht gefunden",
                                                     "no encontrada", "não encontrada", "introuvable", "non trovata",
                                                     "не найдена", "tidak ditemukan", "erro", "mistake", "typo",
                                                     "fehler", "ошибк", "fout", "erreur", "faute",
                                                     "błąd", "hata", "kesalahan", "誤", "纠错", "오류"))
def error_page(ctx: LineContext) -> bool:
    """The notice of a page that is not there: "404 - Page not found", "Sorry, the page you are
    looking for does not exist".

    >>> error_page(LineContext(["Sorry, the page you are looking for does not exist or has been moved."], 0))
    True
    >>> error_page(LineContext(["404"], 0)), error_page(LineContext(["Seite nicht gefunden"], 0))
    (True, True)
    >>> error_page(LineContext(["The page you are looking for in the archive tells the story of 1968."], 0))
    False
    """
    return bool(_ERROR_PAGE.match(ctx.low))


REPEAT_MIN_WORDS = 30
"""A line this long or longer is judged for repeated runs of words ..."""
REPEAT_MAX_SHARE = 0.5
"""... and is junk when more than this share of its 5-word runs repeat an earlier one (prose
repeats hardly any; a keyword list or a stuck page repeats nearly all)."""


@rule("repeated-words", "low-content")
def repeated_words(ctx: LineContext) -> bool:
    """A long line of the same few words again and again: keyword stuffing or a broken page.

    >>> repeated_words(LineContext(["word " * 50], 0)), repeated_words(LineContext(["buy cheap shoes online " * 10], 0))
    (True, True)
    >>> repeated_words(LineContext(["The council said on Monday that the new bridge would open to traffic in the "
    ...                             "spring, and that the cost of the project had risen by a third since then."], 0))
    False
    """
    low = ctx.low
    if low.count(" ") < REPEAT_MIN_WORDS - 1:
        return False
    words = low.split()
    n = len(words)
    # each repeated run ends on a word seen before, so the line has fewer than n - repeats distinct
    # words: with REPEAT_MAX_SHARE 0.5, over (n + 4) / 2 distinct words rule it out (exactly)
    if n < REPEAT_MIN_WORDS or len(set(words)) >= n - REPEAT_MAX_SHARE * (n - 4):
        return False
    runs = list(zip(words, words[1:], words[2:], words[3:], words[4:]))
    return len(runs) - len(set(runs)) > REPEAT_MAX_SHARE * len(runs)


_PLATFORM_PITCH = re.compile(
    r"(?:wherever you get your podcasts|as a preferred source on google|^add [^.!?]{2,40} on google$|"
    r"^(?:watch|see) (?:the latest|more|our latest) (?:videos?|clips) on youtube\.?$|"
    r"^(?:listen to|subscribe to|follow) (?:the|our) (?:[\w'’-]+ ){0,3}podcast (?:on|at) |"
    r"^follow (?:[\w'’-]+(?:'s|’s)? )?(?:coverage|live updates|updates) (?:of|on) [^.!?]{2,80}\bat https?://|"
    # an audio version read by a machine, as its player credits it
    r"\busing ai narration\b|\bnarrated by (?:an? )?(?:ai|artificial|automated|computer)\b|^(?:this|the) (?:article|story) "
    r"(?:is|was) (?:narrated|read|voiced) by (?:an? )?(?:ai|artificial|automated)|"
    # a recipe card's prompt to share a photo of the dish
    r"\bgive (?:it|this(?: post| article| story)?) (?:a )?(?:clap|few claps|like)(?![\w-])|\bhit the clap button\b|"
    r"^(?:did you (?:make|try) this|tried this|made this) recipe\b|\btag @[\w.]+ on (?:instagram|twitter|tiktok|facebook)\b|"
    r"^(?:vous avez (?:testé|essayé|fait) cette recette|¿?(?:has|hiciste|probaste) (?:probado |hecho )?esta receta|"
    r"(?:fez|testou) esta receita|hai (?:provato|fatto) questa ricetta|rezept (?:ausprobiert|nachgekocht))\s*\?|"
    r"(?:^|[.?!] )(?:identifiez|taguez|etiquétanos|etiqueta a|marque|tagga|markiere) (?:(?:nous|-nous|moi|-me) )?@[\w.]+ "
    r"(?:sur|en|no|na|su|auf) (?:instagram|tiktok|facebook)\b|"
    # the outlet's channel on a messaging app or news aggregator
    r"\b(?:join|follow) (?:our|the) (?:[\w'’-]+ ){0,3}(?:whatsapp|telegram) channel\b|"
    r"^\W*(?:(?:participe|siga) (?:do|no|o|a|em|na)|entre (?:no|na|em)) (?:nosso |nossa )?(?:canal|perfil|grupo|comunidade)\b[^.!?]{0,40}"
    r"\b(?:whatsapp|telegram)\b|"
    r"^siga (?:a|o) [^.!?]{2,40} no (?:instagram|whatsapp|telegram|tiktok|youtube|facebook)\b|"
    r"^(?:envie|mande|tem|você tem)\b[^.!?]{0,40}\b(?:denúncia|sugestão) de pauta\b|"
    r"\b(?:únete|suscríbete) a (?:nuestro|el) canal (?:de )?(?:whatsapp|telegram)\b|"
    # "follow us on Google News / WhatsApp", "join our WhatsApp channel", in the other languages
    r"^\W*(?:siga-nos|sigam-nos|síguenos|suivez-nous|folgen sie uns|seguici|volg ons|obserwuj nas|ikuti kami|"
    r"подписывайтесь на нас) (?:no|na|nos|en|sur|auf|bei|su|op|w|na|di|в) (?:google (?:news|not[íi]cias|"
    r"actualités|nachrichten|notizie)|whatsapp|telegram)\b|"
    r"^google news'(?:te|ta) (?:bizi )?takip ed|^whatsapp kanalımıza katıl|"
    r"^\W*(?:rejoignez|abonnez-vous à|segui|iscriviti al|entra nel|treten sie|abonnieren sie|folgen sie) (?:notre|la|il nostro|il|unserem|dem|unseren|den) "
    r"(?:chaîne|canale|kanal|whatsapp-kanal|telegram-kanal)\b[^.!?]{0,20}\b(?:whatsapp|telegram)|"
    r"^\W*jetzt (?:unseren |den )?(?:whatsapp|telegram)-kanal|"
    r"(?:^|[\s\W])(?:line|公式line)(?:で|を)?友だち追加|"
    r"^síguenos en (?:google (?:news|noticias)|whatsapp|telegram)\b|"
    r"^\W*clique aqui (?:para |e )?(?:seguir|participar|entrar)\b[^.!?]{0,60}\b(?:whatsapp|telegram)\b|"
    r"\bikuti saluran whatsapp\b|\bsimak breaking news\b|"
    r"\bподписывайтесь на (?:наш )?(?:канал|telegram)|\bподписывайтесь на .{1,40}\bв (?:telegram|телеграм|вконтакте|дзен|max)\b|"
    r"\btranscript (?:was|is|has been) (?:machine|automatically|computer|ai)[- ]generated|"
    r"^please check the corresponding audio before quoting|"
    # a Japanese blog's request to click its ranking banner
    r"ランキングに参加しています|(?:バナー|ボタン)を(?:ポチッと|ポチっと|クリック)|応援(?:クリック|ポチ)|\bследите за новостями [^.!?]{0,30}\b(?:telegram|max|дзен)\b)",
    )


@rule("platform-pitch", "ui-chrome", max_len=300,
      gate=("podcast", "google", "youtube", "coverage", "updates", "recipe", "recette", "receta", "receita", "ricetta", "rezept", "tag @", "narrat", "voiced", "read by", " @",
            "whatsapp", "telegram", "instagram", "pauta", "友だち追加", "clap", "give it a like", "simak", "подписывайтесь", "следите", "transcript", "audio", "ランキング", "ポチ", "応援"))
def platform_pitch(ctx: LineContext) -> bool:
    """A pitch to follow the outlet elsewhere: its podcast, its videos, its Google source, a hub.

    >>> platform_pitch(LineContext(["Listen to the podcast on Spotify, Apple Podcasts or wherever you get your podcasts."], 0))
    True
    >>> platform_pitch(LineContext(["Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine"], 0))
    True
    >>> platform_pitch(LineContext(["Did you make this recipe? Tag @sarahcooks on Instagram and hashtag it #sarahcooks"], 0))
    True
    >>> platform_pitch(LineContext(["Produced by ElevenLabs and News Over Audio (NOA) using AI narration."], 0))
    True
    >>> platform_pitch(LineContext(["📲 Participe do canal do g1 SP no WhatsApp"], 0))
    True
    >>> platform_pitch(LineContext(["Participe do grupo de WhatsApp da Gazeta e receba as notícias da região."], 0))
    True
    >>> platform_pitch(LineContext(["This transcript was machine-generated and lightly edited."], 0))
    True
    >>> platform_pitch(LineContext(["The audiobook is narrated by the author, who reads it in her own voice."], 0))
    False
    >>> platform_pitch(LineContext(["The podcast on Spotify drew a million listeners in its first week, the company said."], 0))
    False
    """
    return bool(_PLATFORM_PITCH.search(ctx.low))


# The paywall, browser and app notices, in two regexes: the whole lines (anchored at the line's
# start: tried with match) and the phrases found anywhere in a line (search); a search of one
# alternation of both tried every line-start alternative at every position.
_PAYWALL_LINE = re.compile(
    r"(?:^please try again later|^(?:download|get|install) (?:the|our) (?:free )?(?:[\w-]+ ){0,3}app\b|"
    r"^give this article$|^send any friend a story$|^read in (?:the )?app$|^create (?:a |your )?free account$|"
    r"^read the full (?:story|article) (?:at|on) [^.!?]{2,40}\.?$|"
    r"^already have an account\??\s*(?:sign|log) ?in\.?$|"
    # the same notices in the other languages of the gate
    r"^déjà abonné|^offrir cet article$|^¿?ya (?:eres|soy) suscriptor|^(?:jetzt )?weiterlesen mit \S+|^bereits abonnent|"
    r"^al abonnee\?|^masz już (?:konto|subskrypcję|prenumeratę)|^zaten (?:abone|üye) misiniz|"
    # the outlet's app, in the other languages ("Baixe o app", "Téléchargez notre application")
    # (a sentence that tells readers to get some other app names no outlet's: "Baixe o aplicativo do banco e ...")
    r"^(?:baixe|descarregue|descarga|descargue|téléchargez|laden sie(?: sich)?|scarica|download|unduh|pobierz|"
    r"скачайте) (?:(?:notre|nossa|nosso|nuestra|unsere|la nostra|onze|naszą|наше) (?:\w+ ){0,2}"
    r"(?:app|aplicativo|aplicação|aplicación|application|applicazione|aplikasi|aplikację|приложение)\b|"
    # (and no second verb: "Скачайте приложение банка и оплатите штраф" is a step of a how-to)
    r"(?=[^.!?,;]{0,40}$)(?![^.!?]*\s(?:e|y|и|et|und|and|i|ve|dan|oraz)\s)(?:(?:o|a|la|el|l'|l’|die|de) ?)?"
    r"(?:app|aplicativo|aplicação|aplicación|application|applicazione|aplikasi|aplikację|приложение)\b)|"
    # (whole buttons only: "アプリをダウンロードした人は1億人を超えた。" is a sentence)
    r"^uygulamamızı indirin[.!]?$|^アプリ(?:で(?:読む|開く|見る)|をダウンロード)(?:する)?$|^(?:下载|打开)(?:app|客户端)$|"
    r"^앱 ?(?:다운로드|에서 보기)$|"
    r"^(?:【)?(?:有料)?会員限定(?:記事)?(?:】)?$|^ログインして(?:続きを)?(?:読む|お読みください)$|"
    r"^この記事は(?:有料)?会員限定(?:記事)?です。?$|^assine ou fa[çc]a (?:seu )?login|"
    r"^続きは(?:無料)?会員登録(?:（無料）|\(無料\))?で|^ログインして全文を読む|"
    r"^続きをアプリで読む|^(?:contenu |article )?réservé aux abonnés\.?$|"
    r"^jetzt (?:\w+[- ])?abo(?:nnement)? (?:abschließen|sichern|testen|wählen)|^assine(?: já)?[.!]?$|"
    r"^sei già abbonato|^já é assinante|^presente para (?:assinantes?|voc[êe])\b|"
    r"^assine (?:a partir de|por|por apenas|já por) r\$ ?\d|"
    r"^(?:suscríbete|abonnez-vous|abbonati|jetzt abonnieren) (?:desde|por|dès|à partir de|da|a partire da|ab|für) [$€£]?\s?\d|"
    r"^уже подписаны|^dieser (?:artikel|beitrag) gehört zum angebot von|"
    # an offer of the outlet's own subscription: an imperative, a plan, a price
    r"^(?=.*\b(?:access|subscri\w*|membership|premium|digital|unlimited)\b)(?:get|subscribe|join|try|become|sign up|"
    r"unlock|start|enjoy)\b[^.!?]{0,160}\bfor (?:as little as|just|only|less than) (?:rs\.? ?|inr ?|usd ?|eur ?|[$€£₹])\d)",
    )
_PAYWALL_PHRASE = re.compile(
    r"(?:to read the full (?:story|article)|subscribe to (?:continue|read|keep) reading|"
    r"(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved) (?:to|for) (?:subscribers|members)|"
    r"already (?:a )?(?:subscriber|member)\??\s*(?:sign|log) ?in|you have reached (?:your|the) (?:limit|maximum)|"
    r"free articles? (?:left|remaining)|to continue reading,? (?:subscribe|sign|log)|"
    r"create (?:a free|an) account to (?:continue|read)|you(?:'|’)ve (?:reached|used) (?:your|all)|"
    r"(?:sign|log) ?in to (?:continue|keep) reading|(?:sign|log) ?in to read the full|"
    r"(?:this|the) feature is (?:currently |temporarily )?(?:unavailable|not available)|"
    r"your browser does not support this|"
    r"temporarily disabled the password requirement|\bgift (?:this )?articles?\b|"
    r"(?:are|is) not supported by your browser|please enable javascript|javascript (?:is )?(?:disabled|required)|"
    r"update your browser|your browser is (?:out of date|not supported)|"
    # the same notices in the other languages of the gate
    r"la suite est réservée aux abonnés|article réservé aux abonnés|il vous reste \d+ ?% de (?:cet|l')article|"
    r"sur un seul appareil à la fois|"
    r"(?:contenido|artículo|noticia) (?:exclusivo |exclusiva )?(?:para|de) suscriptores|"
    r"(?:dieser|der) artikel ist (?:nur )?für abonnenten|"
    r"(?:articolo|contenuto) riservato agli abbonati|"
    r"(?:conteúdo|matéria|reportagem) exclusiv[oa] para assinantes|"
    r"\bassinantes podem (?:liberar|presentear|compartilhar|enviar)\b|"
    r"\benvie esta (?:matéria|reportagem|not[íi]cia) para quem n[ãa]o [ée] assinante|"
    r"доступ(?:но|ен) только (?:для )?подписчик|weil ein abonnent ihn ihnen geschenkt hat|"
    r"この記事は有料(?:会員限定)?記事です|残り\d+文字|有料会員(?:になると|登録で|の方は)|続きを(?:お)?読み(?:いただけます|になれます)|"
    r"有料記事読み放題|이 기사는 유료|유료 ?회원(?:만|에게|전용)|付费(?:阅读|内容)|开通会员(?:后|即可)|"
    # a first month for a token price, as subscription offers put it in other languages
    r"\b(?:il primo mese|le premier mois|el primer mes|o primeiro mês|den ersten monat|первый месяц) "
    r"(?:a|à|por|für|за|pour) (?:(?:solo|seulement|nur|только|apenas) )?[$€£₽]?\s?\d)",
    )

# more of the same notices in other languages, in a pattern of their own that only lines with one of
# its literal words reach (as alternatives of the one above they were tried at every position of
# every line that holds "app" or "mes")
_PAYWALL_MORE = re.compile(
    # each with the paywall's own words in the same clause (a plan, subscribing, logging in), or as
    # the whole line: "Pour lire la suite de l'histoire, il faut revenir en 1945" is a sentence
    r"(?:^(?:esta |essa |este |esse |o |a )?(?:conteúdo|matéria|reportagem|texto|not[íi]cia|recurso)(?: é)? exclusiv[oa] "
    r"(?:para|de|a) assinantes[^,;]{0,30}$|"
    r"\bpara continuar (?:lendo|a ler)\b[^.!?]{0,30}\b(?:assine|assinante|fa[çc]a (?:login|seu cadastro)|cadastre-se|entre)|"
    r"\bpara seguir leyendo\b[^.!?]{0,30}\b(?:suscr|inicia sesi|reg[ií]str)|"
    r"\bpour (?:lire|continuer à lire) la suite\b[^.!?]{0,40}\b(?:abonn|connect|inscri|identifi)|"
    r"\bper continuare a leggere\b[^.!?]{0,30}\b(?:abbona|accedi|registrati)|"
    r"\bum (?:den artikel )?weiterzulesen\b[^.!?]{0,40}\b(?:abo|anmeld|registrier|einlogg|login)|"
    r"treść dostępna (?:tylko )?dla (?:subskrybentów|prenumeratorów)|"
    # a browser's missing support, of the page's own player or script
    r"votre navigateur ne (?:supporte|prend en charge) pas (?:la |l'|l’|les |le |ce |cette )?(?:vid[ée]o|audio|"
    r"lecture|javascript|html5|contenu|fonctionnalit)|ihr browser unterstützt [^.!?]{0,30}\b(?:video|audio|"
    r"javascript|html5)|"
    r"seu navegador n[ãa]o (?:suporta|é compatível)(?: com)? (?:o |a |este |esta |esse |essa )?(?:v[íi]deo|[áa]udio|"
    r"conte[úu]do|recurso|elemento|javascript|html5)|tu navegador no (?:soporta|admite|es compatible)(?: con)? "
    r"(?:el |la |este |esta )?(?:v[íi]deo|audio|contenido|elemento|javascript|html5)|"
    r"il tuo browser non supporta (?:il |l'|l’|questo |questa )?(?:video|audio|contenuto|elemento|javascript|html5)|"
    # the free-article limit ("You've reached your limit" is matched above)
    r"^(?:ya )?(?:has|ha) alcanzado (?:el|tu|su) l[íi]mite de (?:art[íi]culos|noticias)|"
    r"^vous avez atteint (?:la limite|le nombre maximum|votre limite) d'articles|"
    r"^hai raggiunto il (?:limite|numero massimo) di articoli|"
    r"^sie haben (?:ihr|das) (?:limit|kontingent) (?:an |für )?(?:kostenlosen? |freien )?artikel|"
    r"^voc[êe] (?:já )?atingiu o limite de (?:reportagens|matérias|mat[ée]rias|artigos|not[íi]cias))"
)
_PAYWALL_MORE_GATE = ("exclusiv", "para continuar", "para seguir", "la suite", "continuare", "weiterzulesen", "treść",
                      "navigateur", "ihr browser", "navegador", "tuo browser", "alcanzado", "atteint", "raggiunto",
                      "sie haben", "atingiu")

# every _PAYWALL_PHRASE alternative contains one of these: the lines that pass the rule's gate
# without any are not searched (a search of that pattern costs some 20 us a line)
_PAYWALL_PHRASE_GATE = ("read the full", "subscribe to ", "subscribers", "members", "already", "reached", "free article",
                        "continue reading", "account to ", "ve used", "in to ", "feature is ", "browser", "password",
                        "gift ", "javascript", "abonnés", "il vous reste", "appareil", "suscriptores", "abonnenten",
                        "abbonati", "assinante", "подписчик", "geschenkt", "有料", "残り", "続きを", "유료", "付费",
                        "开通会员", "il primo mese", "le premier mois", "el primer mes", "o primeiro mês",
                        "den ersten monat", "первый месяц")

# every paywall/browser pattern contains one of these
_PAYWALL_GATE = ("full ", "subscri", "member", "access", "premium", "abonn", "appareil", "offrir", "suscriptor",
                 "weiterlesen", "abbonat", "assinante", "assine", "presente", "suscríb", "abonniere", "подписч",
                 "подписан", "reached", "free article", "continue reading", "account", "used", "gift", "give this",
                 "send any friend", "password", "browser", "javascript", "app", "feature", "try again", "angebot",
                 "abonnent", "有料", "残り", "続き", "유료", "付费", "会员", "会員", "ログイン", "アプリ", "下载", "打开", "앱", "aplica",
                 "aplik", "приложение", "uygulama", "masz już", "zaten", "jetzt ", "mese", "mois", "mes", "mês",
                 "monat", "месяц") + _PAYWALL_MORE_GATE


@rule("paywall-browser", "ui-chrome", max_len=400, gate=_PAYWALL_GATE)
def paywall_browser(ctx: LineContext) -> bool:
    """Paywall, browser and app notices: "To Read the Full Story", "Please enable JavaScript",
    "Sign in to continue reading", "Download our app for the latest news".

    >>> paywall_browser(LineContext(["To Read the Full Story"], 0))
    True
    >>> paywall_browser(LineContext(["Download our app for the latest news"], 0))
    True
    >>> paywall_browser(LineContext(["Users who download the app must accept its terms, the company said."], 0))
    False
    >>> paywall_browser(LineContext(["Please enable JavaScript to view the comments."], 0))
    True
    >>> paywall_browser(LineContext(["Readers of the full story in print saw a longer version."], 0))
    False
    >>> paywall_browser(LineContext(["Get unlimited digital access for just $1 a week. Cancel anytime."], 0))
    True
    >>> paywall_browser(LineContext(["Il vous reste 65 % de cet article à lire. La suite est réservée aux abonnés."], 0))
    True
    >>> paywall_browser(LineContext(["Les abonnés de la salle de sport ont protesté contre la hausse des prix."], 0))
    False
    >>> paywall_browser(LineContext(["Netflix subscribers can now sign up for just $6.99 a month, the company said."], 0))
    False
    >>> paywall_browser(LineContext(["Get the blender for just $49 at Amazon, its lowest price this year."], 0))
    False
    """
    t = ctx.low
    return bool(_PAYWALL_LINE.match(t) or (contains_any(t, _PAYWALL_PHRASE_GATE) and _PAYWALL_PHRASE.search(t))
                or (contains_any(t, _PAYWALL_MORE_GATE) and _PAYWALL_MORE.search(t))
                or (t.startswith("assine ") and _SUBSCRIBE_TO.match(ctx.text)))


_SUBSCRIBE_TO = re.compile(r"^(?i:assine)(?: (?i:já|o|a))? [A-ZÀ-ÖØ-Þ][\w.]*(?: [A-ZÀ-ÖØ-Þ][\w.]*)?[.!]?$")
"""'Assine a Folha', 'Assine o Globo': the outlet's name, a capital (not 'Assine a petição')."""


# Words that name interface controls. A line made only of these (and numbers, separators,
# counts) is a button row. Section names ("World", "Politics", "Video") are deliberately absent:
# a lone section word is metadata.
_UI_WORDS = (
    # English
    "download|share|shares|shared|sharing|print|email|e-mail|mail|search|trends|trending|register|"
    "sign|signin|signup|in|up|out|log|login|logout|subscribe|subscribed|subscriber|subscription|"
    "menu|close|open|back|to|top|skip|content|main|next|previous|prev|load|show|more|less|"
    "read|view|all|full|story|article|comments?|reply|replies|like|likes|follow|following|tweet|"
    "save|saved|bookmark|copy|link|embed|expand|collapse|toggle|navigation|nav|go|submit|send|"
    "cancel|ok|accept|continue|watch|listen|now|here|click|tap|see|options?|sharing|via|this|"
    "page|home|homepage|account|my|profile|settings|notifications?|alerts?|feedback|help|contact|us|"
    "text|size|font|a|the|on|for|with|your|and|or|of|facebook|twitter|linkedin|pinterest|whatsapp|"
    "reddit|telegram|messenger|flipboard|tumblr|vk|instagram|youtube|snapchat|permalink|"
    "print|printer|friendly|version|pdf|rss|feed|opens|new|window|tab|edition|language|"
    "upvote|downvote|vote|report|abuse|flag|translate|zoom|fullscreen|enlarge|gallery|image|"
    "loading|loaded|please|wait|x|×|date|hide|caption|toggle|listen|audio|an|error|typo|"
    "chargement|cargando|carregando|caricamento|wird|geladen|загрузка|artikel|jetzt|kostenlos|"
    # Other languages (common UI verbs)
    "compartilhar|compartilhe|partilhar|compartir|partager|condividi|teilen|drucken|imprimir|"
    "imprimer|stampa|поделиться|печать|подписаться|войти|поиск|войдите|регистрация|공유|검색|로그인|"
    "구독|인쇄|댓글|bagikan|cari|masuk|daftar|leia|mais|leggi|tutto|weiterlesen|mehr|lire|la|suite|"
    "ver|más|mas|buscar|pesquisar|suchen|cerca|rechercher|anmelden|registrieren|abonnieren|"
    "s'abonner|iscriviti|assine|suscríbete|accedi|entrar|connexion|inscrever|inscreva-se|kommentare?|"
    "commenti|commentaires|comentários|comentarios|комментарии|ответить|responder|rispondi|antworten|"
    "sukai|suka|ini|memuat|balas|bagikan|"
    "copied|unfollow|saved|autoplay|jump|in|app|gift|give|create|free|already|have|size|anzeigen|weniger|"
    "startseite|zur|voir|plus|afficher|les|mostrar|mostra|altro|показать|ещё|еще|lihat|tampilkan|lebih|banyak|komentar|"
    # more buttons of other languages: sign in, subscribe, follow, save, copy the link, click here
    # (their function words only inside the phrases: alone, "un", "se", "os" would let a short
    # heading such as "Un errore" pass for a row of buttons)
    "já|faça login|fazer login|cadastre-se|cadastrar|grátis|gratuito|iniciar sesión|inicia sesión|iniciar sessão|"
    "se connecter|abonner|abbonati|inloggen|abonneer|word abonnee|zaloguj się|subskrybuj|giriş yap|abone ol|üye ol|"
    "langganan|siga-nos|síguenos|suivez-nous|seguici|folgen sie uns|volg ons|obserwuj nas|bizi takip edin|ikuti kami|"
    "salvar|enregistrer|speichern|opslaan|zapisz|kaydet|simpan|"
    "copiar|copier|kopieren|kopiëren|kopiuj|kopyala|salin|enlace|lien|linki|tautan|copiado|copié|kopiert|"
    "скопировать|ссылку|ссылка|скопирована|tamanho do texto|tamanho da fonte|texto|fonte|printen|drukuj|yazdır|"
    "copier le lien|copiar el enlace|copiar o link|copia il link|link kopieren|link kopiëren|kopiuj link|"
    "linki kopyala|salin tautan|para ler mais|para saber mais|para ver mais|para leer más|ler|leer|leggere|"
    "klik hier|klicken sie hier|clique aqui|haz clic aquí|haga clic aquí|pincha aquí|cliquez ici|hier klicken|clicca qui|klik di sini|"
    "kliknij tutaj|buraya tıklayın|нажмите здесь|ver os comentários|ver los comentarios|"
    "artigo|artículo|articolo|carregar|fechar|sair|continuar|continua|continue lendo|seguir|continuar lendo|continuar leyendo|seguir leyendo|leer más|"
    "continua a leggere|subscrever|assinar|s'inscrire|inscrivez-vous"
)
_UI_WORDS = "|".join(dict.fromkeys(_UI_WORDS.split("|")))  # (a word listed twice is tried once)
_UI_SEPS = r"\s\-–—|•·/:>»«›‹()\[\]+&,.!?…←→↑↓✕✖"
_UI_LINE = re.compile(
    rf"^(?:[{_UI_SEPS}]+|[{_UI_SEPS}]*(?:(?:{_UI_WORDS}|{REPORT_ERROR}|\d+[kKmM]?)\b[{_UI_SEPS}]*)+)$",
    )
"""Button words (or counts) with separators between them, or separators alone. (Written so that
each character has one way to match: the same tokens as an alternation of words, separators and
spaces inside one repetition took seconds on a run of dots followed by another word.)"""
_HAS_UI = re.compile(
    r"\b(download|share|print|e-?mail|search|trends|trending|register|sign|log ?in|subscribe|menu|close|"
    r"skip|load|show|read|view|comments?|reply|like|follow|tweet|save|bookmark|copy|embed|expand|"
    r"submit|cancel|accept|continue|watch|listen|click|settings|fullscreen|enlarge|loading|hide|toggle|error|typo|"
    r"compartilhar|compartilhe|compartir|partager|condividi|teilen|drucken|imprimir|stampa|"
    r"поделиться|печать|подписаться|войти|поиск|공유|검색|로그인|구독|인쇄|댓글|bagikan|cari|"
    r"leia|leggi|weiterlesen|lire|buscar|pesquisar|suchen|cerca|rechercher|anmelden|abonnieren|"
    r"iscriviti|assine|entrar|kommentare?|commenti|commentaires|comentários|комментарии|ответить|"
    r"responder|rispondi|antworten|back to top|facebook|twitter|whatsapp|linkedin|pinterest|sukai|memuat|"
    r"chargement|cargando|carregando|caricamento|geladen|загрузка|registrieren|copied|unfollow|autoplay|"
    r"jump|gift|app|account|font|text size|anzeigen|startseite|voir|afficher|mostrar|mostra|показать|lihat|tampilkan|"
    r"ver más|ver mais|saved|in this (?:article|story)|"
    r"login|cadastre-se|iniciar sesión|se connecter|s'abonner|abbonati|accedi|inloggen|abonneer|zaloguj|subskrybuj|"
    r"giriş yap|abone ol|üye ol|langganan|word abonnee|masuk|siga-nos|síguenos|suivez-nous|seguici|folgen sie uns|volg ons|obserwuj nas|"
    r"bizi takip|ikuti kami|salvar|enregistrer|speichern|opslaan|zapisz|kaydet|simpan|"
    r"copiar|copier|kopieren|kopiëren|kopiuj|kopyala|salin|copiado|copié|kopiert|скопировать|скопирована|"
    r"tamanho do texto|imprimer|printen|drukuj|yazdır|clique|clic|pincha|cliquez|klicken|clicca|klik|"
    r"kliknij|tıklayın|нажмите|carregar|fechar|sair|segnala|signaler|reportar|comunicar|zgłoś|laporkan|сообщить|"
    r"fehler melden|meld een fout|hata bildir|"
    r"continuar lendo|continue lendo|continuar a ler|seguir leyendo|leer más|continua a leggere|iniciar sessão|"
    r"subscrever|assinar|s'inscrire|inscrivez-vous)\b",
    )


@rule("ui-controls", "ui-chrome", max_len=80)
def ui_controls(ctx: LineContext) -> bool:
    """A short line made only of interface-control words (buttons, links, counters).

    >>> ui_controls(LineContext(["Download"], 0))
    True
    >>> ui_controls(LineContext(["date 2021-06-23 Register"], 0))
    True
    >>> ui_controls(LineContext(["Search Trends"], 0))
    True
    >>> ui_controls(LineContext(["Share this: Facebook Twitter"], 0))
    True
    >>> ui_controls(LineContext(["World"], 0)), ui_controls(LineContext(["In this article:"], 0))
    (False, True)
    >>> ui_controls(LineContext(["Share prices fell sharply on Monday."], 0))
    False
    """
    t = ctx.low
    # Allow ISO dates inside a button row ("date 2021-06-23 Register"). (The whole line's
    # pattern first: anchored, it fails at the first word that is no control's, where _HAS_UI
    # searches the whole line; 4.8 -> 2.4 us a line.)
    if not _UI_LINE.match(_ISO_DATE.sub(" ", t) if "-" in t else t) or not _HAS_UI.search(t):
        return False
    if "repl" in t and _COMMENT_BUTTONS.match(t):
        return False  # a comment's own buttons ("Like · Reply"): the comment rules take them
    return True


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_COMMENT_BUTTONS = re.compile(
    r"^(?:(?:like|likes|reply|replies|report|flag|share|upvote|downvote|vote|\d+)\s*[·|•]?\s*)+$")


# Breadcrumbs and menus written on one line: "Home › News › World", "News | Sport | Weather".
# (not a slash between digits: a date's "18/12/2023")
_SEP = re.compile(r"\s*(?:\||•|·|›|»|>|(?<!\d)/|/(?!\d)|::)\s*")


_FIELD = re.compile(r"^[■●◆・]?\s*(?P<label>[^\d:：/]{2,24}?)\s*[:：]\s*\S")


def is_field(line: str) -> bool:
    """A "Label: value" line of a fact box or spec sheet: a label of one or two words without
    figures, then the value (a teaser's "Storm in Hamburg: what parents need to know" has a
    longer one). Classify's fact boxes and the menu rule both ask it.

    >>> is_field("Price: $249"), is_field("発売日：2024年9月19日"), is_field("At 10:30 the talks resumed.")
    (True, True, False)
    """
    m = _FIELD.match(line) if len(line) <= 300 else None
    return bool(m) and m.group("label").count(" ") < 2 and len(m.group("label")) <= 16 \
        and not m.group("label").lower().startswith("http")


FIELD_MAX_CHARS = 100
"""A field line of a fact box or spec sheet ("Genre: RPG") is at most this long."""


def _menu_shaped(t: str) -> bool:
    """Three or more short items joined by menu separators, and not a sentence, a bracketed
    note, an address or a row of legal links (see :func:`menu_line`)."""
    if t[-1:] in ".!?" or (t[:1] == "(" and t[-1:] == ")"):
        return False  # a sentence, or a parenthesised note such as a photo credit
    if " " not in t and t[:8].lower().startswith(("http://", "https://", "www.")):
        return False  # a bare address: its slashes are a path, not separators (line statistics judge it)
    parts = [p for p in _SEP.split(t) if p]
    from .legal import is_legal_row  # a row of legal links is a footer, judged there

    if len(parts) < 3 or is_legal_row(t) or len(parts) * 2 < t.count(" ") // 2:
        return False
    return all(len(p.split()) <= 4 for p in parts)


def _plain_field(line: str | None) -> bool:
    """A short "Label: value" line whose value is no list of menu items ("ジャンル：RPG")."""
    return line is not None and len(line) <= FIELD_MAX_CHARS and line[-1:] != "." and is_field(line) \
        and not _menu_shaped(line)


@rule("menu-line", "navigation", max_len=300, gate=("|", "•", "·", "›", "»", ">", "/", "::"), context=True,
      shape=_menu_shaped)
def menu_line(ctx: LineContext) -> bool:
    """A line of three or more short items joined by menu separators (a menu or breadcrumb);
    not a field of a fact box or spec sheet whose value is such a list ("Platforms: PS5 / Switch
    / PC" among "Genre: RPG" and "Release: 19 September"), though a labelled menu is one
    ("Sections: News | Sport", even over a "Date: ..." line).

    >>> menu_line(LineContext(["Home › News › World"], 0))
    True
    >>> menu_line(LineContext(["News | Sport | Weather | Travel"], 0))
    True
    >>> menu_line(LineContext(["(Image credit: Future/SpaceX/Blue Origin)"], 0))
    False
    >>> menu_line(LineContext(["Sales rose 5% | profit fell, said the company, citing weaker demand."], 0))
    False
    >>> menu_line(LineContext(["https://example.com/shop/item/12345"], 0))  # one link, not a menu
    False
    >>> menu_line(LineContext(["2023/10/14(土) 11:30配信"], 0))  # a date
    False
    >>> menu_line(LineContext(["対応機種：PS5 / Switch / PC", "ジャンル：RPG", "発売日：2024年9月19日"], 0))
    False
    >>> menu_line(LineContext(["Sections: News / Sport / Weather", "Date: 2024-01-01"], 0))
    True
    """
    t = ctx.text
    if not _menu_shaped(t):
        return False
    if not is_field(t):
        return True
    # a field among fields: two plain fields next to it (above, below, or one on each side); one
    # "Date: ..." line beside a labelled menu makes no fact box
    above, below = _plain_field(ctx.neighbour(-1)), _plain_field(ctx.neighbour(1))
    return not ((above and below) or (above and _plain_field(ctx.neighbour(-2)))
                or (below and _plain_field(ctx.neighbour(2))))


# Share and interface words of Japanese and Korean pages, which write them without spaces
# between a verb and its ending ("シェアする", "공유하기"), so they get their own list.
_CJK_UI = re.compile(
    r"^(?:(?:シェア(?:する)?|ツイート(?:する)?|はてな(?:ブックマーク|ブックマークに追加)?|はてブ|"
    r"lineで(?:送る|シェア)|line|pocket|facebook|twitter|x|ブックマーク|印刷(?:する)?|メール|コメント(?:する)?|"
    r"ログイン|(?:無料)?会員登録|メニュー|検索|トップ(?:へ|に)?戻る|ページ(?:の)?(?:先頭|トップ)へ|続きを読む|もっと(?:見る|読む)|"
    r"(?:この)?記事を(?:シェア|保存|印刷)(?:する)?|(?:facebook|x|twitter|line|はてな)で(?:シェア|送る|ポスト)(?:する)?|"
    r"(?:リンク|url)を?コピー(?:する)?|保存(?:する)?|文字サイズ(?:[大中小]|変更|標準)*|(?:詳しく|詳細|続き)はこちら|こちらをクリック|"
    r"分享(?:到|至)?(?:微信|微博|朋友圈|qq|[:：])?|复制链接|打印|收藏|登录|注册|点击(?:这里|查看)|"
    r"링크 ?복사|저장|기사 ?공유(?:하기)?|기사 ?더보기|"
    r"次へ|前へ|(?:次|前)のページ(?:へ)?|(?:記事|ニュース)?一覧(?:へ|に戻る|を見る)|さらに(?:表示|読む|見る)|"
    r"(?:この記事の)?(?:写真|画像)(?:を(?:すべて|全て)?(?:見る|みる)|一覧)|コメントを(?:見る|読む)|"
    r"(?:この記事を)?共有(?:する)?|スクラップ|著者(?:を)?フォロー(?:する)?|(?:無料会員登録|会員登録|ログイン)はこちら|"
    r"記事をマイページに保存|記事に関する報告|"
    r"공유(?:하기)?|스크랩|인쇄(?:하기)?|이메일|댓글 ?쓰기|좋아요|페이스북|트위터|카카오(?:톡|스토리)|네이버|밴드|"
    r"いいね[!！]?(?:した人)?|リブログ|フォロー(?:する)?|読者になる|通報する|"
    r"url ?복사|기사 ?보내기|글자 ?크기|확대|축소|목록|맨 ?위로|로그인|회원가입|구독(?:하기)?|검색|공감|\d+)"
    r"(?:\s*[(（]\d+[)）])?[\s|/・·,、]*)+$"
)


@rule("cjk-share-bar", "social-share", max_len=80)
def cjk_share_bar(ctx: LineContext) -> bool:
    """A row of share or interface buttons on a Japanese or Korean page.

    >>> cjk_share_bar(LineContext(["シェア ツイート はてなブックマーク"], 0))
    True
    >>> cjk_share_bar(LineContext(["공유하기 페이스북 트위터 카카오톡"], 0))
    True
    >>> cjk_share_bar(LineContext(["いいね！した人  |  リブログ(0)"], 0))
    True
    >>> cjk_share_bar(LineContext(["首相は会見でシェアの拡大を説明した。"], 0))
    False
    """
    t = ctx.low
    return not t.isascii() and bool(_CJK_UI.match(t))
