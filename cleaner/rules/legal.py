"""Rules for legal and agency footers: copyright lines, terms links, reprint and affiliate notices,
wire-service credits."""
from __future__ import annotations

import re

from . import LineContext, rule

_COPYRIGHT = re.compile(
    r"(?:©|ⓒ|[(（]c[)）]\s*(?:\d{4}|copyright)|\bcopyright\b\s*(?:©|\(c\)|\d{4}|by\b|of\b|$|policy)|"
    r"all rights? reserved|todos os direitos reservados|tutti i diritti riservati|"
    r"alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"все права (?:защищены|сохранены)|hak cipta|저작권|무단 ?전재|재배포 금지|無断転載|著作権|版权所有|"
    r"alle rechten voorbehouden|wszelkie prawa zastrzeżone|tüm hakları saklıdır|"
    # a ban on reprinting, as a footer states it: at the line's start (a sentence that reports a
    # ban, "A polícia afirmou que é proibida a cópia ...", is no footer)
    r"^(?:é |está |queda )?(?:proibida a (?:sua )?(?:reprodução|c[óo]pia)\b.{0,40}\b(?:total|parcial|sem autoriza|"
    r"conte[úu]do|material|texto)|prohibida (?:su|la) reproducci[óo]n(?: total o parcial)?)|"
    r"^(?:toute )?reproduction (?:interdite|strictement interdite|réservée)|(?:^|©\s*)riproduzione riservata|"
    r"^(?:本文)?(?:未经(?:授权|许可|允许)[^。]{0,10}(?:不得|禁止)(?:转载|复制)|禁止转载)|"
    r"may not be (?:published|reproduced|redistributed|copied)|without (?:the )?(?:prior )?(?:written )?"
    r"permission of (?:the )?(?:copyright|publisher)|reproduction (?:in whole or in part )?(?:is )?prohibited)",
    )


# cheap literal gate before the regex: every copyright pattern contains one of these
_COPYRIGHT_GATE = ("©", "ⓒ", "(c)", "（c）", "copyright", "reserv", "права", "hak cipta", "저작권", "전재", "재배포",
                   "無断", "著作権", "版权", "may not be", "permission of", "prohibited", "réserv", "riservat",
                   "vorbehalten", "voorbehouden", "zastrzeżone", "saklıdır", "proibida", "prohibida", "reproduction",
                   "riproduzione", "转载")


@rule("copyright-line", "copyright-footer", max_len=500, gate=_COPYRIGHT_GATE)
def copyright_line(ctx: LineContext) -> bool:
    """A copyright or rights-reserved footer, in several languages.

    >>> copyright_line(LineContext(["© 2019 Guardian News & Media Limited or its affiliated companies. All rights reserved."], 0))
    True
    >>> copyright_line(LineContext(["Copyright (C) EnterMedia.co.kr . 무단 전재 금지"], 0))
    True
    >>> copyright_line(LineContext(["The band sued over copyright infringement in a Los Angeles court last year."], 0))
    False
    """
    t = ctx.low
    if len(t) > 500 or not any(k in t for k in _COPYRIGHT_GATE):
        return False
    return bool(_COPYRIGHT.search(t))




_TERMS = re.compile(
    r"^(?:(?:privacy|cookie|copyright|data|editorial|ethics|corrections?|accessibility|comment|"
    r"advertising|ad)(?: (?:policy|policies|statement|notice|settings|choices|guidelines))|"
    r"terms(?: (?:of|and|&) (?:use|service|conditions|sale))+|terms|privacy|"
    r"(?:your )?(?:ad|california privacy) (?:choices|rights)|do not sell my (?:personal )?info(?:rmation)?|"
    r"contact(?: us)?|about(?: us)?|advertise(?: with us| with \w+)?|careers|jobs|imprint|impressum|"
    r"subscriber (?:agreement|terms|services)|user agreement|site ?map|rss(?: feeds?)?|"
    r"política de privacidade|termos de uso|fale conosco|quem somos|anuncie|expediente|"
    r"informativa (?:sulla )?privacy|chi siamo|contatti|pubblicità|datenschutz(?:erklärung)?|kontakt|"
    r"mentions légales|politique de confidentialité|aviso legal|política de privacidad|"
    r"политика конфиденциальности|пользовательское соглашение|контакты|реклама|о нас|о проекте|"
    r"개인정보처리방침|이용약관|회사소개|광고문의|kebijakan privasi|tentang kami|pedoman media siber)$",
    )


@rule("legal-links", "copyright-footer", max_len=200)
def legal_links(ctx: LineContext) -> bool:
    """A footer link or row of links to legal and corporate pages.

    >>> legal_links(LineContext(["Privacy Policy"], 0))
    True
    >>> legal_links(LineContext(["Terms of Use | Privacy Policy | Contact Us"], 0))
    True
    >>> legal_links(LineContext(["Privacy"], 0))
    True
    >>> legal_links(LineContext(["Privacy campaigners criticised the new policy on Monday."], 0))
    False
    """
    return is_legal_row(ctx.text)


