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

import math
import re
from array import array
from functools import lru_cache
from operator import itemgetter

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


class _NormTable(dict):
    """str.translate table for NGram.normalize, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        value = self[code] = NGram.normalize(chr(code))
        return value


_ASCII_LETTERS = re.compile(r"[A-z]+")  # langdetect's own test: "A" <= ch <= "z"
_VI_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323]")  # the marks NGram.normalize_vi composes
_NON_ASCII = re.compile("[^\x00-\x7f]+")
# bytes.translate tables: NGram.normalize of each ASCII character (other bytes kept); and the
# bytes to delete to keep the first bytes of characters from U+0300 up, the ASCII letters
# ("A" <= ch <= "z"), or the first bytes of non-ASCII characters. (langdetect counts characters
# from U+0300 up as non-Latin. It means to leave out Latin Extended Additional, but compares a
# block number with a block name, so it never does; neither do we.)
_ASCII_NORM = bytes(ord(NGram.normalize(chr(c))) for c in range(128)) + bytes(range(128, 256))
_BELOW_U0300 = bytes(range(0xCC))
_NOT_ASCII_LETTER = bytes(range(ord("A"))) + bytes(range(ord("z") + 1, 256))
_NOT_FIRST_NON_ASCII = bytes(range(0xC0))


class FastPath:
    """The decision langdetect would reach, computed instead of sampled, when it is certain.

    langdetect draws n-grams of the text at random, with replacement, and multiplies each
    language's probability by the n-gram's (smoothed) frequency in that language, until one
    language passes 0.99999; it does this 7 times and averages. For the top language *t* and
    any other *l*, the log-odds of t over l is then a random walk whose steps are
    ``log p_t(g) - log p_l(g)`` over the document's n-grams g, with a mean ``mu`` and a variance
    ``var`` we can compute exactly from the n-gram counts. A walk with positive drift ever falls
    a distance A below its start with probability about ``exp(-2 mu A / var)``. When that is
    below ``exp(-margin)`` for every other language, and the walk reaches convergence well
    within langdetect's iteration limit, every trial ends on t with a probability above
    0.99999, so langdetect would answer (t, 1.0) at 4 decimals: that answer is given without
    sampling. Otherwise ``decide`` returns None and langdetect's own algorithm runs.

    The n-grams are langdetect's own: the same text preparation, normalisation and n-gram
    rules (checked against its extractor by a test), computed per distinct word.
    """

    MAX_MISS = 0.01  # largest allowed chance that one sampling trial ends on another language
    ROWS = 1 << 16  # distinct words remembered (0.5 KB each, and 0.5 KB more for each of ...
    TOPS = 4  # ... the top languages they are remembered for)
    BARRIER = math.log(Detector.CONV_THRESHOLD / (1 - Detector.CONV_THRESHOLD))

    def __init__(self, factory):
        grams = list(factory.word_lang_prob_map)
        self.index = {g: i for i, g in enumerate(grams)}
        probs = np.array([factory.word_lang_prob_map[g] for g in grams], dtype=np.float64)
        self.log = np.log(probs + Detector.ALPHA_DEFAULT / Detector.BASE_FREQ)
        self.langs = list(factory.langlist)
        self.table = _NormTable()
        self.words: dict[str, bytes] = {}  # word -> word_bytes(word)
        # per distinct word met (a row; row 0 is the empty word): the sum of its n-grams'
        # log-probabilities, how many n-grams it has, and, per top language met, the sum of their
        # squared log-odds (see decide); forgotten all at once when ROWS are used up
        self.rows: dict[str, int] = {"": 0}
        self.grams: list[bytes] = [b""]
        self.sums = np.zeros((self.ROWS, len(self.langs)))
        self.sizes = np.zeros(self.ROWS)
        self.squares: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # top -> (sums, which rows are done)

    def prepare(self, text: str) -> str:
        """langdetect's append() and cleaning_text(): the text its n-grams are taken from."""
        # (each substitution only where it can match: they are slow on long texts)
        if "http" in text:
            text = Detector.URL_RE.sub(" ", text)
        if "@" in text:
            text = Detector.MAIL_RE.sub(" ", text)
        if not text.isascii() and _VI_MARK.search(text):
            text = NGram.normalize_vi(text)
        text = text[:10000]
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if text.isascii():
            return text.encode("ascii").translate(_ASCII_NORM).decode("ascii")
        # characters counted as bytes of UTF-8: from U+0300 up by their first byte, ASCII letters
        data = text.encode("utf-8", "surrogatepass")
        non_latin = len(data.translate(None, _BELOW_U0300))
        if non_latin and len(data.translate(None, _NOT_ASCII_LETTER)) * 2 < non_latin:
            text = _ASCII_LETTERS.sub("", text)
            data = text.encode("utf-8", "surrogatepass")
        if len(data.translate(None, _NOT_FIRST_NON_ASCII)) * 50 > len(text):
            return text.translate(self.table)
        # few non-ASCII characters: the ASCII ones normalised as bytes, then the others
        text = data.translate(_ASCII_NORM).decode("utf-8", "surrogatepass")
        return _NON_ASCII.sub(lambda m: m.group().translate(self.table), text)

    def word_grams(self, word: str, end: bool = True) -> np.ndarray:
        """Indices of the profile n-grams langdetect takes from one word (normalised), preceded
        by a space and, unless it ends the text, followed by one. NGram.add_char's rules:
        n-grams of 1-3 characters that do not cross a space; none while inside a run of two or
        more capitals."""
        return np.frombuffer(self.word_bytes(word, end), dtype=np.int32)

    def word_bytes(self, word: str, end: bool = True) -> bytes:
        """:meth:`word_grams` as the bytes of its int32 array, remembered per word (so that a
        text's n-grams are one ``bytes.join`` of its words')."""
        return self._key_bytes(word if end else word + "\x00")

    def _key_bytes(self, key: str) -> bytes:
        """:meth:`word_bytes` of a word's key: the word, followed by NUL when it ends the text."""
        found = self.words.get(key)
        if found is None:
            found = self._grams_of(key)
            if len(self.words) < 500_000:
                self.words[key] = found
        return found

    def _grams_of(self, key: str) -> bytes:
        """:meth:`_key_bytes`, not remembered."""
        word, end = (key[:-1], False) if key.endswith("\x00") else (key, True)
        # a window over " " + word (+ " "): the 1-3 characters ending at each character
        s, get, out, capital = " " + word + " " if end else " " + word, self.index.get, [], False
        for j in range(1, len(s)):
            c = s[j]
            capital = c.isupper() and (capital or s[j - 1].isupper())
            if capital:
                continue
            if c != " ":
                k = get(c)
                if k is not None:
                    out.append(k)
            k = get(s[j - 1:j + 1])
            if k is not None:
                out.append(k)
            if j >= 2:
                k = get(s[j - 2:j + 1])
                if k is not None:
                    out.append(k)
        return array("i", out).tobytes()  # C int: int32, as the frombuffer in word_grams reads it

    def counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(distinct n-gram indices, sorted, and their counts) of a prepared text: the n-grams
        of every word occurrence in one array, sorted, and counted by runs."""
        words = text.split(" ")
        last = words.pop()  # the text's last word has no space after it ("" if the text ends with one)
        known = self.words
        try:
            parts = [known[w] for w in words if w]
        except KeyError:  # words not met before
            get = known.get
            parts = [get(w) or self.word_bytes(w) for w in words if w]
        if last:
            parts.append(self.word_bytes(last, end=False))
        idx = np.sort(np.frombuffer(b"".join(parts), dtype=np.int32))
        if not idx.size:
            return np.empty(0, dtype=np.int64), np.empty(0)
        first = np.empty(idx.size, dtype=bool)  # where a run of equal indices starts
        first[0] = True
        np.not_equal(idx[1:], idx[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        return idx[starts], np.diff(starts, append=idx.size).astype(np.float64)

    def decide(self, text: str) -> str | None:
        """The language langdetect would certainly answer for this text, or None if unsure."""
        found = self.moments(text)
        if found is None:
            return None
        top, mu, var = found
        mu[top], var[top] = np.inf, 1.0
        if mu.min() <= 0 or (self.BARRIER + math.log(len(mu))) / mu.min() > Detector.ITERATION_LIMIT / 4:
            return None
        exponent = 2 * mu * self.BARRIER / np.maximum(var, 1e-12)
        if np.exp(-exponent).sum() > self.MAX_MISS:
            return None
        return self.langs[top]

    def moments(self, text: str) -> tuple[int, np.ndarray, np.ndarray] | None:
        """(top language, and per language the mean and variance over the text's n-grams of the
        log-odds of top over it), or None when the text has no n-gram of the profiles. The
        sums over the n-grams are taken word by word: each distinct word's sums over its own
        n-grams are computed once (:meth:`_rows`), and a text adds up its words'."""
        words = self.prepare(text).split(" ")
        last = words[-1]  # the text's last word has no space after it ("" if the text ends with one)
        words[-1] = last + "\x00" if last else ""
        rows, w = np.unique(np.array(self._rows(words), dtype=np.intp), return_counts=True)
        w = w.astype(np.float64)
        total = w @ self.sizes[rows]  # the text's n-grams
        if not total:
            return None
        logp = w @ self.sums[rows]  # per language: the sum of the n-grams' log-probabilities
        top = int(np.argmax(logp))
        mu = (logp[top] - logp) / total
        return top, mu, (w @ self._squares(top, rows)) / total - mu * mu

    def _rows(self, keys: list[str]) -> tuple[int, ...]:
        """The row of each word key (see :meth:`_key_bytes`; "" is row 0), new words given one."""
        rows = self.rows
        try:
            found = itemgetter(*keys)(rows)
            return found if isinstance(found, tuple) else (found,)
        except KeyError:
            pass
        new = [k for k in dict.fromkeys(keys) if k not in rows]
        if len(self.grams) + len(new) > self.ROWS:  # full: start again
            rows.clear()
            rows[""] = 0
            del self.grams[1:]
            self.squares.clear()
            new = [k for k in dict.fromkeys(keys) if k]
        first = len(self.grams)
        grams = [self._key_bytes(k) for k in new]
        self.grams.extend(grams)
        rows.update(zip(new, range(first, first + len(new))))
        self.sizes[first:first + len(new)] = [len(g) // 4 for g in grams]
        self.sums[first:first + len(new)] = self._sum_grams(grams, lambda logp: logp)
        return itemgetter(*keys)(rows) if len(keys) > 1 else (rows[keys[0]],)

    def _squares(self, top: int, rows: np.ndarray) -> np.ndarray:
        """Per row: the sum over the word's n-grams of the squared log-odds of language ``top``
        over each language (computed for the rows that lack it)."""
        entry = self.squares.pop(top, None)
        if entry is None:
            if len(self.squares) == self.TOPS:  # the top language used longest ago gives up its arrays
                entry = self.squares.pop(next(iter(self.squares)))
                entry[1][:] = False
            else:
                entry = np.zeros((self.ROWS, len(self.langs))), np.zeros(self.ROWS, dtype=bool)
        self.squares[top] = entry  # (the dict keeps the tops in the order they were last used)
        sums, done = entry
        todo = rows[~done[rows]]
        if len(todo):
            def squared(logp):
                steps = np.subtract(logp[:, top].copy()[:, None], logp, out=logp)
                return np.multiply(steps, steps, out=steps)
            sums[todo] = self._sum_grams([self.grams[r] for r in todo.tolist()], squared)
            done[todo] = True
        return sums[rows]

    def _sum_grams(self, grams: list[bytes], f) -> np.ndarray:
        """Per word (its n-grams' indices as bytes): the sum over its n-grams of ``f`` of their
        rows of log-probabilities (zeros for a word without n-grams)."""
        out = np.zeros((len(grams), len(self.langs)))
        sizes = np.array([len(g) // 4 for g in grams])
        some = sizes > 0
        if some.any():
            values = f(self.log.take(np.frombuffer(b"".join(grams), dtype=np.int32), axis=0))
            starts = np.cumsum(sizes) - sizes
            out[some] = np.add.reduceat(values, starts[some], axis=0)
        return out


@lru_cache(maxsize=1)
def _fast_path() -> FastPath:
    return FastPath(_factory()[0])


@lru_cache(maxsize=1)
def _factory():
    # Loading the 55 language profiles takes about a second: once per process.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory, {}


def warm_up() -> None:
    """Load the profiles now (before worker processes fork, so they share them)."""
    _fast_path()


SAMPLE_PIECES = 3
"""A sample of a text longer than it (see :func:`sample`) is taken from this many places."""


def sample(text: str, max_chars: int) -> str:
    """About max_chars of text (0 means all of it): ``SAMPLE_PIECES`` stretches of at most
    max_chars // SAMPLE_PIECES characters from evenly spaced places, from its start to its end,
    each cut at spaces where it has one near its ends, joined by a space. So a body that opens or closes in another language
    (a quotation, a bio) weighs in the sample as it does in the whole text.

    >>> text = " ".join(f"w{k}" for k in range(1000))  # 4,889 characters
    >>> cut = sample(text, 1000)
    >>> len(cut) <= 1000, cut[:12], "w499 w500 w501" in cut, cut[-12:]
    (True, 'w0 w1 w2 w3 ', True, '97 w998 w999')
    >>> sample("short", 0), sample("short", 10)
    ('short', 'short')
    """
    if not max_chars or len(text) <= max_chars:
        return text
    size = max(1, max_chars // SAMPLE_PIECES)
    pieces = []
    for k in range(SAMPLE_PIECES):
        start = (len(text) - size) * k // (SAMPLE_PIECES - 1)
        if start:  # from the start of a word
            space = text.find(" ", start - 1, start + size // 2)
            start = space + 1 if space >= 0 else start
        stop = start + size
        if stop < len(text):  # to the end of a word
            end = text.rfind(" ", start, stop + 1)
            stop = end if end > start + size // 2 else stop
        pieces.append(text[start:stop])
    return " ".join(p for p in pieces if p)


def detect(text: str, seed: int = 0, max_chars: int = 0, fast: bool = True) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability) of the text, or (None, None) when it has no letters.

    With ``fast``, :class:`FastPath` answers when langdetect's answer is certain: first on a
    :func:`sample` of ``max_chars`` (0: no sample), then on the whole text; where it is
    certain of neither, or without ``fast``, langdetect's sampling runs (seeded) on the whole
    text (of which langdetect reads at most 10,000 characters)."""
    from langdetect.lang_detect_exception import LangDetectException

    if not any(ch.isalpha() for ch in text):
        return None, None
    if fast:
        part = sample(text, max_chars)
        certain = _fast_path().decide(part)
        if certain is None and part is not text:
            certain = _fast_path().decide(text)
        if certain:
            return certain, 1.0
    detector = VectorDetector(*_factory())
    detector.seed = seed
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, None
    return best.lang, round(float(best.prob), 4)
