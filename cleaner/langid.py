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


@lru_cache(maxsize=1)
def _factory():
    # Loading the 55 language profiles takes about a second: once per process.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


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
    detector = _factory().create()
    detector.seed = seed
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, None
    return best.lang, round(best.prob, 4)