def is_legal_row(text: str) -> bool:
    """Whether every item of the line (split at menu separators) is a legal or corporate link."""
    if len(text) > 200:
        return False
    if "  " not in text and not any(sep in text for sep in "|•·/"):  # one item: no need to split
        return bool(_TERMS.match(text.lower().strip()))
    parts = [p.strip() for p in _ROW.split(text.lower()) if p.strip()]
    return bool(parts) and all(_TERMS.match(p) for p in parts)


_ROW = re.compile(r"\s*[|•·/]\s*|\s{2,}")

_PAGE_SUBJECT = (
    r"(?:this|the|our) (?:article|content|information|site|website|page|post|material|story|newsletter)|"
    r"nothing (?:in|on) this|(?:est[ea]|o|a) (?:conteúdo|texto|artigo|material|matéria|informação|site|página|análise)|"
    r"(?:est[ea]|el|la) (?:contenido|artículo|texto|informaci[óo]n|material|p[áa]gina|an[áa]lisis)|"
    r"(?:cet|ce|le|la) (?:article|contenu|texte|site|page)|(?:questo|quest'|il|la) ?(?:articolo|contenuto|testo|sito|pagina)|"
    r"(?:dieser|diese|der|die) (?:artikel|beitrag|inhalt|text|seite|informationen?)|"
    r"(?:данн\w+|эт\w+|информаци\w+|материал\w*)"
)
"""How a page's own disclaimer names itself ("This article ...", "Este conteúdo ...")."""
_NOTICE = re.compile(
    r"(?:may (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?(?:commission|share of (?:the )?sales?)|"
    r"if you (?:buy|purchase) (?:something|anything|a product) (?:through|via|from) (?:links? |this |our |one of )|"
    r"affiliate (?:links?|commission|advertising program)|associates program|"
    r"(?:we|this site) (?:may )?earns? (?:a )?(?:commission|money)|contains affiliate links|"
    r"^\(?(?:reporting|writing|editing|additional reporting|compiled|edited) by [^.]{2,160}"
    r"(?:;|\band\b|editing by|\)\s*$)|"
    r"^citation:|retrieved \d{1,2} \w+ \d{4} from https?://|^reuse this content$|^réutiliser ce contenu$|"
    r"is solely responsible for all content|trust principles\.?$|\band syndicated by\b|"
    r"this content is (?:created|imported) and maintained by a third party|"
    r"protected by recaptcha|by (?:clicking|signing up|subscribing|registering|continuing)\b.{0,40}\byou (?:agree|accept|consent) to (?:our|the|receive)|"
    r"this (?:document|article|story|material) is subject to copyright|"
    r"(?:market )?data (?:is )?delayed (?:at least )?\d+ minutes|"
    r"(?:quotes|prices) (?:are )?delayed|"
    # a shop's price may have moved since the review was written
    r"^(?:prices?|preise|prix|precios|preços|prezzi)\b[^.!?]{0,40}\b(?:(?:may|might|can|could) (?:have )?change|"
    r"können sich (?:inzwischen |seitdem |zwischenzeitlich )?geändert haben|peuvent avoir changé|pueden haber cambiado|"
    r"podem ter mudado|possono essere cambiati|(?:were|are) (?:accurate|correct) at the time of (?:writing|publication|publishing))|"
    r"^alle angaben ohne gewähr|"
    r"the views expressed (?:in this|here|are)|opinions expressed (?:in this|here|are)|"
    r"opiniões expressas (?:neste|nesta|aqui|são de)|opiniones expresadas (?:en est|aquí|son de)|"
    r"les opinions exprimées (?:dans cet|ici|n'engagent|sont celles)|le opinioni espresse (?:in quest|sono d|dall)|"
    r"(?:pode|podem) conter links? de afiliad|puede contener enlaces de afiliad|peut contenir des liens d'affiliation|"
    r"può contenere link di affiliazion|kann affiliate-links enthalten|enthält affiliate-links|"
    r"results vary|consult your (?:physician|doctor)|not intended to diagnose|"
    # the page's own medical or investment disclaimer: its subject is the page ("this content ...",
    # "este conteúdo ..."), so a sentence reporting what someone said of an app or a bank stays
    rf"^(?:{_PAGE_SUBJECT})[^.!?]{{0,80}}?\b(?:(?:is not|isn't) (?:a )?substitute for|does not replace|"
    r"(?:is not|isn't) intended to replace|n[ãa]o substitui|no sustituye|ne remplace pas|ersetzt (?:keine|nicht)|"
    r"non sostituisce|(?:does not|do not|doesn't|is not intended to) constitute|n[ãa]o (?:constitui|configura)|"
    r"no (?:constituye|representa)|ne constitue pas|non costituisce|stellt keine anlageberatung|"
    r"не является (?:индивидуальной )?инвестиционной)|"
    r"特定の(?:金融商品|銘柄|商品)を推奨するものではありません|投資(?:の)?勧誘を目的と(?:した|する)ものではありません|"
    r"^(?:this|the) (?:article|story|post) (?:originally )?(?:appeared|was (?:originally )?published) "
    r"(?:on|in)\b|^originally published (?:on|in|at)\b|"
    r"^(?:source|fonte|fuente|quelle|источник|sumber|출처)\s*:\s*[^.!?]{2,40}$|"
    r"^\((?:dpa|afp|ap|reuters|efe|ansa|apa|sda|kna|epd|tass|xinhua|lusa|ria novosti)(?:\s*[/,]\s*[\w-]+){0,3}\)$|"
    r"^(?:mit material (?:von|der)|con información de|com informações d[aoe]s?|avec l?'?afp|"
    r"with (?:files|reporting|wires) from) [^.!?]{2,60}$)",
    )


