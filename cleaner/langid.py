"""Language of the clean body with langdetect, seeded so that labels are reproducible.

langdetect samples n-grams at random; each detector gets its own seed here, so the label of a
document never depends on which documents were detected before it.

>>> detect("Russia has legitimate fears over the risk of American military hardware being "
...        "stationed close to its borders, the country's president has said.")[0]
'en'
>>> detect("")
(None, None)
"""
from __future__ import annotations

from functools import lru_cache

import re

import numpy as np
from langdetect.detector import Detector
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import unicode_block

_SPACE_RUN = re.compile(" {2,}")


class VectorDetector(Detector):
    """langdetect's Detector with its two loops over the 55 languages done by numpy.

    The arithmetic is the same, element by element, in float64 (``p *= weight + q`` and
    ``p / sum``, with the sum taken by Python in the same order), and the random draws are the
    same, so the probabilities are identical to langdetect's (a test checks this); it is only
    faster, because those loops run for every sampled n-gram. The text preparation and n-gram
    extraction are langdetect's own steps with the per-character normalisation remembered
    instead of recomputed for every character.
    """

    def __init__(self, factory, cache: dict):
        super().__init__(factory)
        self._vectors = cache.setdefault("vectors", {})  # n-gram -> numpy vector of probabilities
        self._norm = cache.setdefault("norm", {})  # character -> NGram.normalize(character)
        self._kind = cache.setdefault("kind", {})  # character -> latin (1), non-latin (2), other (0)

    def append(self, text):
        # langdetect: drop URLs and e-mail addresses, normalise Vietnamese, cut at
        # max_text_length, and squeeze runs of spaces to one (its loop, as one regex)
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])

    def cleaning_text(self):
        kind = self._kind
        counts = [0, 0, 0]
        for ch in self.text:
            k = kind.get(ch)
            if k is None:
                if "A" <= ch <= "z":
                    k = 1
                elif ch >= "\u0300" and unicode_block(ch) != "Latin Extended Additional":
                    k = 2
                else:
                    k = 0
                kind[ch] = k
            counts[k] += 1
        if counts[1] * 2 < counts[2]:
            self.text = "".join(ch for ch in self.text if ch < "A" or "z" < ch)

    def _extract_ngrams(self):
        # NGram.add_char's state machine, inlined, with normalize() remembered per character
        norm, wmap, result = self._norm, self.word_lang_prob_map, []
        grams, capital = " ", False
        for ch in self.text:
            c = norm.get(ch)
            if c is None:
                c = norm[ch] = NGram.normalize(ch)
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if c == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += c
            if c.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            if grams[-1] != " " and grams[-1] in wmap:
                result.append(grams[-1])
            if len(grams) >= 2:
                if grams[-2:] in wmap:
                    result.append(grams[-2:])
                if len(grams) >= 3 and grams in wmap:
                    result.append(grams)
        return result

    def _init_probability(self):
        return np.array(super()._init_probability(), dtype=np.float64)

    def _update_lang_prob(self, prob, word, alpha):
        if word is None:
            return False
        vec = self._vectors.get(word)
        if vec is None:
            lang_prob_map = self.word_lang_prob_map.get(word)
            if lang_prob_map is None:
                return False
            vec = self._vectors[word] = np.array(lang_prob_map, dtype=np.float64)
        prob *= alpha / self.BASE_FREQ + vec
        return True

    def _normalize_prob(self, prob):
        prob /= sum(prob.tolist())
        return float(prob.max())


@lru_cache(maxsize=1)
def _factory():
    # Loading the 55 language profiles takes about a second: once per process.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory, {}


def warm_up() -> None:
    """Load the profiles now (before worker processes fork, so they share them)."""
    _factory()


def sample(text: str, max_chars: int) -> str:
    """At most max_chars of text, cut at a space (0 means all of it)."""
    if not max_chars or len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    return text[: cut if cut > max_chars // 2 else max_chars]


def detect(text: str, seed: int = 0, max_chars: int = 0) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability) of the text, or (None, None) when it has no letters."""
    from langdetect.lang_detect_exception import LangDetectException

    text = sample(text, max_chars)
    if not any(ch.isalpha() for ch in text):
        return None, None
    detector = VectorDetector(*_factory())
    detector.seed = seed
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, None
    return best.lang, round(float(best.prob), 4)
