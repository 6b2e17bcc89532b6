"""Bytes to text: binary sniffing, BOMs, UTF-8, and Latin-1 / Windows-1252 detection.

The text is never normalised beyond newlines (``\\r\\n`` and ``\\r`` become ``\\n``): French
typography (’ « » non-breaking spaces) is kept exactly, because NLP offsets index into it.

>>> decode_bytes("« L’IA »\\r\\n".encode("utf-8-sig"))
('« L’IA »\\n', 'utf-8-sig')
>>> decode_bytes("Société générale".encode("latin-1"))
('Société générale', 'cp1252')
>>> sniff_binary(b"%PDF-1.7 ...")
'PDF'

A UTF-8 file with a few stray bytes (a pasted Latin-1 word, a file cut in the middle of a
character) stays UTF-8; only the stray bytes are read as Windows-1252:

>>> decode_bytes("Créée à Paris, ".encode("utf-8") + "café".encode("latin-1"))
('Créée à Paris, café', 'utf-8')

A few NUL bytes in otherwise text (a copy-paste, a bad export) are removed by the reader,
with a warning; many of them mean binary data:

>>> strip_nul(b"Mistral\\x00 AI\\x00"), sniff_binary(b"\\x00\\x01\\x02\\x03" * 50)
((b'Mistral AI', 2), 'NUL bytes')

A big file is decoded a chunk at a time (:func:`iter_decoded`), with the encoding chosen on
its first megabyte as :func:`decode_bytes` would.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["DecodeError", "decode_bytes", "iter_decoded", "normalize_newlines", "sniff_binary", "strip_nul",
           "too_many_nul"]

#: magic numbers of the binary formats people drop into a corpus folder by mistake
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive, or DOCX/XLSX/EPUB"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"%!PS", "PostScript"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: encodings tried for non-UTF-8 input, before a last unrestricted guess
_WESTERN = ["utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman"]
_SAMPLE = 256 * 1024
_ASCII = bytes(range(128))
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_STRAY = re.compile("[\udc80-\udcff]")
_STRAY_TABLE = {0xDC00 + b: chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252")
                for b in range(128, 256)}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise (``reason`` is the Skip key)."""

    def __init__(self, reason: str, what: str) -> None:
        self.reason, self.what = reason, what
        super().__init__(what)


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII-range text in UTF-16)."""
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    even, odd = head[0:n:2], head[1:n:2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like (``"PDF"``, ``"PNG image"``...), else None.

    Text in UTF-16/32 (with a BOM, or ASCII-range without one) is not binary.
    """
    head = data[:8192]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    if _bom(head):
        return None
    if b"\x00" in head:
        return None if _utf16_without_bom(head) or not too_many_nul(head) else "NUL bytes"
    return None


