"""Document-level dedup: each duplicate kind, the seeds' non-duplicates, order independence."""
from __future__ import annotations

import dataclasses
import json
import random
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from cleaner.config import CleanConfig
from cleaner.dedup import Duplicate, Signature, dedup_documents, signature_of, signatures_of
from cleaner.dedup.exact import normalize_body, normalize_tokens
from cleaner.dedup.near import ShingleIndex, Verifier

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "fixtures" / "seeds-expected"
CFG = CleanConfig()


def seed_body(prefix: str) -> str:
    """A seed's clean body, from its expectation fixture (paragraphs joined by a blank line)."""
    (path,) = EXPECTED.glob(f"{prefix}_*.json")
    return "\n\n".join(json.loads(path.read_text(encoding="utf-8"))["body"])


def seed_raw(prefix: str) -> str:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


ARTICLE = seed_body("001")  # ~900 words
PARAS = ARTICLE.split("\n\n")
WORDS = ARTICLE.split()


def shingle_jaccard(a: str, b: str, k: int = 5) -> float:
    """Reference Jaccard on Python sets of k-word shingles."""
    def sh(t):
        w = normalize_tokens(t)
        return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}
    sa, sb = sh(a), sh(b)
    return len(sa & sb) / len(sa | sb)


# ------------------------------------------------------------------ each kind


def test_exact_duplicate_ignores_case_spacing_quotes_entities_and_unicode_form():
    variant = (ARTICLE.upper().replace("'", "\u2019").replace(" ", "  ").replace("\n\n", "\n")
               .replace("&", "&amp;"))
    other = seed_body("002")
    nfc = "Café Zürich said: " + other
    nfd = "Cafe\u0301 Zu\u0308rich said: " + other
    assert nfc != nfd and normalize_body(nfc) == normalize_body(nfd)
    res = dedup_documents([("a", ARTICLE), ("b", variant), ("d", nfd), ("c", nfc)], CFG)
    assert res == {"b": Duplicate("a", "exact", 1.0), "d": Duplicate("c", "exact", 1.0)}


def test_exact_only_when_near_dedup_is_off():
    edited = ARTICLE.replace("Putin", "Vladimir Putin", 3)
    cfg = dataclasses.replace(CFG, near_dedup=False)
    assert dedup_documents([("a", ARTICLE), ("b", edited), ("c", ARTICLE)], cfg) == {
        "c": Duplicate("a", "exact", 1.0)}


def test_near_duplicate_small_edits():
    edited = ARTICLE.replace("2026", "2027").replace("ninth", "9th", 2).replace("Shoigu said", "Shoigu told reporters")
    assert normalize_body(edited) != normalize_body(ARTICLE)
    res = dedup_documents([("x", ARTICLE), ("y", edited)], CFG)
    (dup_id,) = res
    d = res[dup_id]
    assert d.how == "near" and d.similarity >= CFG.near_threshold
    assert d.similarity == pytest.approx(shingle_jaccard(ARTICLE, edited), abs=1e-3)


def test_truncated_copy_is_contained_and_the_complete_one_is_kept():
    teaser = " ".join(WORDS[: int(len(WORDS) * 0.65)]) + " Subscribe to read the full story."
    res = dedup_documents([("a-teaser", teaser), ("z-full", ARTICLE)], CFG)
    assert res == {"a-teaser": Duplicate("z-full", "contained", res["a-teaser"].similarity)}
    assert res["a-teaser"].similarity >= CFG.containment_threshold


def test_updated_copy_is_kept_as_the_longest():
    update = ARTICLE + "\n\nUpdate (16:25 GMT): The Kremlin later said the talks would continue next week."
    res = dedup_documents([("a", ARTICLE), ("b", update)], CFG)
    assert set(res) == {"a"} and res["a"].of == "b" and res["a"].how in ("near", "contained")


def test_a_short_fragment_is_not_contained_in_a_long_article():
    # one paragraph (well under half the article) is a different, shorter piece: not merged
    fragment = PARAS[2] + " " + PARAS[3]
    assert len(fragment.split()) < 0.5 * len(WORDS)
    assert dedup_documents([("a", ARTICLE), ("b", fragment)], CFG) == {}


