"""Cold start of several checkouts side by side: fresh processes, interleaved round by round.

Each round starts one fresh interpreter per checkout (``import karabakh_status``, a first
``status_at`` and two answers read from it) and one for the floor (``import attrs, cattrs,
pendulum``), in turn, so that the machine's load falls on all of them alike.  ``.pyc`` files
may be written and read, as in a normal install.  Give each checkout as LABEL=SRC, where SRC
is its ``src`` folder (a ``git worktree`` of another commit, say); its bundled data is the one
beside that folder.

    git worktree add /tmp/before <commit>
    python benchmarks/cold_ab.py before=/tmp/before/src now=src --rounds 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: The first answer, read: a day's status, a district's holder and the de facto state's name.
QUERY = "import karabakh_status as ks; s = ks.status_at('2020-11-10'); s.controller('lachin'), s.artsakh.name"
FLOOR = "import attrs, cattrs, pendulum"
REVISION = "import karabakh_status as ks; print(ks.data_version().revision)"


def main(argv: list[str] | None = None) -> None:
    """Print each checkout's median cold start and its ratio to the floor."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="+", metavar="LABEL=SRC", help="a label and a checkout's src folder")
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds (default 30)")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cases: list[tuple[str, str, str]] = []
    for item in args.checkouts:
        label, sep, src = item.partition("=")
        if not sep or not Path(src, "karabakh_status").is_dir():
            parser.error(f"expected LABEL=SRC with SRC/karabakh_status present; got {item!r}")
        cases.append((label, str(Path(src).resolve()), QUERY))
    cases.append(("floor", cases[0][1], FLOOR))

    def run(src: str, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], env={**env, "PYTHONPATH": src}, check=True, capture_output=True, text=True
        )

    revisions = {label: run(src, REVISION).stdout.strip() for label, src, _ in cases[:-1]}
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    for _ in range(args.rounds):
        for label, src, code in cases:
            t0 = time.perf_counter()
            run(src, code)
            times[label].append(time.perf_counter() - t0)
    floor = statistics.median(times["floor"])
    print(f"cold start, {args.rounds} interleaved rounds; python {sys.version.split()[0]}")
    print("| checkout | bundled revision | median | min | / floor |")
    print("|---|---|---|---|---|")
    for label, samples in times.items():
        median = statistics.median(samples)
        revision = revisions.get(label, "-")
        print(f"| {label} | {revision} | {median * 1e3:.1f} ms | {min(samples) * 1e3:.1f} ms | {median / floor:.3f}× |")


if __name__ == "__main__":
    main()
