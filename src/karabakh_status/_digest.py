"""The hash chain's one digest routine: each line's SHA-256 chained to the digest before it."""

from __future__ import annotations

import hashlib

__all__ = ["line_digests", "next_digest"]


def next_digest(previous: str, line: bytes) -> str:
    """The chain digest of a line (with its newline) after the previous digest."""
    return hashlib.sha256(previous.encode("ascii") + line).hexdigest()


def line_digests(data: bytes, previous: str = "") -> list[str]:
    """The chain digest of every complete line of ``data``, continuing from ``previous``.

    >>> d = line_digests(b'{"a": 1}\\n{"b": 2}\\n')
    >>> len(d), d[1] == next_digest(d[0], b'{"b": 2}\\n')
    (2, True)
    """
    digests: list[str] = []
    start = 0
    while (end := data.find(b"\n", start)) != -1:
        previous = next_digest(previous, data[start : end + 1])
        digests.append(previous)
        start = end + 1
    return digests
