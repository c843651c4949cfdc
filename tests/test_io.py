"""Reading: encodings, line ends, bad files, discovery."""
import gzip
import os

import pytest

from cleaner.io import InputFile, Undecodable, decode_bytes, discover, read_bytes

RU = "Президент России заявил в среду, что переговоры с НАТО продолжатся в следующем году."
FR = "Le président a déclaré mercredi que les négociations reprendraient à l’été prochain, à Genève."
JA = "ロシアの大統領は水曜日、北大西洋条約機構との交渉は来年も続くと述べた。"


@pytest.mark.parametrize("text,encoding", [
    (FR, "utf-8"), (FR, "utf-16"), (FR.replace("’", "'"), "cp1252"), (FR.replace("’", "'"), "latin-1"),
    (RU, "cp1251"), (RU, "utf-16-le"), (RU, "utf-16-be"), (JA, "shift_jis"), (JA, "utf-16-le"),
], ids=["fr-utf8", "fr-utf16", "fr-cp1252", "fr-latin1", "ru-cp1251", "ru-utf16le-nobom", "ru-utf16be-nobom",
        "ja-sjis", "ja-utf16le-nobom"])
def test_decodes(text, encoding):
    data = text.encode(encoding)
    if encoding == "utf-16-le":  # no byte-order mark
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert decode_bytes(data)[0] == text


def test_stray_nul_bytes_are_dropped():
    assert decode_bytes(b"Some text\x00 with a stray NUL byte in the middle of a long line.")[0].startswith("Some text with")


def test_bom_and_line_ends():
    text, enc = decode_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert (text, enc) == ("one\ntwo\nthree\n", "utf-8-sig")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"  \n\t\r\n ", "empty"), (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary"),
], ids=["empty", "whitespace", "all-bytes", "png"])
def test_bad_bytes(data, reason):
    with pytest.raises(Undecodable, match=reason):
        decode_bytes(data)


def test_gzip_and_corrupt_gzip(tmp_path):
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress("hello world".encode()))
    assert read_bytes(InputFile("a.txt.gz", good), 10**6) == b"hello world"
    bad = tmp_path / "b.txt.gz"
    bad.write_bytes(gzip.compress(b"hello world" * 100)[:40])
    with pytest.raises(Undecodable, match="corrupt-gzip"):
        read_bytes(InputFile("b.txt.gz", bad), 10**6)


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 1000)
    with pytest.raises(Undecodable, match="too-large"):
        read_bytes(InputFile("big.txt", p), 100)


def test_discover_sorted_recursive_and_symlinks(tmp_path):
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / "b" / "z.txt").write_text("z")
    (root / "a.TXT").write_text("a")
    (root / "c.txt.gz").write_bytes(gzip.compress(b"c"))
    (root / "ignored.html").write_text("<p>")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    os.symlink(outside, root / "link-out.txt")
    os.symlink(root / "a.TXT", root / "link-in.txt")
    found = {f.source: f.skip.split(":")[0] if f.skip else None for f in discover(root)}
    assert found == {"a.TXT": None, "b/z.txt": None, "c.txt.gz": None,
                     "link-in.txt": "symlink-not-followed", "link-out.txt": "symlink-outside-input"}
    assert "follow_symlinks = true" in {f.source: f.skip for f in discover(root)}["link-in.txt"]
    assert {f.source: f.skip for f in discover(root, follow_symlinks=True)}["link-in.txt"] is None
    assert [f.source for f in discover(root)] == sorted(found)


def test_discover_errors(tmp_path):
    from cleaner.errors import InputError

    with pytest.raises(InputError, match="does not exist"):
        discover(tmp_path / "nope")
    (tmp_path / "only.html").write_text("x")
    with pytest.raises(InputError, match="no .txt"):
        discover(tmp_path)