# every notice pattern contains one of these
_NOTICE_GATE = ("solely responsible", "trust principles", "syndicated by", "third party", "reuse this", "réutiliser", "recaptcha", "by clicking", "by signing", "by subscribing",
                "by registering", "by continuing", "commission", "affiliate", "associates program", "earn", "share of", "if you buy", "if you purchase", "reporting", "writing", "editing",
                "compiled", "edited", "citation", "retrieved", "subject to", "delayed", "expressed", "results vary",
                "consult your", "diagnose", "price", "preise", "prix", "precios", "preços", "prezzi", "ohne gewähr", "substitu", "not replace", "sustituye", "remplace", "ersetzt", "sostituisce", "constitu",
                "stellt keine", "инвестиционной", "推奨", "勧誘", "originally", "appeared", "published", "source", "fonte", "fuente",
                "quelle", "источник", "sumber", "출처", "(dpa", "(afp", "(ap", "(reuters", "(efe", "(ansa", "(sda",
                "(kna", "(epd", "(tass", "(xinhua", "(lusa", "(ria", "mit material", "con información",
                "com informações", "avec", "with files", "with reporting", "with wires", "opiniõ", "opinion",
                "afiliad", "affiliation", "affiliazion")


@rule("legal-notice", "copyright-footer", max_len=600, gate=_NOTICE_GATE)
def legal_notice(ctx: LineContext) -> bool:
    """Affiliate disclosures, wire-service credits, citation and reprint notices, disclaimers.

    >>> legal_notice(LineContext(["Microsoft may earn an Affiliate Commission if you purchase something through recommended links."], 0))
    True
    >>> legal_notice(LineContext(["(Reporting by Greg Roumeliotis; Editing by Martin Howell)"], 0))
    True
    >>> legal_notice(LineContext(["Este conteúdo tem caráter informativo e não constitui recomendação de investimento."], 0))
    True
    >>> legal_notice(LineContext(["Este conteúdo é informativo e não substitui a consulta com um profissional de saúde."], 0))
    True
    >>> legal_notice(LineContext(["If you buy something through this post, Example may get a share of the sale."], 0))
    True
    >>> legal_notice(LineContext(["(dpa)"], 0)), legal_notice(LineContext(["Mit Material von dpa"], 0))
    (True, True)
    >>> legal_notice(LineContext(["Reporting by the BBC revealed the scale of the fraud."], 0))
    False
    >>> legal_notice(LineContext(["AP"], 0))  # an outlet's name alone is metadata
    False
    """
    t = ctx.low
    return bool(_NOTICE.search(t))


# a labelled field of contact details: "Telephone: ...", "Fax: ...", "E-mail: ..."
_CONTACT_FIELD = re.compile(r"\b(tel|telephone|phone|fax|e-?mail|mobile|whatsapp)\s*[.:]\s*\S")
_PHONE_NUMBER = re.compile(r"(?:\+?\d[\d ()\-–.*/]{5,}\d)")
CONTACT_MIN_FIELDS = 2
"""A line with this many kinds of contact field, and a telephone number, is a contact footer."""


@rule("contact-details", "copyright-footer", max_len=600, gate=("tel", "phone", "fax", "mail", "mobile", "whatsapp"))
def contact_details(ctx: LineContext) -> bool:
    """The outlet's contact details: a line of labelled contact fields (two kinds at least,
    "Telephone:" and "Fax:", say) with a telephone number, the way a customer-service or
    imprint footer prints them; a sentence that mentions a phone or an e-mail has no such fields.

    >>> contact_details(LineContext(["The Example Post Customer Service Center can be contacted with any questions: "
    ...                              "Telephone: *2421 Extension 4 or 03-7619056 Fax: 03-5613699 E-mail: help@example.com"], 0))
    True
    >>> contact_details(LineContext(["Tel.: +49 30 1234567 | E-Mail: redaktion@example.de"], 0))
    True
    >>> contact_details(LineContext(["She said by phone that she had sent an e-mail to the mayor on 12 March."], 0))
    False
    """
    t = ctx.low
    if len(t) > 600:
        return False
    kinds = {m.group(1).replace("-", "").replace("telephone", "tel").replace("phone", "tel")
             for m in _CONTACT_FIELD.finditer(t)}
    return len(kinds) >= CONTACT_MIN_FIELDS and bool(_PHONE_NUMBER.search(t))