def test_containment_needs_the_shorter_to_be_half_the_longer():
    texts = [ARTICLE, " ".join(WORDS[: int(len(WORDS) * 0.4)]), " ".join(WORDS[: int(len(WORDS) * 0.6)])]
    idx = ShingleIndex(5, 128, 1)
    for t in texts:
        idx.add(t)
    v = Verifier(idx.finish(), 0.8, 0.9, min_length_ratio=0.5)
    assert v.check(0, 1) is None  # fully contained, but 40% of the article: another piece
    how, sim = v.check(0, 2)
    assert how == "contained" and sim == 1.0


def test_a_short_teaser_is_contained_only_as_a_whole_prefix():
    # under half the article: a copy only if it is a prefix (its end is in the article too)
    teaser = " ".join(WORDS[: int(len(WORDS) * 0.41)])
    res = dedup_documents([("a-teaser", teaser), ("z-full", ARTICLE)], CFG)
    assert res == {"a-teaser": Duplicate("z-full", "contained", 1.0)}
    # the same opening, then another story of a tenth of its length: it shares the start
    # and is >= 80% inside the article, but it is not a prefix of it
    cont = " ".join(seed_body("004").split()[:30])
    mixed = teaser + "\n\n" + cont
    idx = ShingleIndex(5, 128, 1)
    for t in (mixed, ARTICLE):
        idx.add(t)
    store = idx.finish()
    assert store.counts[0] < 0.5 * store.counts[1]
    assert store.intersection(0, 1) / store.counts[0] >= 0.8 and store.start_shared(0, 1) == 1.0
    loose = dataclasses.replace(CFG, containment_threshold=0.8)
    assert dedup_documents([("a", mixed), ("z-full", ARTICLE)], loose) == {}
    v = Verifier(store, 0.8, 0.8, min_length_ratio=0.5, min_start_shared=0.5, min_prefix_ratio=0.4)
    assert v.check(0, 1) is None
    v = Verifier(store, 0.8, 0.8, min_length_ratio=0.4, min_start_shared=0.5)
    assert v.check(0, 1)[0] == "contained"  # what a plain 40% floor would have linked


