"""The hash chain beside a log: read it, check a log's lines against it, extend it.

Beside ``events.jsonl`` lies ``events.jsonl.chain``: one line per log line,
``<n> <sha256>``, where the digest of line *n* is the SHA-256 of the digest of
line *n - 1* (as ASCII hex; empty for line 1) followed by line *n*'s exact
bytes, newline included.  Editing, deleting, inserting or reordering any line
changes the digest of that line and of every line after it, so a check names
the first bad line.  :func:`karabakh_status.verify`, :func:`~karabakh_status.repair`
and :func:`~karabakh_status.append` all go through :class:`HashChain`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from ._digest import line_digests, next_digest
from ._errors import LogError, LogProblem
from ._log import unreadable

__all__ = ["HashChain", "chain_path", "chain_problems", "line_digests", "next_digest"]


def chain_path(log: str | os.PathLike[str]) -> Path:
    """The chain file of a log: its path with ``.chain`` added."""
    p = Path(log)
    return p.with_name(p.name + ".chain")


@attrs.define
class HashChain:
    """The digests a chain file records, from line :attr:`first` of the log on.

    Attributes:
        path: The chain file.
        digests: The recorded digests, of log lines ``first``, ``first + 1``, ...
        first: The number of the log line the first digest is for.
        end: The byte offset in the chain file just after the last complete line read.
        torn: Whether the chain file ends in a line without its newline (a crash mid-write).
    """

    path: Path
    digests: list[str]
    first: int = 1
    end: int = 0
    torn: bool = False

    @classmethod
    def read(
        cls, log: str | os.PathLike[str], *, missing_ok: bool = False, offset: int = 0, first: int = 1
    ) -> HashChain:
        """Read the chain of ``log`` from byte ``offset`` (whose first line is for log line ``first``).

        A missing chain file is a :class:`LogError` (``chain-missing``) unless
        ``missing_ok``, when it reads as empty; a line not of the form
        ``<n> <sha256>`` is one too (``chain-format``).
        """
        path = chain_path(log)
        try:
            with path.open("rb") as f:
                f.seek(offset)
                raw = f.read()
        except FileNotFoundError:
            if missing_ok:
                return cls(path, [], first, 0)
            raise LogError(
                os.fspath(log),
                None,
                f"no chain file {path.name} beside the log: it cannot be verified",
                LogProblem.CHAIN_MISSING,
            ) from None
        except OSError as exc:
            raise unreadable(str(path), exc, "the chain") from None
        torn = bool(raw) and not raw.endswith(b"\n")
        lines = raw.split(b"\n")
        tail = lines.pop()  # the empty string after the last newline, or the torn tail
        digests: list[str] = []
        for n, line in enumerate(lines, first):
            parts = line.split(b" ")
            if len(parts) != 2 or parts[0] != str(n).encode() or len(parts[1]) != 64:
                raise LogError(str(path), n, f"expected '{n} <sha256 hex>'; got {line[:80]!r}", LogProblem.CHAIN_FORMAT)
            digests.append(parts[1].decode("ascii"))
        return cls(path, digests, first, offset + len(raw) - len(tail), torn)

    def check(self, log_name: str, actual: Sequence[str], *, sealed: bool = True) -> LogError | None:
        """The first disagreement between the recorded digests and ``actual`` (the log's, from line :attr:`first`).

        A line whose digest differs is ``chain-mismatch``; recorded digests
        past the log's end are ``chain-longer``; with ``sealed``, log lines
        the chain does not cover yet are ``not-sealed``.  ``None`` if they agree.
        """
        for n, (want, got) in enumerate(zip(self.digests, actual, strict=False), self.first):
            if want != got:
                return LogError(
                    log_name,
                    n,
                    "does not match its chain digest: the log was edited, or lines were "
                    "inserted, deleted or reordered at or before this line",
                    LogProblem.CHAIN_MISMATCH,
                )
        recorded, lines = len(self.digests), len(actual)
        last = self.first + lines - 1
        if recorded > lines:
            return LogError(
                log_name,
                last + 1,
                f"missing: the chain covers {self.first + recorded - 1} lines but the log has "
                f"{last} complete lines (lines deleted at the end)",
                LogProblem.CHAIN_LONGER,
            )
        if sealed and lines > recorded:
            return LogError(
                log_name,
                self.first + recorded,
                f"not sealed: lines {self.first + recorded}-{last} are not in "
                "the chain (run 'karabakh-status repair' to seal them)",
                LogProblem.NOT_SEALED,
            )
        return None

    def untorn(self) -> None:
        """Cut a torn last line off the chain file (what a crash mid-write of the chain leaves)."""
        if self.torn:
            with self.path.open("r+b") as f:
                f.truncate(self.end)
                f.flush()
                os.fsync(f.fileno())
            self.torn = False

    def extend(self, digests: Sequence[str]) -> int:
        """Append ``digests`` for the log lines after the last one recorded; synced. Returns bytes written."""
        if not digests:
            return 0
        start = self.first + len(self.digests)
        data = b"".join(f"{n} {d}\n".encode() for n, d in enumerate(digests, start))
        with self.path.open("ab") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        self.digests.extend(digests)
        self.end += len(data)
        return len(data)


def chain_problems(log: str | os.PathLike[str], data: bytes | None = None) -> list[LogError]:
    """What the chain says of a log (its bytes ``data``, read if not given): its first problem, if any."""
    name = os.fspath(log)
    if data is None:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            return [unreadable(name, exc)]
    try:
        problem = HashChain.read(name).check(name, line_digests(data))
    except LogError as exc:
        return [exc]
    return [] if problem is None else [problem]