def too_many_nul(data: bytes) -> bool:
    """More NUL bytes than stray ones in text (over 16 and over 1 % of the bytes): binary data."""
    n = data.count(0)
    return n > max(16, len(data) // 100)


def strip_nul(data: bytes) -> tuple[bytes, int]:
    """``(data without NUL bytes, how many there were)``; UTF-16/32 text (where NUL is part of
    every ASCII character) is returned unchanged."""
    if b"\x00" not in data or _bom(data) or _utf16_without_bom(data[:8192]):
        return data, 0
    return data.replace(b"\x00", b""), data.count(0)


def normalize_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n`` (nothing else changes)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_text(text: str) -> bool:
    """False when a decoding produced control characters or private-use junk."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    bad = sum(1 for ch in sample
              if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"))
    return bad <= max(2, len(sample) // 1000)


def _utf8_with_strays(data: bytes) -> str | None:
    """The text when ``data`` is UTF-8 but for a few stray bytes, else None.

    A real Latin-1/cp1252 file has (almost) no valid multi-byte UTF-8 sequence, so all its
    non-ASCII bytes are strays; a UTF-8 file with a pasted Latin-1 word, or cut in the
    middle of its last character, has many valid sequences and few strays. Strays are read
    as Windows-1252 (Latin-1 where cp1252 has no character).
    """
    non_ascii = len(data.translate(None, _ASCII))  # the bytes >= 0x80
    limit = (non_ascii - 1) // 3  # strays < half the valid multi-byte bytes (~ fewer than valid characters)
    text = data.decode("utf-8", errors="surrogateescape")  # a stray byte b becomes U+DC00+b
    strays = 0
    for _ in _STRAY.finditer(text):
        strays += 1
        if strays > limit:
            return None
    return text.translate(_STRAY_TABLE)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes; returns ``(text, encoding)`` with newlines normalised.

    Order: BOM (UTF-8/16/32) → UTF-16 without BOM → strict UTF-8 → UTF-8 with a few stray
    bytes (fewer than its valid non-ASCII characters; strays read as cp1252) → charset-normalizer
    restricted to Western encodings (cp1252, Latin-1, Latin-9, Mac Roman) on a sample,
    then unrestricted; the guess is checked by decoding the whole file strictly.
    Raises :class:`DecodeError` (``reason="encoding"``) when nothing fits.
    """
    enc = _bom(data) or _utf16_without_bom(data[:8192])
    if enc:
        try:
            return normalize_newlines(data.decode(enc)), enc
        except UnicodeDecodeError as e:
            raise DecodeError("encoding", f"invalid {enc} text at byte {e.start}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        if _looks_like_text(text):
            return normalize_newlines(text), "utf-8"
        raise DecodeError("binary", "control characters in the text (binary data?)")
    text = _utf8_with_strays(data)
    if text is not None and _looks_like_text(text):
        return normalize_newlines(text), "utf-8"
    import charset_normalizer  # local: only paid for non-UTF-8 input

    sample = data[:_SAMPLE]
    best = charset_normalizer.from_bytes(sample, cp_isolation=_WESTERN).best()
    if best is None:
        best = charset_normalizer.from_bytes(sample).best()
    guess = best.encoding if best is not None else None
    if guess is None or guess.startswith(("utf_16", "utf_32")) or guess == "utf_8":
        raise DecodeError(
            "encoding",
            f"not valid UTF-8 (byte {utf8_error.start}) and not a recognisable encoding",
        )
    candidates = [guess] + (["latin_1"] if guess in ("cp1252", "iso8859_15") else [])
    for cand in candidates:
        try:
            text = data.decode(cand)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            name = codecs.lookup(cand).name
            return normalize_newlines(text), name
    raise DecodeError("encoding", f"not valid UTF-8 and not valid {guess} either")


def iter_decoded(stream: BinaryIO, *, chunk_bytes: int = 1 << 20,
                 nul: list[int] | None = None) -> Iterator[str]:
    """Decode a binary stream a chunk at a time: the encoding is chosen on the first chunk
    (as :func:`decode_bytes` does, raising :class:`DecodeError` the same way), newlines are
    normalised across chunk boundaries, NUL bytes are removed (their count is added to
    ``nul[0]`` when given). UTF-8 keeps reading stray bytes as Windows-1252; other encodings
    replace what they cannot decode (``U+FFFD``).

    >>> import io
    >>> "".join(iter_decoded(io.BytesIO("a\\r\\nb é\\r".encode()), chunk_bytes=3))
    'a\\nb é\\n'
    """
    head = stream.read(chunk_bytes)
    cut = head.rfind(b"\n")
    sample = head[:cut + 1] if 0 <= cut and len(head) == chunk_bytes else head
    sample, _ = strip_nul(sample)
    _text, encoding = decode_bytes(sample)
    if encoding == "utf-8":
        decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    else:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    wide = encoding.startswith(("utf-16", "utf-32"))  # where NUL bytes belong to the characters
    held_cr = False
    data = head
    while True:
        final = not data
        if data:
            if not wide and b"\x00" in data:
                if nul is not None:
                    nul[0] += data.count(0)
                data = data.replace(b"\x00", b"")
            text = decoder.decode(data)
        else:
            text = decoder.decode(b"", final=True)
        if encoding == "utf-8" and text:
            text = text.translate(_STRAY_TABLE)
        if held_cr:
            text = "\r" + text
        held_cr = text.endswith("\r") and not final
        if held_cr:
            text = text[:-1]
        if text:
            yield normalize_newlines(text)
        if final:
            return
        data = stream.read(chunk_bytes)
