"""Tamper evidence and crash repair: a hash chain beside the log.

Beside ``events.jsonl`` lies ``events.jsonl.chain``: one line per log line,
``<n> <sha256>``, where the digest of line *n* is the SHA-256 of the digest of
line *n - 1* (as ASCII hex; empty for line 1) followed by line *n*'s exact
bytes, newline included.  Editing, deleting, inserting or reordering any line
changes the digest of that line and of every line after it, so
:func:`chain_problems` names the first bad line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import attrs

from ._errors import LogError
from ._log import log_problems

__all__ = ["RepairReport", "chain_path", "chain_problems", "line_digests", "repair", "seal", "verify"]


def chain_path(log: str | os.PathLike[str]) -> Path:
    """The chain file of a log: its path with ``.chain`` added."""
    p = Path(log)
    return p.with_name(p.name + ".chain")


def next_digest(previous: str, line: bytes) -> str:
    """The chain digest of a line (with its newline) after the previous digest."""
    return hashlib.sha256(previous.encode("ascii") + line).hexdigest()


def line_digests(data: bytes) -> list[str]:
    """The chain digest of every complete line of a log.

    >>> d = line_digests(b'{"a": 1}\\n{"b": 2}\\n')
    >>> len(d), d[1] == next_digest(d[0], b'{"b": 2}\\n')
    (2, True)
    """
    digests: list[str] = []
    previous = ""
    start = 0
    while (end := data.find(b"\n", start)) != -1:
        previous = next_digest(previous, data[start : end + 1])
        digests.append(previous)
        start = end + 1
    return digests


def _read_chain(path: Path, name: str) -> tuple[list[str], bool]:
    """The digests recorded in a chain file, and whether its last line is torn."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LogError(name, None, f"no chain file {path.name} beside the log: it cannot be verified") from None
    except OSError as exc:
        raise LogError(str(path), None, f"cannot read the chain: {exc.strerror or exc}") from None
    torn = bool(raw) and not raw.endswith(b"\n")
    lines = raw.split(b"\n")
    lines.pop()  # the empty string after the last newline, or the torn tail
    digests: list[str] = []
    for n, line in enumerate(lines, 1):
        parts = line.split(b" ")
        if len(parts) != 2 or parts[0] != str(n).encode() or len(parts[1]) != 64:
            raise LogError(str(path), n, f"expected '{n} <sha256 hex>'; got {line[:80]!r}")
        digests.append(parts[1].decode("ascii"))
    return digests, torn


def chain_problems(log: str | os.PathLike[str], data: bytes | None = None) -> list[LogError]:
    """What the chain says of a log: the first line whose bytes do not match, if any.

    Also reported: lines the chain does not cover yet (appended by something
    other than :func:`karabakh_status.append`, or a crash between the two
    writes), and a chain longer than the log (lines deleted at the end).
    """
    name = os.fspath(log)
    if data is None:
        data = Path(name).read_bytes()
    recorded, _torn = _read_chain(chain_path(name), name)
    actual = line_digests(data)
    for n, (want, got) in enumerate(zip(recorded, actual, strict=False), 1):
        if want != got:
            return [
                LogError(
                    name,
                    n,
                    "does not match its chain digest: the log was edited, or lines were "
                    "inserted, deleted or reordered at or before this line",
                )
            ]
    if len(recorded) > len(actual):
        return [
            LogError(
                name,
                len(actual) + 1,
                f"missing: the chain covers {len(recorded)} lines but the log has "
                f"{len(actual)} complete lines (lines deleted at the end)",
            )
        ]
    if len(actual) > len(recorded):
        return [
            LogError(
                name,
                len(recorded) + 1,
                f"not sealed: lines {len(recorded) + 1}-{len(actual)} are not in "
                "the chain (run 'karabakh-status repair' to seal them)",
            )
        ]
    return []


def seal(log: str | os.PathLike[str]) -> int:
    """Extend the chain over complete lines it does not cover yet; return how many were sealed.

    Existing chain lines are never rewritten: if they do not match the log,
    :class:`LogError` is raised and nothing is written.
    """
    name = os.fspath(log)
    cpath = chain_path(name)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise LogError(name, None, f"cannot read the log: {exc.strerror or exc}") from None
    try:
        recorded, torn = _read_chain(cpath, name)
    except LogError as exc:
        if not cpath.exists():
            recorded, torn = [], False
        else:
            raise exc from None
    if torn:
        raw = cpath.read_bytes()
        with cpath.open("r+b") as f:
            f.truncate(raw.rfind(b"\n") + 1)
    actual = line_digests(data)
    for n, (want, got) in enumerate(zip(recorded, actual, strict=False), 1):
        if want != got:
            raise LogError(name, n, "does not match its chain digest; refusing to seal a tampered log")
    if len(recorded) > len(actual):
        raise LogError(name, len(actual) + 1, "the chain is longer than the log; refusing to seal")
    new = actual[len(recorded) :]
    if new:
        with cpath.open("ab") as f:
            f.write(b"".join(f"{n} {d}\n".encode() for n, d in enumerate(new, len(recorded) + 1)))
            f.flush()
            os.fsync(f.fileno())
    return len(new)


@attrs.frozen
class RepairReport:
    """What :func:`repair` did.

    Attributes:
        removed_bytes: Bytes of torn tail removed from the log (0 if none).
        backup: Where the untouched log was copied first, if anything was removed.
        sealed: Complete lines newly added to the chain.
        events: Complete events in the log after the repair.
    """

    removed_bytes: int
    backup: Path | None
    sealed: int
    events: int


def repair(log: str | os.PathLike[str]) -> RepairReport:
    """Remove a torn last line (after a backup copy) and seal the complete lines.

    Only an unterminated last line that is not a valid event is removed;
    every complete line is kept.  Any other problem (a bad line in the middle,
    a tampered line) is not repaired: :class:`LogError` is raised and the log
    is left as it was.
    """
    name = os.fspath(log)
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LogError(name, None, f"cannot read the log: {exc.strerror or exc}") from None
    backup = None
    removed = 0
    if data and not data.endswith(b"\n"):
        problems = log_problems(data, name)
        last_line = data.count(b"\n") + 1
        if any(p.line == last_line and "torn last line" in p.problem for p in problems):
            backup = path.with_name(f"{path.name}.{time.strftime('%Y%m%dT%H%M%S')}.bak")
            shutil.copy2(path, backup)
            keep = data.rfind(b"\n") + 1
            removed = len(data) - keep
            with path.open("r+b") as f:
                f.truncate(keep)
                f.flush()
                os.fsync(f.fileno())
            data = data[:keep]
        else:
            with path.open("ab") as f:  # a complete event that only lacks its newline
                f.write(b"\n")
                f.flush()
                os.fsync(f.fileno())
            data += b"\n"
    problems = log_problems(data, name)
    if problems:
        raise problems[0]
    sealed = seal(path)
    return RepairReport(removed, backup, sealed, data.count(b"\n"))


def verify(log: str | os.PathLike[str]) -> list[LogError]:
    """Every problem of a log, empty if it is sound: each bad line, the whole-log rules, then the chain.

    The chain (``PATH.chain``) is checked when it exists; a log without one is
    judged on its lines alone.  An unreadable file is one problem.

    >>> import karabakh_status as ks
    >>> ks.verify(ks.bundled_log_path())
    []
    """
    name = os.fspath(log)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return [LogError(name, None, f"cannot read the log: {exc.strerror or exc}")]
    problems = log_problems(data, name)
    if not problems and chain_path(name).exists():
        try:
            problems = chain_problems(name, data)
        except LogError as exc:
            problems = [exc]
    return problems