def test_bodies_sharing_their_start_are_candidates_even_when_their_jaccard_is_low():
    from cleaner.dedup.near import anchor_candidates, lsh_candidates

    bodies = [seed_body(p) for p in ("000", "001", "002", "003", "004")]
    texts = bodies + [" ".join(b.split()[: len(b.split()) // 4]) for b in bodies]  # 25% teasers
    idx = ShingleIndex(5, 128, 1)
    for t in texts:
        idx.add(t)
    store = idx.finish()
    active = store.counts > 0
    pairs = {tuple(p) for p in anchor_candidates(store.head, store.head_len, active).tolist()}
    assert pairs == {(k, k + 5) for k in range(5)}
    # whole-body LSH misses most of them (Jaccard 0.25: found with probability 0.12 each)
    assert len({tuple(p) for p in lsh_candidates(store.sig, 4, active).tolist()} & pairs) < 5


def test_an_article_quoted_whole_inside_another_is_not_contained():
    short = seed_body("000")
    other = " ".join(seed_body("004").split()[:200])
    inside, extended = other + "\n\n" + short, short + "\n\n" + other
    assert dedup_documents([("a", short), ("b", inside)], CFG) == {}
    res = dedup_documents([("a", short), ("b", extended)], CFG)
    assert res == {"a": Duplicate("b", "contained", 1.0)}


def test_a_copy_with_text_added_at_the_top_is_contained():
    # an editor's note / related block above the article, a third of the longer body
    copy = " ".join(WORDS[:300])
    note = " ".join(seed_body("004").split()[:130])
    topped = note + "\n\n" + copy
    assert shingle_jaccard(copy, topped) < CFG.near_threshold
    res = dedup_documents([("a-copy", copy), ("b-topped", topped)], CFG)
    assert res == {"a-copy": Duplicate("b-topped", "contained", 1.0)}
    # the same added text, but as long as the copy: another piece quoting it
    longer_note = " ".join(seed_body("004").split()[:300])
    assert dedup_documents([("a-copy", copy), ("b", longer_note + "\n\n" + copy)], CFG) == {}


def test_a_copy_that_lost_its_lede_is_contained_when_its_start_is_near_the_top():
    # one copy kept a 40-word lede the other lost, and grew an update at the end: the shorter
    # is under 2/3 of the longer, its start is not the longer's, but it starts near the top
    w, other = WORDS, seed_body("004").split()
    copy = " ".join(w[40:340])
    longer = " ".join(w[:40]) + "\n\n" + copy + "\n\nUpdate: " + " ".join(other[:150])
    idx = ShingleIndex(5, 128, 1)
    for t in (copy, longer):
        idx.add(t)
    store = idx.finish()
    assert store.counts[0] < 2 / 3 * store.counts[1] and store.start_shared(1, 0) < CFG.containment_min_start
    res = dedup_documents([("a-copy", copy), ("b-longer", longer)], CFG)
    assert res == {"a-copy": Duplicate("b-longer", "contained", 1.0)}
    # the same copy after 150 words of another story: not near the top, another piece
    far = " ".join(other[150:300]) + "\n\n" + copy + "\n\n" + " ".join(other[:40])
    assert dedup_documents([("a-copy", copy), ("b-far", far)], CFG) == {}


def test_sharing_the_longer_ones_opening_but_starting_elsewhere_is_not_a_copy():
    # a digest opening with another story's paragraph, and that story (its own lede first):
    # the shorter is mostly inside the longer, but its start is not, so it is not a copy of it
    passage = " ".join(WORDS[:250])
    story = " ".join(seed_body("002").split()[:20]) + "\n\n" + passage
    digest = passage + "\n\n" + " ".join(seed_body("004").split()[:230])
    idx = ShingleIndex(5, 128, 1)
    for t in (story, digest):
        idx.add(t)
    store = idx.finish()
    assert store.intersection(0, 1) / store.counts[0] >= CFG.containment_threshold
    assert store.start_shared(1, 0) == 1.0 and store.start_shared(0, 1) < CFG.containment_min_start
    assert dedup_documents([("story", story), ("digest", digest)], CFG) == {}


def test_same_length_copies_keep_the_smallest_id_in_any_order():
    edited = ARTICLE.replace("ninth", "9th").replace("Shoigu", "Sergei")
    assert len(normalize_tokens(edited)) == len(normalize_tokens(ARTICLE))
    for docs in ([("b", ARTICLE), ("a", edited)], [("a", edited), ("b", ARTICLE)]):
        res = dedup_documents(docs, CFG)
        assert list(res) == ["b"] and res["b"].of == "a"


def test_short_unrelated_documents_do_not_look_similar():
    # ~25 shingles in 128 slots: most slots are empty and must be filled from the document
    # itself (densification), not left equal across documents
    a, b = " ".join(WORDS[:30]), " ".join(WORDS[400:430])
    idx = ShingleIndex(5, 128, 1)
    idx.add(a)
    idx.add(b)
    store = idx.finish()
    assert store.jaccard(0, 1) == 0.0
    assert float((store.sig[0] == store.sig[1]).mean()) < 0.05


def test_duplicates_point_at_the_representative_not_along_a_chain():
    # A~B and B~C verify (Jaccard ~0.81), A~C does not (0.67): C must not join A through B
    w = WORDS[:120]
    a, b, c = " ".join(w[0:100]), " ".join(w[10:110]), " ".join(w[20:120])
    assert shingle_jaccard(a, b) >= 0.8 and shingle_jaccard(b, c) >= 0.8 and shingle_jaccard(a, c) < 0.7
    res = dedup_documents([("c", c), ("b", b), ("a", a)], CFG)
    assert res == {"b": Duplicate("a", "near", res["b"].similarity)}


def test_representative_is_longest_then_smallest_id_and_everyone_points_at_it():
    update = ARTICLE + "\n\nUpdate: more details emerged on Thursday about the conference programme."
    docs = [("d3", ARTICLE), ("d1", ARTICLE.upper()), ("d2", update), ("d0", ARTICLE.replace("ninth", "9th")),
            ("d9", update)]
    res = dedup_documents(docs, CFG)
    assert set(res) == {"d0", "d1", "d3", "d9"}
    assert {d.of for d in res.values()} == {"d2"}
    assert res["d9"] == Duplicate("d2", "exact", 1.0)
    assert res["d1"].how == res["d3"].how and res["d1"].similarity == res["d3"].similarity


# ------------------------------------------------------------------ seeds: not duplicates


@pytest.mark.parametrize("a,b", [("000", "001"), ("002", "003")])
def test_two_outlets_reporting_the_same_event_are_not_duplicates(a, b):
    for get in (seed_body, seed_raw):
        ta, tb = get(a), get(b)
        assert dedup_documents([(a, ta), (b, tb)], CFG) == {}
        assert shingle_jaccard(ta, tb) < 0.2


def test_no_two_seeds_are_duplicates():
    docs = [(p, seed_body(p)) for p in ("000", "001", "002", "003", "004")]
    assert dedup_documents(docs, CFG) == {}
    for (pa, ta), (pb, tb) in combinations(docs, 2):
        assert shingle_jaccard(ta, tb) < 0.2, (pa, pb)


# ------------------------------------------------------------------ determinism


def corpus() -> list[tuple[str, str]]:
    rng = random.Random(7)
    docs = []
    bodies = [seed_body(p) for p in ("000", "001", "002", "003", "004")]
    for s, body in enumerate(bodies):
        words = body.split()
        docs.append((f"s{s}-orig", body))
        docs.append((f"s{s}-exact", body.lower()))
        docs.append((f"s{s}-trunc", " ".join(words[: int(len(words) * 0.7)])))
        edited = list(words)
        for _ in range(3):
            edited[rng.randrange(len(edited))] = "reportedly"
        docs.append((f"s{s}-edit", " ".join(edited)))
        docs.append((f"s{s}-update", body + "\n\nUpdate: officials confirmed the figures later in the day."))
    return docs


def test_result_is_independent_of_input_order():
    docs = corpus()
    first = dedup_documents(docs, CFG)
    assert len(first) == 20 and len({d.of for d in first.values()}) == 5  # 5 stories, one kept each
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        assert dedup_documents(shuffled, CFG) == first


def test_each_story_keeps_its_update_and_nothing_crosses_stories():
    res = dedup_documents(corpus(), CFG)
    for doc_id, d in res.items():
        assert d.of.split("-")[0] == doc_id.split("-")[0]
        assert d.of.endswith("-update")


def test_signatures_do_not_depend_on_batching_and_follow_the_seed():
    texts = [t for _, t in corpus()]
    stores = []
    for batch, seed in ((1000, 1), (3, 1), (1000, 2)):
        idx = ShingleIndex(5, 128, seed, batch_size=batch)
        for t in texts:
            idx.add(t)
        stores.append((idx.finish(), idx.content_of))
    (s1, c1), (s2, c2), (s3, _) = stores
    assert c1 == c2
    assert np.array_equal(s1.sig, s2.sig) and np.array_equal(s1.values, s2.values)
    assert not np.array_equal(s1.sig, s3.sig)


def test_stored_shingle_sets_give_the_reference_jaccard():
    texts = [t for _, t in corpus()][:10]
    idx = ShingleIndex(5, 128, 1)
    for t in texts:
        idx.add(t)
    store = idx.finish()
    for i, j in combinations(range(len(texts)), 2):
        ci, cj = idx.content_of[i], idx.content_of[j]
        if ci != cj:
            assert store.jaccard(ci, cj) == pytest.approx(shingle_jaccard(texts[i], texts[j]), abs=1e-9)


def test_minhash_estimate_tracks_jaccard():
    texts = [t for _, t in corpus()]
    idx = ShingleIndex(5, 128, 1)
    for t in texts:
        idx.add(t)
    store = idx.finish()
    errs = []
    for i, j in combinations(range(store.sig.shape[0]), 2):
        est = float((store.sig[i] == store.sig[j]).mean())
        errs.append(abs(est - store.jaccard(i, j)))
    assert np.mean(errs) < 0.03 and max(errs) < 0.2


# ------------------------------------------------------------------ precomputed signatures


def test_precomputed_signatures_give_the_same_result_as_texts_in_any_mix_and_order():
    passage = " ".join(WORDS[:250])
    docs = corpus() + [("e", ""), ("f", "Hi there"), ("g", "hi, THERE"),
                       ("teaser", " ".join(WORDS[:int(len(WORDS) * 0.55)])), ("whole", ARTICLE),
                       ("story", " ".join(seed_body("002").split()[:20]) + "\n\n" + passage),
                       ("digest", passage + "\n\n" + " ".join(seed_body("004").split()[:230]))]
    expected = dedup_documents(docs, CFG)
    assert len(expected) == 23 and "story" not in expected and "digest" not in expected
    assert expected["teaser"] == Duplicate("s1-update", "contained", 1.0)  # "whole" is ARTICLE, as s1-orig
    sigs = [(i, signature_of(t, CFG)) for i, t in docs]
    assert dedup_documents(sigs, CFG) == expected
    mixed = [(i, s if k % 3 else t) for k, ((i, t), (_, s)) in enumerate(zip(docs, sigs))]
    for seed in range(3):
        random.Random(seed).shuffle(mixed)
        assert dedup_documents(mixed, CFG) == expected


def test_hashing_in_worker_processes_gives_the_same_result(monkeypatch):
    import cleaner.dedup as dd

    docs = corpus()
    texts = [t for _, t in docs]
    idx = ShingleIndex(5, 128, 1, batch_size=4, processes=2)
    assert idx._processes == 2
    for t in texts:
        idx.add(t)
    by_processes = idx.finish()
    idx = ShingleIndex(5, 128, 1, batch_size=4, threads=1)
    for t in texts:
        idx.add(t)
    here = idx.finish()
    assert np.array_equal(by_processes.sig, here.sig) and np.array_equal(by_processes.values, here.values)
    assert np.array_equal(by_processes.head, here.head) and np.array_equal(by_processes.tail, here.tail)

    expected = dedup_documents(docs, dataclasses.replace(CFG, dedup_workers=1))
    monkeypatch.setattr(dd, "PROCESS_MIN_DOCS", 10)
    two = dataclasses.replace(CFG, dedup_workers=2)
    mixed = [(i, signature_of(t, CFG) if k % 4 == 0 else t) for k, (i, t) in enumerate(docs)]
    assert dedup_documents(mixed, two) == expected
    assert dedup_documents(list(reversed(docs)), two) == expected


def test_a_signature_does_not_depend_on_its_batch_and_survives_pickling():
    import pickle

    texts = [t for _, t in corpus()]
    together = signatures_of(texts, CFG.shingle_size, CFG.num_perm, CFG.dedup_seed)
    assert together == [signature_of(t, CFG) for t in texts]
    assert pickle.loads(pickle.dumps(together)) == together
    assert all(len(s.data) < 8 * len(t) for s, t in zip(together, texts))  # small beside the text


def test_signatures_made_with_other_parameters_are_refused():
    other = dataclasses.replace(CFG, dedup_seed=CFG.dedup_seed + 1)
    with pytest.raises(ValueError, match="signature made with"):
        dedup_documents([("a", ARTICLE), ("b", signature_of(ARTICLE, other))], CFG)
    off = dataclasses.replace(CFG, near_dedup=False)
    sig = signature_of(ARTICLE, off)
    assert isinstance(sig, Signature) and sig.data == b""
    assert dedup_documents([("a", sig), ("b", signature_of(ARTICLE.upper(), off))], off) == {
        "b": Duplicate("a", "exact", 1.0)}


def test_duplicate_ids_and_edge_inputs():
    with pytest.raises(ValueError, match="duplicate document id"):
        dedup_documents([("a", "x y"), ("a", "z")], CFG)
    assert dedup_documents([], CFG) == {}
    assert dedup_documents([("a", "")], CFG) == {}
    # bodies shorter than a shingle still dedup exactly, and never crash the near stage
    assert dedup_documents([("a", "Hi there"), ("b", "hi, THERE"), ("c", "Bye")], CFG) == {
        "b": Duplicate("a", "exact", 1.0)}


def test_duplicate_is_a_frozen_record():
    d = Duplicate("a", "near", 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.of = "b"  # type: ignore[misc]
    assert re.fullmatch(r"exact|near|contained", d.how)


@pytest.mark.parametrize("edited", [False, True])
def test_many_copies_of_an_article_are_duplicates_not_chrome(seeds_copy, seeds_result, edited):
    """Twelve re-scrapes of one article make its paragraphs recur across the corpus; they are the
    article's own text, not chrome: one copy keeps the seed's body, the others are duplicates."""
    from cleaner.pipeline import clean_files

    src = next(seeds_copy.glob("000_*.txt"))
    text = src.read_text(encoding="utf-8")
    for k in range(12):
        copy = text.replace("Putin", "Putin" if not edited or k % 2 else "Vladimir Putin", 1 + k % 3)
        (seeds_copy / f"000_copy{k:02d}.txt").write_text(copy, encoding="utf-8")
    docs = clean_files(seeds_copy).docs
    expected = {Path(d.source).name: d.body for d in seeds_result.docs}
    copies = [d for d in docs if Path(d.source).name.startswith("000_")]
    assert sum(d.status == "kept" for d in copies) == 1
    assert all(d.status == "duplicate" for d in copies if d.status != "kept")
    kept = next(d for d in copies if d.status == "kept")
    if not edited:
        assert kept.body == expected[src.name]
    else:  # an edited copy may be the longest; it holds the seed's paragraphs all the same
        assert len(kept.body.split()) >= len(expected[src.name].split())
    others = {Path(d.source).name: d.body for d in docs if not Path(d.source).name.startswith("000_")}
    assert others == {k: v for k, v in expected.items() if not k.startswith("000_")}
