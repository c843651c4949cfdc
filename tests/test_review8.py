"""Cases found in review 8 (the multilingual vocabulary change, 1db4835..2243109): ordinary
sentences and subheadings the new patterns took, generic related headings inside articles,
spaced-out headlines, prefix-only list headings, topics lifted as tags, a regex that
backtracked. Each failed at the review and was fixed after it.
"""
from __future__ import annotations

import time

import pytest

from cleaner.classify import _line_stats, _names_list
from cleaner.pipeline import clean_text
from cleaner.rules import run_rules


# --- ordinary sentences and subheadings that a new pattern takes alone -------------------------

PROSE = [
    # copyright-line: "proibida a reprodução / prohibida la reproducción / reproduction interdite / 禁止转载"
    # are searched anywhere in the line (and a copyright line inside the article ends it)
    "A polícia afirmou que é proibida a cópia do material apreendido sem ordem judicial.",
    "La ley establece que queda prohibida la reproducción de obras protegidas sin permiso del autor.",
    "La reproduction interdite des œuvres a été sanctionnée par le tribunal.",
    "该网站禁止转载他人作品，法院判决。",
    # photo-credit: "crédito/credito:" (the financial word) and "图：" (路线图, 蓝图, 地图 ...) anywhere
    "O governo ampliou as linhas de crédito: R$ 10 bilhões para pequenas empresas",
    "Il governo ha aumentato il credito: 5 miliardi alle imprese",
    "改革路线图：三步走",
    "发展蓝图：到2035年基本实现现代化",
    # paywall-browser (_PAYWALL_MORE): unconditional phrases of ordinary prose
    "Pour lire la suite de l'histoire, il faut revenir en 1945, explique l'historien.",
    "Um weiterzulesen, müssen die Forscher die alten Handschriften erst digitalisieren.",
    "Seu navegador não suporta o novo padrão, segundo a Apple.",
    # paywall-browser: prefix-only app patterns ("aplikasi X ...", "アプリをダウンロード...", "下载app...")
    "Aplikasi PeduliLindungi tidak lagi wajib",
    "アプリをダウンロードした人は1億人を超えた。",
    "下载app的用户数突破一亿。",
    "앱 다운로드 수가 1억 건을 넘었다.",
    # cookie-consent: a report about cookies
    "Het kabinet gebruikt cookies van Google niet meer, meldde de minister.",
    # newsletter-pitch: a Japanese line without 。 (a subheading) that mentions a newsletter
    "メルマガ読者は10万人を超えた",
    # ui-controls: "a/an error" subheadings, now all UI words ("un", "une", "um", "een" + "erro(r)")
    "Un errore",
    "Une erreur",
    "Um erro",
    "Een fout",
    "Un error",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_line_is_kept(line):
    assert run_rules([line]) == {}


# --- in context: a generic one-word "related" heading inside an article takes the list under it --

def _page(*middle: str) -> str:
    body = [
        "O principal índice da bolsa brasileira fechou em alta de 1,2% nesta terça-feira, aos 128 mil pontos, "
        "puxado pelas ações de petroleiras e bancos.",
        "Segundo analistas, o movimento refletiu a alta do petróleo no exterior e a expectativa de corte de juros "
        "nos Estados Unidos ainda este ano.",
    ]
    tail = ["O dólar, por sua vez, caiu 0,8% e fechou cotado a R$ 4,95, o menor valor em três semanas, segundo "
            "dados do Banco Central."]
    return "\n\n".join(["Ibovespa fecha em alta puxado por Petrobras", *body, *middle, *tail])


def test_market_subheading_list_is_kept():
    doc = clean_text(_page("Em alta", "Petrobras subiu 3,2% no dia", "Vale avançou 2,1% com o minério",
                           "Itaú ganhou 1,8% na sessão"))
    assert "Petrobras subiu 3,2% no dia" in doc.body


def test_recommendations_subheading_is_kept():
    page = ["Die besten Laufschuhe im Test",
            "Wir haben zwölf Laufschuhe für Anfänger und Fortgeschrittene über mehrere Wochen getestet, auf Asphalt, "
            "im Wald und auf der Bahn.",
            "Dabei achteten wir auf Dämpfung, Passform und Haltbarkeit, aber auch auf den Preis und darauf, wie sich "
            "die Schuhe nach 200 Kilometern anfühlen.",
            "Empfehlungen", "Für Anfänger: Modell A", "Für Wettkämpfe: Modell B", "Für Trail: Modell C",
            "Alle getesteten Modelle haben wir selbst gekauft, die Hersteller hatten keinen Einfluss auf die "
            "Bewertung in diesem Test."]
    doc = clean_text("\n\n".join(page))
    assert "Für Anfänger: Modell A" in doc.body and "Alle getesteten Modelle" in doc.body


def test_copyright_phrase_in_prose_keeps_the_rest():
    doc = clean_text(_page("A polícia afirmou que é proibida a cópia do material apreendido sem ordem judicial."))
    assert "O dólar, por sua vez" in doc.body


# --- metadata ----------------------------------------------------------------------------------

@pytest.mark.parametrize("page, title", [
    (["정치", "한 중 일 정상회의 서울서 개최", "세 정상, 4년 5개월 만에 한자리에", "입력 2024.05.26 14:05",
      "한국과 중국, 일본 정상이 26일 서울에서 만나 경제 협력과 북한 문제를 논의했다고 대통령실이 밝혔다.",
      "세 나라 정상이 한자리에 모인 것은 4년 5개월 만으로, 공동선언문에는 공급망 협력 강화가 담겼다.",
      "대통령실 관계자는 이번 회의가 세 나라 관계 회복의 계기가 될 것이라고 말했다고 전했다."],
     "한 중 일 정상회의 서울서 개최"),
    (["Economia", "A a Z da reforma tributária", "Entenda o que muda para consumidores e empresas",
      "O Congresso aprovou nesta quarta-feira a reforma tributária, que muda a forma como os impostos sobre "
      "consumo são cobrados no país.",
      "Segundo o relator, a transição deve durar sete anos e começar em 2026, com uma fase de testes das novas "
      "alíquotas.",
      "Empresários ouvidos pela reportagem dizem que ainda há dúvidas sobre a regulamentação e os regimes especiais."],
     "A a Z da reforma tributária"),
])
def test_spaced_words_headline_is_the_title(page, title):
    assert clean_text("\n\n".join(page)).meta["title"] == title


def test_topics_sentence_in_body_is_not_tags():
    page = ["Los candidatos debaten en televisión",
            "Los cinco candidatos a la alcaldía participaron el jueves en el primer debate televisado, que duró casi "
            "tres horas en total.",
            "La cadena dividió el programa en bloques temáticos y cada candidato tuvo dos minutos para responder a "
            "las preguntas del moderador.",
            "Temas: vivienda, empleo y sanidad",
            "El candidato de la oposición centró sus críticas en las listas de espera y prometió reducirlas a la "
            "mitad en dos años de gobierno."]
    doc = clean_text("\n\n".join(page))
    assert "Temas: vivienda, empleo y sanidad" in doc.body


# --- classify ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["What you need to know", "Supplies run low in Gaza", "Bahan bakar minyak naik",
                                  "Werkzeuge der Macht", "材料費が高騰"])
def test_needs_heading_is_the_whole_heading(text):
    assert not _names_list(text, _line_stats(text, "en"))


# --- cost --------------------------------------------------------------------------------------

def test_ui_line_does_not_backtrack():
    t = time.perf_counter()
    run_rules(["Print " + "." * 20 + " Recipe"])
    assert time.perf_counter() - t < 0.5
