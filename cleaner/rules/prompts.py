"""Rules for prompts addressed to the reader: newsletter pitches, comment forms, cookie notices.

These are often full sentences, so line shape cannot catch them; what gives them away is the
vocabulary of the prompt (an inbox, a required field, a cookie), matched as a phrase.
"""
from __future__ import annotations

import re

from . import LineContext, contains_any, rule

_NEWSLETTER = re.compile(
    r"(?:\bnewsletters?\b|\binbox\b|\bunsubscribe\b|e-?mail alerts?|\bmailing list\b|"
    r"sign(?:ing)? up (?:here|now|today|free)|sign(?:ing)? up (?:for|to) (?:our|free|e-?mail|the \w+ (?:newsletter|briefing|digest))|"
    r"subscribe (?:to|for|now|today|here)|click (?:here )?to subscribe|"
    r"enter your e-?mail|your e-?mail address(?! will not)|e-?mail (?:address )?(?:here|below)|"
    r"get (?:the|our) (?:latest|best|top|daily|weekly)\b.{0,60}\b(?:delivered|sent|straight|in your)|"
    r"delivered (?:directly |straight |right )?to (?:your|you)|"
    r"by (?:signing up|subscribing|registering|submitting (?:your|this)\b[\w ]{0,20}),? (?:i|you) (?:agree|accept|consent)|"
    r"thank you for (?:signing up|subscribing)|successfully subscribed|succes+fully subscribed|"
    r"no spam\b|we(?:'|’)ll never share your|\bthe opt-in box\b|"
    r"(?:every (?:day|week|morning)|each (?:day|week)),? we(?:'ll| will)? send (?:you )?an? e-?mail|"
    r"inscreva-se|assine (?:a|nossa) newsletter|receba (?:em seu|no seu|por) e-?mail|"
    r"receba\b[^.!?]{0,40}?\b(?:not[íi]cias|newsletters?|novidades|conte[úu]dos?|an[áa]lises|informa[çc][õo]es|resumo|"
    r"boletim|destaques|mat[ée]rias|alertas)\b[^.!?]{0,40}?\b(?:em seu|no seu|em sua|na sua|por|pelo) e-?mail|"
    r"nieuwsbrie(?:f|ven)|\bnewslettera\b|zapisz się (?:do|na) newslet|e-?bülten|bülten(?:imize|e) (?:abone|kayıt)|"
    r"メールマガジン|メルマガ|ニュースレター|订阅(?:我们的)?(?:新闻通讯|电子报|邮件)|电子报|"
    r"iscriviti alla|ricevi (?:la|le) newsletter|newsletter abonnieren|jetzt abonnieren|"
    r"abonnez-vous|inscrivez-vous à|suscríbete|recibe (?:nuestras?|las) |"
    r"подпи(?:шитесь|саться|сываясь) на (?:рассылку|новости|наш)|рассылк|"
    r"뉴스레터|berlangganan|daftar(?:kan)? email|^discover more from\b|"
    # consent under a signup form: to the site's terms and privacy policy
    r"^ao (?:subscrever|assinar|se (?:cadastrar|inscrever)|cadastrar-se|inscrever-se|registar-se)\b.{0,60}"
    r"\b(?:termos|pol[íi]tica de privacidade)|^al (?:suscribirte|registrarte|inscribirte)\b.{0,60}\b(?:t[ée]rminos|pol[íi]tica de privacidad)|"
    r"^en vous (?:inscrivant|abonnant)\b.{0,60}\b(?:conditions|politique de confidentialit)|"
    r"^cadastre-se\b.{0,60}\bnewsletters?\b|"
    # a Japanese notice that new articles come by mail, in its polite form
    r"(?:記事|更新|情報)[^。]{0,30}メール(?:で|にて)(?:お知らせ|通知)(?:します|いたします)|(?:最新|新着)記事をメールで受け取)",
    )
# Words that make a newsletter-vocabulary line a pitch rather than a sentence *about* newsletters.
_PITCH = re.compile(
    r"(?:\b(?:sign|subscribe|subscribing|join|get|receive|enter|delivered|inbox|unsubscribe|spam|"
    r"agree|free|daily|weekly|latest|our|your|thank|successfully|succes+fully|send)\b|"
    r"お知らせ|受け取|登録|購読|配信|inscreva|assine|receba|cadastr|subscrever|melden sie sich|anmeld|schrijf je in|meld je aan|"
    r"aanmelden|inschrijven|zapisz|abone|kayıt|termos|t[ée]rminos|conditions|iscriviti|ricevi|abonnieren|abonnez|inscrivez|suscr|recibe|"
    r"подпи|рассылк|뉴스레터|berlangganan|daftar)",
    )


