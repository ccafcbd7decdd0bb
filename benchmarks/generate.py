"""Write a realistic synthetic event log of any size, for the benchmarks.

The log has the shape of the bundled ``data/events.jsonl``: the same record
format and key order, and a mix of every kind of event —

* status changes: control of random territories (ids from
  ``karabakh_status.TERRITORIES``, sometimes held only in part), condition
  changes (``karabakh_status.CONDITIONS``) and steps of the de facto state;
* statements (with documents, quotes, speakers and votes now and then);
* recognitions: recognitions, withdrawals of an earlier recognition by the same
  actor (dated after it), calls, rejected motions;
* a few corrections, each after the events it names: either "retract", or
  "supersede" right after the replacement event it points to;

with dates spread over 1988-2024 (denser in the war years), about one in five
of them imprecise (month, year, range or "on or before"), ``recorded`` days
that never go back, and unique ids.  Every log it writes is one that
``karabakh_status.load`` accepts.

    python benchmarks/generate.py 10000 -o /tmp/log.jsonl [--seed 1] [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from typing import Any

import karabakh_status as ks

__all__ = ["generate"]

_START = dt.date(1988, 1, 1).toordinal()
_END = dt.date(2024, 12, 31).toordinal()
_RECORDED_FROM = dt.date(2024, 1, 1).toordinal()
_RECORDED_TO = dt.date(2026, 11, 27).toordinal()
#: Periods with many events (wars, handovers, blockade), as (first, last) days.
_HOT = [
    (dt.date(1991, 9, 1).toordinal(), dt.date(1994, 5, 31).toordinal()),
    (dt.date(2016, 4, 1).toordinal(), dt.date(2016, 4, 30).toordinal()),
    (dt.date(2020, 9, 27).toordinal(), dt.date(2020, 12, 31).toordinal()),
    (dt.date(2022, 12, 1).toordinal(), dt.date(2023, 12, 31).toordinal()),
]
#: The actors a synthetic event names: the bundled ones (a log may name only actors its history knows).
_ACTORS = sorted(ks.actors())
_WORDS_TEXT = (
    "Nagorno-Karabakh Artsakh Azerbaijan Armenia Stepanakert Shusha Khankendi Lachin corridor "
    "ceasefire resolution forces district oblast council referendum independence withdrawal "
    "peacekeepers blockade handover offensive negotiations statement parliament recognises calls "
    "territorial integrity self-determination occupied liberated villages enclave front line "
    "trilateral agreement mediation Minsk Group co-chairs report humanitarian refugees displaced "
    "the of and in to by with on after before under from its their a an as declared announced"
)
_WORDS = _WORDS_TEXT.split(" ")
#: Local names: about one line in six has non-ASCII text, as in the bundled log.
_LOCAL = ["Şuşa", "Xankəndi", "Kəlbəcər", "Ağdam", "Füzuli", "Laçın", "Cəbrayıl", "Zəngilan", "Xocavənd"]
_PUBLISHERS = [
    "Reuters",
    "BBC News",
    "Associated Press",
    "RFE/RL",
    "Eurasianet",
    "OC Media",
    "TASS",
    "Armenpress",
    "APA",
    "The Guardian",
    "UN Digital Library",
    "OSCE",
    "Council of Europe",
]
_NAMES = ["Nagorno-Karabakh Republic", "Republic of Artsakh"]
_CONTROLLER_WEIGHTS = {"azerbaijan": 40, "artsakh": 40, "armenia": 6, "russia": 8, "ussr": 6}
_STATE_NAMED = ("proclaimed", "renamed")


class _FastRandom(random.Random):
    """``random.Random`` with cheaper draws (one ``random()`` each): a synthetic
    log of 10^5 events is generated about twice as fast, which keeps
    ``run.py --quick`` short.  Slightly biased, which does not matter here."""

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def choices(self, population: Any, weights: Any = None, *, cum_weights: Any = None, k: int = 1) -> list[Any]:
        if weights is not None or cum_weights is not None:
            return super().choices(population, weights, cum_weights=cum_weights, k=k)
        n, rnd = len(population), self.random
        return [population[int(rnd() * n)] for _ in range(k)]


class _Gen:
    """One log being written: the random source, the pools and what came before."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = _FastRandom(seed)
        rng = self.rng
        self.territories = list(ks.vocabulary.TERRITORIES)
        self.conditions = {k: list(v) for k, v in ks.vocabulary.CONDITIONS.items()}
        self.controllers = list(_CONTROLLER_WEIGHTS)
        self.controller_weights = list(_CONTROLLER_WEIGHTS.values())
        # Texts are as distinct as in the bundled log: every summary and note
        # its own (two or more sentences drawn from a pool of 20,000, so equal
        # texts are rare), about three sources in four cited once and the rest
        # from a pool of works cited again and again.  So a loader that shares
        # equal strings gains what it would on real data, and no more.
        self.phrases = [" ".join(rng.choices(_WORDS, k=3)) for _ in range(20000)]
        self.sentences = [self._sentence(6, 22) for _ in range(20000)]
        self.works = [self._work() for _ in range(max(50, n // 100))]
        self.urls = [self._url() for _ in range(max(50, n // 100))]
        self.documents = [f"Resolution {rng.randint(1, 2000)} ({rng.randint(1988, 2024)})" for _ in range(500)]
        self.eligible: list[tuple[str, str]] = []  # (id, type) of earlier events not yet corrected
        self.open_recognitions: dict[str, int] = {}  # actor -> effective ordinal of its recognition
        self.lines: list[str] = []

    def _work(self) -> str:
        rng = self.rng
        title = " ".join(rng.choices(self.phrases, k=2)).capitalize()
        return f'{rng.choice(_PUBLISHERS)}, "{title}", {rng.randint(1988, 2026)}'

    def _url(self) -> str:
        return f"https://example.org/{self.rng.randrange(10**9):09d}/{self.rng.choice(self.phrases).replace(' ', '-')}"

    def _text(self, lo: int, hi: int) -> str:
        """Between ``lo`` and ``hi`` sentences of the pool."""
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(lo, hi)))

    def _sentence(self, lo: int, hi: int) -> str:
        """About ``lo`` to ``hi`` words: three-word phrases drawn at random (fewer draws than words)."""
        rng = self.rng
        words = rng.choices(self.phrases, k=rng.randint(lo, hi) // 3 + 1)
        return " ".join(words).capitalize() + "."

    # -- dates -------------------------------------------------------------

    def _day(self) -> int:
        if self.rng.random() < 0.35:
            lo, hi = self.rng.choice(_HOT)
            return self.rng.randint(lo, hi)
        return self.rng.randint(_START, _END)

    def _when(self, day: int | None = None) -> tuple[str, int]:
        """A date text in one of the five forms, and the day it takes effect."""
        rng = self.rng
        d = dt.date.fromordinal(self._day() if day is None else day)
        r = rng.random()
        if r < 0.80:
            return d.isoformat(), d.toordinal()
        if r < 0.86:
            nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return d.isoformat()[:7], nxt.toordinal() - 1
        if r < 0.89:
            return str(d.year), dt.date(d.year, 12, 31).toordinal()
        if r < 0.96:
            end = d + dt.timedelta(days=rng.randint(1, 60))
            return f"{d.isoformat()}/{end.isoformat()}", end.toordinal()
        return f"../{d.isoformat()}", d.toordinal()

    # -- records -----------------------------------------------------------

    def _common(self, kind: str, id_: str, when: str, recorded: str) -> dict[str, Any]:
        rng = self.rng
        sources = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            again = rng.random() < 0.25
            src: dict[str, Any] = {"work": rng.choice(self.works) if again else self._work()}
            if rng.random() < 0.5:
                src["refs"] = sorted(rng.sample(range(1, 228), rng.randint(1, 3)))
            if rng.random() < 0.6:
                src["url"] = rng.choice(self.urls) if again else self._url()
            sources.append(src)
        obj: dict[str, Any] = {
            "type": kind,
            "id": id_,
            "date": when,
            "summary": self._text(2, 2),
            "sources": sources,
            "recorded": recorded,
        }
        if rng.random() < 0.8:
            obj["note"] = self._text(2, 4)
            if rng.random() < 0.2:
                obj["note"] += f" Local name: {rng.choice(_LOCAL)}."
        return obj

    def _status_change(self, obj: dict[str, Any]) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.65:
            k = 7 if rng.random() < 0.05 else rng.randint(1, 4)
            obj["territories"] = rng.sample(self.territories, k)
            controller = rng.choices(self.controllers, self.controller_weights)[0]
            obj["controller"] = controller
            if rng.random() < 0.15:
                obj["partial"] = True
                obj["other_holder"] = rng.choice([c for c in self.controllers if c != controller])
        elif r < 0.85:
            condition = rng.choice(list(self.conditions))
            obj["condition"] = condition
            obj["value"] = rng.choice(self.conditions[condition])
        else:
            state = rng.choice(ks.vocabulary.STATE_ACTIONS)
            obj["state"] = state
            if state in _STATE_NAMED:
                obj["name"] = rng.choice(_NAMES)

    def _statement(self, obj: dict[str, Any]) -> None:
        rng = self.rng
        obj["actor"] = rng.choice(_ACTORS)
        obj["stance"] = rng.choice(ks.vocabulary.STANCES)
        if rng.random() < 0.4:
            obj["document"] = rng.choice(self.documents)
        if rng.random() < 0.3:
            obj["quote"] = " ".join(rng.choices(self.phrases, k=4)).capitalize() + "."
            if rng.random() < 0.6:
                obj["speaker"] = f"Speaker {rng.randint(1, 300)}"
        if rng.random() < 0.05:
            obj["vote"] = f"{rng.randint(0, 150)}-{rng.randint(0, 50)}-{rng.randint(0, 100)}"

    def _recognition(self, obj: dict[str, Any], effective: int) -> tuple[str, int]:
        """Fill a recognition; a withdrawal may move the date after the recognition it ends."""
        rng = self.rng
        action = rng.choices(ks.vocabulary.RECOGNITION_ACTIONS, (45, 15, 20, 10, 10))[0]
        actor = rng.choice(_ACTORS)
        if action == "withdraw":
            if self.open_recognitions:
                actor = rng.choice(list(self.open_recognitions))
                since = self.open_recognitions.pop(actor)
                day = rng.randint(min(since + 1, _END), _END)
                obj["date"], effective = dt.date.fromordinal(day).isoformat(), day
            else:
                action = "recognize"
        if action == "recognize":
            self.open_recognitions.setdefault(actor, effective)
        obj["actor"] = actor
        obj["action"] = action
        obj["level"] = rng.choice(ks.vocabulary.RECOGNITION_LEVELS)
        if rng.random() < 0.2:
            obj["quote"] = " ".join(rng.choices(self.phrases, k=4)).capitalize() + "."
        return obj["date"], effective

    def event(self, i: int, recorded: str, kind: str | None = None) -> dict[str, Any]:
        """A new status change, statement or recognition with the log's i-th id."""
        rng = self.rng
        if kind is None:
            kind = rng.choices(("status-change", "statement", "recognition"), (45, 35, 20))[0]
        when, effective = self._when()
        obj = self._common(kind, f"{when[-10:].lstrip('./')}-{kind}-{i:07d}", when, recorded)
        if kind == "status-change":
            self._status_change(obj)
        elif kind == "statement":
            self._statement(obj)
        else:
            self._recognition(obj, effective)
        return obj

    def correction(self, i: int, recorded: str, target: str, replacement: str | None) -> dict[str, Any]:
        obj = self._common("correction", f"correction-{i:07d}", recorded, recorded)
        obj["target"] = target
        obj["action"] = "retract" if replacement is None else "supersede"
        if replacement is not None:
            obj["replacement"] = replacement
        return obj

    def run(self) -> bytes:
        rng, n = self.rng, self.n
        i = 0
        while i < n:
            recorded = dt.date.fromordinal(_RECORDED_FROM + (_RECORDED_TO - _RECORDED_FROM) * i // n).isoformat()
            r = rng.random()
            if r < 0.02 and self.eligible and i + 2 <= n:
                # Supersede: the corrected event first, then the correction naming both.
                target, kind = self._pick_target()
                fixed = self.event(i, recorded, kind)
                self._emit(fixed)
                self._emit(self.correction(i + 1, recorded, target, fixed["id"]), correction=True)
                i += 2
                continue
            if r < 0.03 and self.eligible:
                target, _ = self._pick_target()
                self._emit(self.correction(i, recorded, target, None), correction=True)
            else:
                self._emit(self.event(i, recorded))
            i += 1
        return ("\n".join(self.lines) + "\n").encode()

    def _pick_target(self) -> tuple[str, str]:
        """An earlier event not corrected yet, taken out of the pool."""
        k = self.rng.randrange(len(self.eligible))
        picked = self.eligible[k]
        self.eligible[k] = self.eligible[-1]
        self.eligible.pop()
        return picked

    def _emit(self, obj: dict[str, Any], *, correction: bool = False) -> None:
        self.lines.append(json.dumps(obj, ensure_ascii=False))
        if not correction:
            self.eligible.append((obj["id"], obj["type"]))


def generate(n: int, seed: int = 0) -> bytes:
    """A valid synthetic log of exactly ``n`` events, the same for the same ``seed``.

    >>> import karabakh_status as ks
    >>> len(ks.History.from_bytes(generate(200, seed=1)))
    200
    """
    if n < 0:
        raise ValueError(f"expected n >= 0; got {n}")
    if n == 0:
        return b""
    return _Gen(n, seed).run()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("n", type=int, help="number of events")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--check", action="store_true", help="load the log with karabakh_status.load to validate it")
    args = p.parse_args(argv)
    data = generate(args.n, args.seed)
    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    if args.check:
        h = ks.History.from_bytes(data, args.output or "<stdout>")
        print(f"ok: {len(h)} events, {len(data) / max(len(h), 1):.0f} bytes/event", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
