"""Crash repair and verification of a log, on top of its hash chain (see :mod:`._chain`)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import attrs

from ._chain import HashChain, chain_path, chain_problems, line_digests
from ._errors import LogError, LogProblem
from ._log import log_problems, unreadable

__all__ = ["RepairReport", "repair", "seal", "verify"]


def _read(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise unreadable(name, exc) from None


def seal(log: str | os.PathLike[str]) -> int:
    """Extend the chain over complete lines it does not cover yet; return how many were sealed.

    Existing chain lines are never rewritten: if they do not match the log,
    :class:`LogError` is raised and nothing is written.  A torn last line of
    the chain (a crash while it was written) is cut off first.
    """
    name = os.fspath(log)
    data = _read(name)
    chain = HashChain.read(name, missing_ok=True)
    actual = line_digests(data)
    problem = chain.check(name, actual, sealed=False)
    if problem is not None:
        raise LogError(
            name,
            problem.line,
            f"{problem.problem}; refusing to seal.  Next: restore the line as it was (from version control or a "
            "backup), record the fix as a correction event with 'karabakh-status append', then run repair again",
            problem.kind,
        )
    chain.untorn()
    new = actual[len(chain.digests) :]
    chain.extend(new)
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

    Args:
        log: The path of the log file.

    Only an unterminated last line that is not a valid event is removed;
    every complete line is kept.  Any other problem (a bad line in the middle,
    a tampered line) is not repaired: :class:`LogError` is raised and the log
    is left as it was.
    """
    name = os.fspath(log)
    path = Path(name)
    data = _read(name)
    backup = None
    removed = 0
    if data and not data.endswith(b"\n"):
        problems = log_problems(data, name)
        last_line = data.count(b"\n") + 1
        if any(p.line == last_line and p.kind is LogProblem.TORN_LINE for p in problems):
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

    Args:
        log: The path of the log file.

    The chain (``PATH.chain``) is checked when it exists; a log without one is
    judged on its lines alone.  An unreadable file is one problem.

    >>> import karabakh_status as ks
    >>> ks.verify(ks.records.bundled_log_path())
    []
    """
    name = os.fspath(log)
    try:
        data = _read(name)
    except LogError as exc:
        return [exc]
    problems = log_problems(data, name)
    if not problems and chain_path(name).exists():
        problems = chain_problems(name, data)
    return problems
