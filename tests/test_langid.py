"""Language detection: seeded, and the vectorised detector identical to langdetect's own."""
import random
from pathlib import Path

import pytest
from langdetect.detector import Detector

from cleaner.langid import VectorDetector, _factory, detect, sample

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]
SAMPLES = SEEDS + [
    "Le président a déclaré mercredi que les négociations reprendraient à Genève l’été prochain.",
    "Президент России заявил в среду, что переговоры продолжатся в следующем году.",
    "ロシアの大統領は水曜日、交渉は来年も続くと述べた。カタカナ ひらがな 漢字",
    "한국어 문장은 이렇게 생겼습니다. 대통령은 수요일에 말했다.",
    "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.",
    "مرحبا بكم في الأخبار العاجلة من العاصمة",
    "NATO AND THE EU SAID ON MONDAY   that talks   would go on; see http://example.com/x?y=1 or write a@b.com",
]


def _probabilities(cls, text):
    factory, cache = _factory()
    d = cls(factory, cache) if cls is VectorDetector else cls(factory)
    d.seed = 0
    d.append(text)
    try:
        return [(p.lang, float(p.prob)) for p in d.get_probabilities()]
    except Exception as e:  # both must fail the same way on text with no features
        return type(e).__name__


@pytest.mark.parametrize("k", range(len(SAMPLES)))
def test_identical_to_langdetect(k):
    assert _probabilities(VectorDetector, SAMPLES[k]) == _probabilities(Detector, SAMPLES[k])


def test_identical_on_random_mixed_text():
    rng = random.Random(3)
    chars = "aAbBcC  dé漢字かカ한글ДЖабв Ỷả مر 123.,!"
    for _ in range(150):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(1, 200)))
        assert _probabilities(VectorDetector, text) == _probabilities(Detector, text)


def test_seeded_and_order_free():
    a = [detect(t, 0, 1000) for t in SAMPLES]
    b = [detect(t, 0, 1000) for t in reversed(SAMPLES)][::-1]
    assert a == b
    assert [x[0] for x in a[5:10]] == ["fr", "ru", "ja", "ko", "vi"]


def test_sample_cuts_at_a_space():
    assert sample("alpha beta gamma", 12) == "alpha beta"
    assert sample("short", 0) == "short"