# Within a longer text, these matches are as likely a sentence about some other service ("if you
# subscribe to all three services"; "a blog post, an email inbox, a webinar") ...
_WEAK = ("subscribe to", "subscribe for", "inbox")
# ... so their sentence must also offer something to the reader.
_OFFER = re.compile(r"\b(?:our|free|now|today|here|newsletters?|alerts?|unsubscribe|delivered|daily|weekly|"
                    r"latest|updates)\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
WEAK_MATCH_MAX_CHARS = 150
"""A line longer than this needs the offer beside a weak match."""


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, without that part."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left:start] + " " + text[end:right.start() if right else len(text)]


# every newsletter pattern contains one of these
_NEWSLETTER_GATE = ("newsletter", "inbox", "opt-in", "subscri", "alert", "mailing list", "sign", "mail", "deliver", "spam",
                    "never share", "inscreva", "assine", "receba", "iscriviti", "ricevi", "abonn", "inscrivez",
                    "suscr", "recibe", "подпи", "рассылк", "뉴스레터", "berlangganan", "daftar", "discover more",
                    "subscrever", "メール", "メルマガ", "ニュースレター", "订阅", "电子报", "nieuwsbrie", "bülten", "cadastr", "inscrev", "registar", "inscribi", "registrarte", "inscrivant", "abonnant")


@rule("newsletter-pitch", "newsletter-prompt", max_len=400, gate=_NEWSLETTER_GATE)
def newsletter_pitch(ctx: LineContext) -> bool:
    """A pitch to subscribe to a newsletter or e-mail alerts.

    >>> newsletter_pitch(LineContext(["Subscribe to our newsletter"], 0))
    True
    >>> newsletter_pitch(LineContext(["Sign up here to get the latest news, updates and special offers delivered directly to your inbox."], 0))
    True
    >>> newsletter_pitch(LineContext(["Receba em seu email nosso ebook gratuito"], 0))
    True
    >>> newsletter_pitch(LineContext(["Ao subscrever está a aceitar os Termos e Condições e a Política de Privacidade."], 0))
    True
    >>> newsletter_pitch(LineContext(["Sign up for CNN's Eat, But Better: Mediterranean Style."], 0))
    True
    >>> newsletter_pitch(LineContext(["Sign up for Amazon's Subscribe & Save program to get 15% off."], 0))
    False
    >>> newsletter_pitch(LineContext(["Every day we send an email with the top stories from Example."], 0))
    True
    >>> newsletter_pitch(LineContext(["The newsletter, founded in 1931, was read by every diplomat in Vienna, historians say."], 0))
    False
    >>> newsletter_pitch(LineContext(["The bundle costs $12.99 a month. If you were to subscribe to all three services "
    ...                               "separately, you would pay $5 more a month, so the bundle is the better deal."], 0))
    False
    """
    t = ctx.low
    if len(t) > 400:
        return False
    m = _NEWSLETTER.search(t)
    if not m:
        return bool(_NAMED_NEWSLETTER.match(ctx.text))
    if len(t) > WEAK_MATCH_MAX_CHARS and m.group() in _WEAK and not _OFFER.search(_sentence_around(t, *m.span())):
        return False
    if not m.group().isascii() and t[0] >= "\u3000":
        # Japanese or Chinese: a pitch is a button or label ("メルマガ登録") or asks the reader
        # ("ご登録ください"); "同社はメールマガジンの配信を始めた" is a sentence about one
        return len(t) <= CJK_PITCH_MAX_CHARS or bool(_CJK_ASK.search(t)) or any(
            k in m.group() for k in ("お知らせ", "通知", "受け取"))
    # A long sentence that merely mentions a newsletter needs a pitch word too.
    return len(t) <= 40 or bool(_PITCH.search(t))


CJK_PITCH_MAX_CHARS = 12
"""A Japanese or Chinese newsletter line this short is its button or label."""
_CJK_ASK = re.compile(r"ください|しませんか|はこちら|登録する|購読する|受け取る|お申し込み|ご登録|订阅|立即|点击")


# "Sign up for CNN's Eat, But Better: Mediterranean Style. Our eight-part guide ...": a signup to
# a newsletter the line names only by its title (every word capitalised up to the full stop:
# "Sign up for Amazon's Subscribe & Save program to get 15% off" goes on as a sentence)
_NAMED_NEWSLETTER = re.compile(r"^Sign up for [A-Z][\w.&-]*(?:'s|’s) (?:[A-Z0-9][\w'’&-]*[,:]? ?){1,8}(?:[.!](?: [^\n]{0,200})?)?$")


_COMMENT_LINE = re.compile(
    r"(?:^(?:there are )?no comments(?: yet)?\b|^be the first to (?:comment|review)|"
    r"^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|review)|^leave a reply|"
    r"^(?:\d+ )?(?:comments?|replies|responses?)(?: \(\d+\))?\s*:?$|^comments? (?:are )?(?:closed|disabled)|"
    r"^(?:\d+|one|no) (?:comments?|replies|responses?|thoughts?) (?:to|on) [\"“‘'«„]|"
    r"^reply(?: to (?:this )?comment)?$|^report (?:this )?(?:comment|abuse)$|"
    r"^(?:(?:like|likes|report|flag|share|upvote|downvote|vote|\d+)\s*[·|•]?\s*)*(?:reply|replies)"
    r"(?:\s*[·|•]?\s*(?:like|likes|report|flag|share|upvote|downvote|vote|\d+))*$|"
    r"^[^.!?]{1,50} (?:on|at|em|il|am|le) [^.!?]{3,40}(?:\d{1,2}:\d{2}(?: ?[ap]m)?|\d{4}) (?:said|says|wrote|disse|diz|"
    r"ha detto|schrieb|a écrit|dijo|написал\w*):$|"
    r"^\d+ (?:comentarios?|comentários?|commenti|commentaires?|kommentare?|komentar|комментари\w*)\s*:?$|"
    r"^publicar un comentario$|^postar um comentário$|^publier un commentaire$|^posta un commento$|"
    r"^[^.!?]{1,40} (?:dijo|disse|a dit|ha detto|schrieb|said|написал\w*)(?:\.\.\.|…)$|"
    r"^(?:sign|view|read) (?:the |our )?guest ?book$|^guest ?book(?: entries)?$|^(?:leave|share|post) a (?:condolence|memory)$|"
    r"^[^\"“”‘’'«»„]*\bwe(?:'d|’d| would) (?:like|love) to hear (?:from you|what you think|your (?:thoughts|views|feedback))|"
    r"^(?:\d+|satu|dua|tiga) tanggapan$|^balas$|"
    # the same headings, counters and prompts in more languages
    # (the singular only with its count: alone, "Reactie", "Yorum" or "评论" is also an article's subheading)
    r"^(?:\d+ )?(?:comentarios|comentários|commenti|commentaires|kommentare|reacties|komentarze|komentarzy|"
    r"yorumlar|komentar|комментарии|コメント(?:一覧)?)(?: ?[(（]\d+[)）])?\s*:?$|"
    r"^(?:\d+ (?:reactie|komentarz|yorum)|(?:reactie|komentarz|yorum|评论) ?[(（]\d+[)）])$|"
    r"^(?:ver|mostrar|ler|leer|voir|afficher|lire|mostra|leggi|bekijk|toon|lihat|pokaż|zobacz|yorumları gör) "
    r"(?:(?:os|los|les|i|tutti i|todos os|todos los|tous les|alle|de|semua|wszystkie) )?(?:\d+ )?"
    r"(?:comentários|comentarios|commentaires|commenti|reacties|komentar|komentarze)$|"
    r"^(?:commenta|comenta|comente|réagir|reageer|reageren|skomentuj|dodaj komentarz|yorum (?:yap|yaz(?:ın)?)|"
    r"tulis komentar|plaats een reactie|laat een reactie achter|geef een reactie|"
    r"コメント(?:を(?:書く|する|投稿する|残す)|する|欄)|发表评论|写评论|\d+条评论|评论\d+)$|"
    r"^(?:os |los )?comentários? (?:são|é) de (?:inteira |exclusiva )?responsabilidade|"
    r"^(?:os |los )?comentarios (?:son|es) (?:de )?(?:exclusiva )?responsabilidad|"
    # a prompt to rate the article ("Was this article helpful?") and its buttons
    r"^(?:(?:your|seu|tu|votre|ihr|il tuo) (?:comment|comentário|comentario|commentaire|kommentar|commento)\s*:?|"
    r"gostou (?:deste|desta|do|da) (?:conte[úu]do|mat[ée]ria|artigo|texto|reportagem|not[íi]cia)|"
    r"was this (?:article|page|story|post) (?:helpful|useful)|did you find this (?:article|page|story) (?:helpful|useful)|"
    r"(?:este|esse) (?:artigo|conte[úu]do|texto|post) (?:foi [úu]til|te ajudou)|"
    r"¿?(?:te (?:ha resultado|resultó|ha sido|fue) [úu]til (?:este art[íi]culo|esta (?:informaci[óo]n|noticia))|"
    r"(?:este art[íi]culo|esta informaci[óo]n) (?:te )?(?:ha sido|fue|es) [úu]til)|cet article vous a-t-il (?:été utile|plu)|"
    r"war dieser (?:artikel|beitrag) hilfreich|questo articolo (?:ti )?(?:è stato|è) utile|"
    r"この記事は(?:役に立ちましたか|いかがでしたか|参考になりましたか)|(?:役に立った|参考になった)(?:\s*[(（]?\d+[)）]?)?)\s*[?？]?$)",
    )
"""The comment section's furniture that a line opens with (or is): counters, forms' headings,
buttons, a comment's "... said:" header. Tried with ``match`` only (see _COMMENT_PHRASE)."""
_COMMENT_PHRASE = re.compile(
    r"(?:your e-?mail (?:address )?will not be published|required fields are marked|"
    r"save my name,? e-?mail|notify me of (?:follow-up|new) (?:comments|posts)|"
    r"this site uses akismet|comments? (?:are|is) moderated|moderat(?:es|ing) (?:all |reader )?comments|"
    r"you must be logged in to (?:post|comment)|log ?in to (?:comment|reply|post a comment)|"
    r"(?:sign|log) in to (?:join|leave|add) (?:the )?(?:conversation|discussion|comment)|"
    r"comments? powered by|you are commenting using your|join the (?:conversation|discussion)|"
    r"(?:view|show|hide|load|read|see) (?:all |more )?(?:\d+ )?(?:comments?|replies)|"
    r"comment (?:policy|guidelines)|community (?:guidelines|standards)|submission guidelines|"
    r"(?:please )?be (?:respectful|civil|courteous)\b.{0,60}\bcomment|our goal with (?:article )?comments|"
    r"join (?:our|the) (?:\w+ )?(?:forums?|community|discussion board)\b|"
    r"\bcommented on\s*$|"
    r"deixe (?:um|seu) comentário|deixe uma resposta|nenhum comentário|comente\b|"
    r"lascia un commento|nessun commento|kommentar (?:schreiben|verfassen)|keine kommentare|"
    r"laisser un commentaire|aucun commentaire|deja (?:un|tu) comentario|sin comentarios|"
    r"оставить комментарий|оставьте комментарий|комментариев нет|нет комментариев|"
    r"tinggalkan (?:balasan|komentar)|belum ada komentar|댓글(?:을)? (?:달|남기|쓰)|댓글이 없)",
    )
"""The comment section's phrases, anywhere in a line: moderation and anti-spam notices, prompts.
(Two patterns, not one: a search for one alternation of both tried every line-start
alternative at every position of the line too.)"""


# every comment pattern but the "... said:" header (which ends with a colon) contains one of these:
# the rule's gate, with ":" for that header (lines with none of them are not even tried)
_COMMENT_GATE = ("hear", "guest", "condolence", "memory", "dijo", "disse", "a dit", "ha detto", "schrieb", "said", "написал",
                 "forum", "community", "discussion board", "comment", "coment", "commento", "kommentar", "коммент", "komentar", "balas", "tanggapan", "댓글", "repl",
                 "respons", "review", "be the first", "published", "required", "save my", "notify", "akismet",
                 "logged in", "conversation", "discussion", "guidelines", "standards", "abuse", "deixe",
                 "thought", "was this", "did you find", "útil", "gostou", "utile", "hilfreich", "役に立", "いかが", "参考に", "koment", "reactie", "reageer", "yorum", "réagir", "コメント", "评论")


@rule("comment-form", "comment-prompt", max_len=400, gate=_COMMENT_GATE + (":",))
def comment_form(ctx: LineContext) -> bool:
    """The comment section's furniture: forms, counters, moderation and anti-spam notices.

    >>> comment_form(LineContext(["There are no comments."], 0))
    True
    >>> comment_form(LineContext(["LEAVE A COMMENT Your email address will not be published. Required fields are marked*"], 0))
    True
    >>> comment_form(LineContext(["Save my name, email, and website in this browser for the next time I comment."], 0))
    True
    >>> comment_form(LineContext(["Like · Reply"], 0))
    True
    >>> comment_form(LineContext(["12 responses to “Council approves the budget”"], 0))
    True
    >>> comment_form(LineContext(["3 thoughts on “A walk along the old canal”"], 0))
    True
    >>> comment_form(LineContext(["Join our Space Forums to keep talking space on the latest missions!"], 0))
    True
    >>> comment_form(LineContext(["Sign the Guest Book"], 0)), comment_form(LineContext(["Share a memory"], 0))
    (True, True)
    >>> comment_form(LineContext(["3 comentarios:"], 0)), comment_form(LineContext(["Marta dijo..."], 0))
    (True, True)
    >>> comment_form(LineContext(["The minister declined to comment on the leaked report."], 0))
    False
    >>> comment_form(LineContext(["We’d like to hear what you think about this article. Email us."], 0))
    True
    >>> comment_form(LineContext(["“We’d love to hear from you,” the mayor told residents."], 0))
    False
    >>> comment_form(LineContext(["The minister said:"], 0))  # a quotation follows, not a comment
    False
    """
    t = ctx.low
    if not (t.endswith(":") or contains_any(t, _COMMENT_GATE)):
        return False
    return bool(_COMMENT_LINE.match(t) or (contains_any(t, _COMMENT_PHRASE_GATE) and _COMMENT_PHRASE.search(t)))


# every _COMMENT_PHRASE alternative contains one of these: a line without any (most lines that
# pass the gate above, with "said" or "hear" in them) is not searched (17 -> 4 us a line)
_COMMENT_PHRASE_GATE = ("comment", "coment", "kommentar", "коммент", "komentar", "댓글", "replies", "will not be published",
                        "required fields are marked", "save my name", "notify me of", "akismet", "in to ", "join ",
                        "community", "submission guidelines", "deixe uma resposta", "tinggalkan")


_COOKIE = re.compile(
    r"(?:\bcookies?\b.{0,80}\b(?:use|uses|using|used|accept|consent|agree|policy|settings|preferences|"
    r"experience|browsing|continu|improve)|(?:use|uses|using|accept|consent to|agree to)\b.{0,40}\bcookies?\b|"
    r"^cookies?(?: policy| settings| preferences| notice)?$|privacy (?:&|and) cookies|"
    # (the site or "we" as the subject: "Het kabinet gebruikt cookies van Google niet meer" is news)
    r"(?:^|\b(?:site|sitio|sito|seite|webseite|website|strona|serwis|portal|página|pagina|situs|сайт|"
    r"nós|nosotros|nous|noi|wir|wij|my|мы)\b[^.!?]{0,20}?)"
    r"(?:utiliza|usa|usamos|utilizamos|utilizziamo|usiamo|utilise|utilisons|verwendet|verwenden|nutzt|"
    r"nutzen|использует|используем|menggunakan|utilizza|gebruikt|gebruiken|maakt gebruik van|używa|używamy|"
    r"wykorzystuje|wykorzystujemy)\b.{0,30}\b(?:cookies?|cookie-dateien|куки|файлы cookie|plików cookies?)|"
    r"\bçerez(?:ler)?(?:i|e)? (?:kullan(?:ıyoruz|maktadır|maktayız|ır|ıyor)|politikası)|"
    r"(?:cookie|クッキー)(?:を|の)?(?:使用|利用)(?:しています|します|に同意)|使用\s?cookie|"
    r"^(?:aceitar|aceptar|accepter|accetta|accetto|accept|akzeptieren|akceptuj[eę]?|akceptuję|accepteren|"
    r"kabul et|alle akzeptieren)(?: (?:os|los|les|i|all|todos(?: os| los)?|tous les|tutti i|wszystkie|alle))? "
    r"(?:cookies?|çerezleri)$|^(?:tüm )?çerezleri kabul et(?:in)?$|^(?:cookies?|alle cookies) (?:akzeptieren|accepteren|zulassen|accepter)$|"
    r"^(?:ao|al) continuar (?:navegando|a navegar)\b.{0,80}\b(?:concorda|aceita|acepta|consiente)|"
    r"^en poursuivant votre navigation\b.{0,80}\b(?:acceptez|consentez)|"
    r"쿠키|by continuing to (?:use|browse)\b.{0,60}\b(?:agree|accept|consent)|"
    r"gdpr|we value your privacy|manage (?:your )?(?:privacy|consent|cookies)|privacy preferences|"
    # the consent dialogs of ad frameworks (IAB TCF) and privacy laws, as they are worded
    r"store and/or access information on a device|precise geolocation data|click to consent|"
    r"personali[sz]ed (?:ads|advertising) and content|ad and content measurement|"
    r"we and our (?:\d+ )?(?:partners|vendors)\b.{0,60}\b(?:cookies|device|data|information|process)|"
    r"legitimate interests?\b.{0,80}\b(?:object|partners|vendors|purposes)|"
    r"do not sell (?:or share )?my (?:personal )?(?:info|information|data)|^your privacy choices$|"
    r"(?:wir und unsere partner|nous et nos partenaires|nosotros y nuestros (?:socios|proveedores)|"
    r"noi e i nostri (?:fornitori|partner)|nós e os nossos parceiros)\b)",
    )


# cheap literal gate before the regex: every cookie/consent pattern contains one of these
_COOKIE_GATE = ("cooki", "куки", "쿠키", "gdpr", "privacy", "consent", "by continuing to", "store and/or",
                "geolocation", "personali", "measurement", "partner", "vendors", "legitimate interest",
                "do not sell", "partenaires", "socios", "proveedores", "fornitori", "parceiros", "çerez", "クッキー",
                "ao continuar", "al continuar", "en poursuivant")


@rule("cookie-consent", "cookie-notice", max_len=800, gate=_COOKIE_GATE)
def cookie_consent(ctx: LineContext) -> bool:
    """A cookie or consent notice, or one of its buttons.

    >>> cookie_consent(LineContext(["This website uses cookies to improve your experience. Accept Read More"], 0))
    True
    >>> cookie_consent(LineContext(["Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza"], 0))
    True
    >>> cookie_consent(LineContext(["We and our partners store and/or access information on a device, such as cookies."], 0))
    True
    >>> cookie_consent(LineContext(["She baked cookies for the whole street every Christmas."], 0))
    False
    >>> cookie_consent(LineContext(["We and our partners will rebuild the school before the winter, the mayor said."], 0))
    False
    """
    t = ctx.low
    if len(t) > 800 or not any(k in t for k in _COOKIE_GATE):
        return False
    return bool(_COOKIE.search(t))


# cheap literal gate before the regex: every cookie/consent pattern contains one of these


# A pitch for money or membership: "Do you rely on our reporting? Click here to support it."
_SUPPORT = re.compile(
    r"(?:click here to (?:support|donate|contribute)|(?:please )?(?:support|fund) (?:our|independent|quality) "
    r"(?:journalism|reporting|work)|(?:make|give) a (?:one-off |one-time |monthly )?(?:donation|contribution)|"
    r"donate (?:now|today|here)|become a (?:member|patron|supporter|subscriber) (?:today|now|of|and|to)\b|"
    r"you can support (?:us|our)|apoie o jornalismo|sostieni (?:il )?(?:nostro )?giornalismo|"
    r"unterstützen sie (?:unseren )?journalismus|soutenez (?:notre )?journalisme|поддержите (?:нас|редакцию|проект))"
)


@rule("support-pitch", "ui-chrome", max_len=400,
      gate=("support", "donat", "contribut", "fund", "member", "patron", "subscriber", "apoie", "sostieni",
            "unterstützen", "soutenez", "поддержите"))
def support_pitch(ctx: LineContext) -> bool:
    """A request for donations or membership addressed to the reader.

    >>> support_pitch(LineContext(["Do you rely on Example reporting? Click here to support it."], 0))
    True
    >>> support_pitch(LineContext(["Please support independent journalism: make a one-off contribution."], 0))
    True
    >>> support_pitch(LineContext(["The charity said donations had fallen by a third since 2018."], 0))
    False
    """
    return bool(_SUPPORT.search(ctx.low))
