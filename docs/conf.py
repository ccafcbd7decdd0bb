"""Sphinx configuration of the karabakh_status documentation.

Build (warnings are errors, every cross-reference checked)::

    sphinx-build -W --keep-going -n -b html docs docs/_build/html
    sphinx-build -W --keep-going -n -b doctest docs docs/_build/doctest

Pages under ``_generated/`` (gitignored) are written at ``builder-inited`` by
the small extension at the end of this file, from the code and the bundled
log: the API reference, the vocabulary, the event fields, the command line,
the chronology, the data changelog and the two figures.  Intersphinx needs
the network: it is on only with ``DOCS_INTERSPHINX=1``.
"""

from __future__ import annotations

import doctest
import inspect
import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

import karabakh_status as ks

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
GENERATED = DOCS / "_generated"
(GENERATED / "site").mkdir(parents=True, exist_ok=True)  # html_extra_path must exist before the build starts

# -- Project -----------------------------------------------------------------

project = "karabakh_status"
author = "karabakh_status contributors"
copyright = "karabakh_status contributors; data after Wikipedia (CC BY-SA) and the sources cited"
release = ks.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
nitpicky = True

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Keep quotes as the log has them: citations and quotes are exact.
smartquotes = False

html_theme = "furo"
html_title = f"karabakh_status {release}"
html_static_path = ["_static"]
# The self-contained HTML timeline (drawn at build time) is published beside the pages.
html_extra_path = ["_generated/site"]
html_css_files = ["custom.css"]

# -- API documentation -------------------------------------------------------

autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
# karabakh_status.plot imports matplotlib only when type checking.
autodoc_type_aliases = {
    "Figure": "matplotlib.figure.Figure",
    "Axes": "matplotlib.axes.Axes",
    "pd.DataFrame": "pandas.DataFrame",
}

# The public names live in private modules (karabakh_status._events, ...) and
# are documented where users import them from: karabakh_status.  Type hints
# name the private modules; _public_reference (below) sends those references
# to the public names.
python_use_unqualified_type_names = True

# -- Intersphinx -------------------------------------------------------------

INTERSPHINX = os.environ.get("DOCS_INTERSPHINX") == "1"
_INVENTORIES = {
    "python": ("https://docs.python.org/3", None),
    "attrs": ("https://www.attrs.org/en/stable/", None),
    "pendulum": ("https://pendulum.eustace.io/docs/", None),
}
# pendulum's documentation is not built with Sphinx and publishes no
# objects.inv (python-pendulum/pendulum#190): fetching it would always fail.
_NO_INVENTORY = {"pendulum"}
# Offline (the default) no inventory can be fetched, and a failed fetch is a
# warning that -W turns into an error: map nothing unless DOCS_INTERSPHINX=1,
# and do not check the references that only the inventories could resolve.
intersphinx_mapping = {k: v for k, v in _INVENTORIES.items() if k not in _NO_INVENTORY} if INTERSPHINX else {}
intersphinx_timeout = 10

_EXTERNAL = (
    r"(datetime|os|io|pathlib|types|typing|collections|collections\.abc|enum|threading|attrs?|pendulum|matplotlib)"
)
nitpick_ignore_regex = [
    # pendulum's site publishes no Sphinx inventory; cattrs, matplotlib and
    # pandas are not mapped.
    (r"py:.*", r"(pendulum|cattrs|matplotlib|pandas|pd)(\..*)?"),
    # Private helpers named in docstrings of karabakh_status._convert.
    (r"py:.*", r"(TagError|transform_problem)"),
    # A TYPE_CHECKING-only annotation (matplotlib's Axes in karabakh_status.plot) that
    # autodoc renders quoted, through typing's forward-reference wrapper.
    (r"py:class", r"'matplotlib\..*'|TypeAliasForwardRef"),
]
if not INTERSPHINX:
    nitpick_ignore_regex += [
        (r"py:.*", _EXTERNAL + r"\..*"),
        (r"py:.*", r"(Path|PathLike|Mapping|Sequence|Iterable|Iterator|MappingProxyType|TextIO|date|datetime)"),
    ]

# -- Doctest -----------------------------------------------------------------

# Docstring examples (doctest blocks inside the API pages) run under pytest
# --doctest-modules, in their own module's namespace; here only the pages'
# {doctest} blocks run.
doctest_test_doctest_blocks = ""
doctest_global_setup = """
import karabakh_status as ks
"""
doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1


# -- Generated pages ---------------------------------------------------------


def _write(name: str, text: str) -> None:
    """Write a generated file only when it changed (so unchanged pages are not rebuilt)."""
    GENERATED.mkdir(exist_ok=True)
    path = GENERATED / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


_PUNCT = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$&^=])")


def md(text: object) -> str:
    """Text for MyST markdown: every markup character escaped, one line."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def code(text: object) -> str:
    return f"`{text}`"


def list_table(header: list[str], rows: Iterable[list[str]], widths: list[int] | None = None) -> str:
    """A MyST ``list-table``; each cell is markdown (it may hold a bullet list)."""
    out = ["```{list-table}", ":header-rows: 1"]
    if widths:
        out.append(":widths: " + " ".join(map(str, widths)))
    out.append("")
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            lines = (cell or " ").split("\n")
            out.append(("* - " if i == 0 else "  - ") + lines[0])
            out.extend("    " + line for line in lines[1:])
    out.append("```")
    return "\n".join(out) + "\n"


def bullets(items: list[str]) -> str:
    return "\n".join(f"* {item}" for item in items) if items else " "


# The reference page groups the names of karabakh_status.__all__; a name
# added later and not listed here still appears, under "Other names".
API_GROUPS: list[tuple[str, str, list[str]]] = [
    (
        "Queries on the bundled log",
        "The top-level functions answer from the log that ships with the package "
        "(:func:`karabakh_status.default_history`).  Every query takes its subject first (a day, a name, "
        "two revisions), then ``start, end`` where it covers a span, then keyword-only ``as_of`` and ``history``.",
        [
            "status_at",
            "status_range",
            "changes_between",
            "events",
            "place",
            "places",
            "place_history",
            "actors",
            "actor",
            "data_version",
            "default_history",
        ],
    ),
    (
        "Your own log",
        "Load, query, append to and repair a log file of your own (with its own places and actors: "
        "see {doc}`../howto/own-log`), and compare two revisions.",
        ["load", "History", "Status", "append", "verify", "repair", "diff"],
    ),
    (
        "Errors: `karabakh_status.errors`",
        "The error classes are also at the top level (``ks.LogError``).  See {doc}`errors` for when each is raised.",
        [n if n in ks._PUBLIC else f"errors.{n}" for n in ks.errors.__all__],
    ),
    (
        "Records: `karabakh_status.records`",
        "The immutable records of the log, the gazetteer and the actors, and how they read and write "
        "(see also {doc}`schema`).",
        [f"records.{n}" for n in ks.records.__all__],
    ),
    (
        "Answers: `karabakh_status.answers`",
        "What the queries return, piece by piece, and the types they accept.",
        [f"answers.{n}" for n in ks.answers.__all__],
    ),
    (
        "Vocabulary: `karabakh_status.vocabulary`",
        "The closed vocabularies the log is written in; {doc}`vocabulary` lists every value.",
        [f"vocabulary.{n}" for n in ks.vocabulary.__all__],
    ),
    (
        "Tables: `karabakh_status.tables`",
        "Day-by-day panels of the status, as rows, CSV or a pandas DataFrame (see {doc}`../howto/tables`); "
        "the Frictionless data package (see {doc}`codebook` and {doc}`../howto/other-tools`); the HTML page.",
        [f"tables.{n}" for n in ks.tables.__all__],
    ),
]


def _qualified(name: str) -> str | None:
    """Where a public name lives: ``"Status"`` at the top level, ``"records.Source"`` in a namespace; else ``None``."""
    if name in ks._PUBLIC:
        return name
    for ns in ks._NAMESPACES:
        if ns != "plot" and name in getattr(ks, ns).__all__:
            return f"{ns}.{name}"
    return None


def _directive(qualified: str) -> str:
    """The autodoc directive for a public name, top-level or ``namespace.name`` (autodoc writes rST)."""
    namespace, _, name = qualified.rpartition(".")
    obj = getattr(getattr(ks, namespace) if namespace else ks, name)
    module = f"karabakh_status.{namespace}" if namespace else "karabakh_status"
    target = f"{module}.{name}"
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        rst = f".. autoexception:: {target}\n"
    elif inspect.isclass(obj):
        rst = f".. autoclass:: {target}\n   :members:\n"
        if issubclass(
            obj, (ks.records.StatusChange, ks.records.Statement, ks.records.Recognition, ks.records.Correction)
        ):
            rst += "   :inherited-members:\n"
    elif callable(obj) and not isinstance(obj, type(ks.records.Event)):
        rst = f".. autofunction:: {target}\n"
    elif name == "Event":
        rst = (
            f".. py:data:: {target}\n   :type: typing.TypeAlias\n\n"
            "   Any event of the log: :class:`~karabakh_status.records.StatusChange` | "
            ":class:`~karabakh_status.records.Statement` | "
            ":class:`~karabakh_status.records.Recognition` | :class:`~karabakh_status.records.Correction`.\n"
        )
    elif name == "DayLike":
        rst = (
            f".. py:data:: {target}\n   :type: typing.TypeAlias\n\n"
            "   What a query accepts as a day: :class:`datetime.date` | :class:`pendulum.Date` | :class:`str` "
            "(ISO ``YYYY-MM-DD``) | :class:`datetime.datetime` (timezone-aware, read as its calendar day in "
            "``Asia/Baku``).  Anything else raises :class:`~karabakh_status.InvalidDateError`.\n"
        )
    elif name == "Revision":
        rst = (
            f".. py:data:: {target}\n   :type: typing.TypeAlias\n\n"
            "   What ``as_of`` accepts: ``None`` (the whole log), an :class:`int` N (the first N events) or a "
            ":data:`~karabakh_status.answers.DayLike` (the events recorded on or before that day).\n"
        )
    else:
        doc = _data_doc(obj, name)
        kind = {"tuple": "tuple", "mappingproxy": "~typing.Mapping"}.get(
            type(obj).__name__, f"{type(obj).__module__}.{type(obj).__qualname__}"
        )
        rst = f".. py:data:: {name}\n   :module: {module}\n   :type: {kind}\n\n"
        rst += "".join(f"   {line}\n" for line in doc)
        if isinstance(obj, tuple):
            rst += "\n   Values: " + ", ".join(f"``{v}``" for v in obj) + ".\n"
        elif hasattr(obj, "keys"):
            rst += "\n   Keys: " + ", ".join(f"``{k}``" for k in obj) + ".\n"
        else:
            rst += f"\n   Value: ``{obj!r}``.\n"
    return "```{eval-rst}\n" + rst + "```\n"


def _data_doc(obj: object, name: str) -> list[str]:
    """The ``#:`` comment documenting a public constant where it is defined (autodoc cannot see through re-exports)."""
    from sphinx.pycode import ModuleAnalyzer

    for module in ("_vocabulary", "_dates", "_article", "_export", "_codebook"):
        docs = ModuleAnalyzer.for_module(f"karabakh_status.{module}").find_attr_docs()
        lines = docs.get(("", name))
        if lines:
            return [line for line in lines if line.strip()]
    raise RuntimeError(f"{name} has no #: comment to document it")


def generate_api() -> str:
    public = [n for n in ks.__all__ if n != "__version__" and n not in ks._NAMESPACES]
    public += [
        f"{ns}.{n}" for ns in ks._NAMESPACES if ns != "plot" for n in getattr(ks, ns).__all__ if n not in ks._PUBLIC
    ]
    seen: set[str] = set()
    out = []
    for title, intro, names in API_GROUPS:
        present = [n for n in names if n in public]
        if not present:
            continue
        out.append(f"## {title}\n")
        if intro:
            out.append(intro + "\n")
        for n in present:
            out.append(_directive(n))
            seen.add(n)
    rest = [n for n in public if n not in seen]
    if rest:
        out.append("## Other names\n")
        out.extend(_directive(n) for n in rest)
    return "\n".join(out)


def generate_vocabulary() -> str:
    from karabakh_status._vocabulary import ACTOR_KINDS, INITIAL_CONDITIONS, INITIAL_CONTROLLER, PRECISIONS

    out = ["## Territories\n"]
    out.append(
        f"In display order (the order of {{data}}`~karabakh_status.vocabulary.TERRITORIES`). "
        f"On the first day of coverage every territory is held by `{INITIAL_CONTROLLER}`.\n"
    )
    out.append(
        list_table(
            ["Id", "Name", "Group", "Other names"],
            (
                [code(t.id), md(t.name), code(t.group), md(", ".join(t.alt_names))]
                for t in ks.vocabulary.TERRITORIES.values()
            ),
            [18, 20, 14, 48],
        )
    )
    out.append("\n## Controllers\n")
    out.append("Who can hold a territory ({data}`~karabakh_status.vocabulary.CONTROLLERS`).\n")
    out.append(
        list_table(["Id", "Display name"], ([code(k), md(v)] for k, v in ks.vocabulary.CONTROLLERS.items()), [25, 75])
    )
    out.append("\n## Conditions\n")
    out.append(
        "Each condition's values ({data}`~karabakh_status.vocabulary.CONDITIONS`); the first is its initial value.\n"
    )
    out.append(
        list_table(
            ["Condition", "Values", "Initially"],
            (
                [code(k), ", ".join(code(v) for v in vs), code(INITIAL_CONDITIONS[k])]
                for k, vs in ks.vocabulary.CONDITIONS.items()
            ),
            [25, 55, 20],
        )
    )
    for title, const, values in [
        ("Kinds of place", "PLACE_KINDS", ks.vocabulary.PLACE_KINDS),
        ("Bases of a control change", "BASES", ks.vocabulary.BASES),
        ("Steps of the de facto state", "STATE_ACTIONS", ks.vocabulary.STATE_ACTIONS),
        ("Stances of statements", "STANCES", ks.vocabulary.STANCES),
        ("Recognition actions", "RECOGNITION_ACTIONS", ks.vocabulary.RECOGNITION_ACTIONS),
        ("Recognition levels", "RECOGNITION_LEVELS", ks.vocabulary.RECOGNITION_LEVELS),
    ]:
        out.append(f"\n## {title}\n")
        out.append(f"{{data}}`~karabakh_status.{_qualified(const)}`: " + ", ".join(code(v) for v in values) + ".\n")
    out.append("\n## Date precisions\n")
    out.append(
        "{attr}`When.precision <karabakh_status.answers.When.precision>`: " + ", ".join(map(code, PRECISIONS)) + ".\n"
    )

    actors = ks.actors()
    named: dict[str, int] = {}
    for e in ks.events():
        a = getattr(e, "actor", None)
        if a is not None:
            named[a] = named.get(a, 0) + 1
    out.append("\n## Actors\n")
    out.append(
        f"The {len(actors)} actors of the bundled data ({{func}}`karabakh_status.actors`), by kind; "
        "*events* counts the events of the bundled log that name each one.\n"
    )
    kinds = [k for k in ACTOR_KINDS if any(a.kind == k for a in actors.values())]
    kinds += sorted({a.kind for a in actors.values()} - set(kinds))
    for kind in kinds:
        group = sorted((a for a in actors.values() if a.kind == kind), key=lambda a: a.name.casefold())
        out.append(f"\n### {md(kind)} ({len(group)})\n")
        out.append(
            list_table(
                ["Id", "Name", "Country", "Events"],
                (
                    [code(a.id), md(a.name), code(a.country) if a.country else "", str(named.get(a.id, 0))]
                    for a in group
                ),
                [30, 45, 15, 10],
            )
        )
    return "\n".join(out)


_JSON_TYPES = {
    "str": "string",
    "str | None": "string",
    "bool": "boolean",
    "When": "date (one of the five forms below)",
    "Date": "day, `YYYY-MM-DD`",
    "tuple[Source, ...]": "array of source objects",
    "tuple[str, ...]": "array of strings",
    "tuple[int, ...]": "array of whole numbers",
}


def _type_name(t: object) -> str:
    """A field's type as short text (attrs keeps a string until cattrs resolves it)."""
    text = t if isinstance(t, str) else inspect.formatannotation(t)
    return re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", text)


_ALLOWED = {
    "controller": "CONTROLLERS",
    "other_holder": "CONTROLLERS",
    "state": "STATE_ACTIONS",
    "condition": "CONDITIONS",
    "stance": "STANCES",
    "level": "RECOGNITION_LEVELS",
    "territories": "TERRITORIES",
}


def _field_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a class docstring, by name."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    m = re.search(r"^Attributes:\n((?:    .*\n?|\n)*)", doc, re.MULTILINE)
    fields: dict[str, str] = {}
    if m:
        current = None
        for line in m.group(1).splitlines():
            if re.match(r"^    \w+:", line):
                current, _, text = line.strip().partition(":")
                fields[current] = text.strip()
            elif current and line.startswith("        "):
                fields[current] += " " + line.strip()
    return fields


def _rst_roles_to_myst(text: str) -> str:
    """Docstring roles (:class:`X`) and literals (``x``) as MyST."""

    def role(m: re.Match[str]) -> str:
        kind, target = m.group(1), m.group(2).lstrip("~")
        if _qualified(target) is not None:
            target = f"~karabakh_status.{_qualified(target)}"
        return f"{{{kind}}}`{target}`"

    text = re.sub(r":(\w+):`([^`]+)`", role, text)
    return re.sub(r"``([^`]+)``", r"`\1`", text)


def generate_fields() -> str:
    out = []
    classes: list[type] = [ks.records.StatusChange, ks.records.Statement, ks.records.Recognition, ks.records.Correction]
    common = [
        f.name
        for f in attrs.fields(ks.records.Statement)
        if f.name in {g.name for g in attrs.fields(ks.records.Correction)}
    ]
    for cls in [None, *classes, ks.records.Source]:
        if cls is None:
            title, shown, owner = "Every event", common, ks.records.Statement
        else:
            title = f"`{cls.TYPE}`" if hasattr(cls, "TYPE") else "Source objects"
            shown = [f.name for f in attrs.fields(cls) if cls is ks.records.Source or f.name not in common]
            owner = cls
        docs = _field_docs(owner)
        by_name = {f.name: f for f in attrs.fields(owner)}
        rows = []
        if cls is None:
            rows.append([code("type"), "string", "yes", "The kind: " + ", ".join(code(c.TYPE) for c in classes) + "."])
        for name in shown:
            f = by_name[name]
            required = f.default is attrs.NOTHING
            kind = _JSON_TYPES.get(_type_name(f.type), md(_type_name(f.type)))
            text = _rst_roles_to_myst(docs.get(name, ""))
            if name in _ALLOWED and _ALLOWED[name] not in text:
                text += f" One of {{data}}`~karabakh_status.{_qualified(_ALLOWED[name])}`."
            if cls is ks.records.Recognition and name == "action":
                text = "One of {data}`~karabakh_status.vocabulary.RECOGNITION_ACTIONS`."
            if cls is ks.records.Correction and name == "action":
                text = "`supersede` (replaced by `replacement`) or `retract`."
            rows.append([code(name), kind, "yes" if required else "no", text])
        anchor = f"fields-{getattr(cls, 'TYPE', 'source') if cls is not None else 'common'}"
        out.append(f"({anchor})=\n### {title}\n")
        if cls is not None and cls is not ks.records.Source:
            out.append(
                f"Read as {{class}}`karabakh_status.records.{cls.__name__}`; besides the fields of every event:\n"
            )
        out.append(list_table(["Field", "JSON", "Required", "Meaning"], rows, [16, 20, 10, 54]))
    return "\n".join(out)


def generate_cli() -> str:
    import argparse

    from karabakh_status._cli import build_parser

    parser = build_parser()
    parser.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=88)
    out = ["```text", "$ karabakh-status --help", parser.format_help().rstrip(), "```", ""]
    for action in parser._actions:  # argparse keeps its subcommands here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                sub.formatter_class = parser.formatter_class
                out += [f"## `{name}`", "", "```text", f"$ karabakh-status {name} --help"]
                out += [sub.format_help().rstrip(), "```", ""]
    return "\n".join(out)


_KIND = {
    "status-change": "status change",
    "statement": "statement",
    "recognition": "recognition",
    "correction": "correction",
}


def show_date(w: ks.answers.When) -> str:
    if w.precision == "range":
        return f"{w.earliest} – {w.latest}"
    if w.precision == "on-or-before":
        return f"on or before {w.latest}"
    if w.precision in ("month", "year"):
        return f"{w.text} ({w.precision})"
    return w.text


def show_source(s: ks.records.Source) -> str:
    text = md(s.work)
    if s.url:
        url = s.url.replace(" ", "%20").replace(">", "%3E").replace("<", "%3C")
        text = f"[{text}](<{url}>)"
    if s.refs:
        text += " — article ref. " + ", ".join(map(str, s.refs))
    return text


def event_row(e: ks.records.Event) -> list[str]:
    return [
        md(show_date(e.date)),
        _KIND.get(e.type, e.type),
        md(e.summary) + f"\n\n{code(e.id)}",
        bullets([show_source(s) for s in e.sources]),
    ]


PERIODS = [
    ("1988–1994: the first war", "1988-01-01", "1994-05-12"),
    ("1994–2020: the ceasefire years", "1994-05-13", "2020-09-26"),
    ("2020: the 44-day war", "2020-09-27", "2020-11-10"),
    ("2020–2023: after the ceasefire", "2020-11-11", "2023-09-18"),
    ("2023 onwards", "2023-09-19", None),
]


def generate_chronology() -> str:
    events = ks.events()
    corrections = [e for e in events if isinstance(e, ks.records.Correction)]
    dropped = {c.target for c in corrections}
    live = sorted(
        (e for e in events if not isinstance(e, ks.records.Correction) and e.id not in dropped),
        key=lambda e: e.effective,
    )
    v = ks.data_version()
    out = [
        f"Generated from revision {v.revision} of the bundled log (`{v.digest}`, last recorded "
        f"{v.last_recorded}).  Each event is listed in the period of the day it takes effect "
        "(the last day of its date window); superseded and retracted events are left out "
        "(see [Corrections](#chronology-corrections)).\n"
    ]
    for title, first, last in PERIODS:
        lo = ks.answers.parse_when(first).latest
        hi = ks.answers.parse_when(last).latest if last else None
        rows = [event_row(e) for e in live if e.effective >= lo and (hi is None or e.effective <= hi)]
        span = f"{first} to {last}" if last else f"from {first}"
        out.append(f"## {title}\n")
        out.append(f"Events taking effect {span}: {len(rows)}.\n")
        if rows:
            out.append(list_table(["Date", "Type", "Summary", "Sources"], rows, [14, 10, 40, 36]))
    out.append("(chronology-corrections)=\n## Corrections\n")
    if corrections:
        out.append(
            list_table(
                ["Date", "Corrects", "Action", "Summary"],
                (
                    [
                        md(show_date(c.date)),
                        code(c.target),
                        c.action + (f" by {code(c.replacement)}" if c.replacement else ""),
                        md(c.summary),
                    ]
                    for c in corrections
                ),
                [14, 30, 20, 36],
            )
        )
    else:
        out.append("The log has no correction events yet.\n")
    return "\n".join(out)


def generate_recognitions_2020() -> str:
    s = ks.status_at("2020-12-31")
    out = []
    for level in ks.vocabulary.RECOGNITION_LEVELS:
        made = sorted(s.recognitions, key=lambda r: (r.effective, r.actor))
        names = [f"{md(ks.actor(r.actor).name)} ({md(show_date(r.date))})" for r in made if r.level == level]
        out.append(f"{code(level)} ({len(names)})\n: " + ("; ".join(names) if names else "none") + "\n")
    return "\n".join(out)


def generate_changelog() -> str:
    """``data/CHANGES.md`` (included, its headings one level down) if it exists, then the log's own record."""
    out = []
    if (ROOT / "data" / "CHANGES.md").is_file():
        out.append("```{include} ../../data/CHANGES.md\n:heading-offset: 1\n```\n")
    else:
        out.append(
            "The repository has no `data/CHANGES.md` yet.  Until it does, the log itself is the "
            "changelog: it is append-only, every event carries the day it was `recorded`, and "
            "corrections are events of their own.  To see what changed between two revisions, "
            "compare `ks.events(as_of=OLD)` with `ks.events()`.\n"
        )
    out.append("## Revisions by recording day\n")
    out.append(
        "Generated from the bundled log: the events recorded on each day, the revisions they make "
        "(pass one to `as_of` to see the log as it stood), and their kinds.\n"
    )
    rows: list[list[str]] = []
    for n, e in enumerate(ks.events(), 1):
        day = e.recorded.isoformat()
        if not rows or rows[-1][0] != day:
            rows.append([day, str(n), str(n), ""])
            kinds: dict[str, int] = {}
        rows[-1][2] = str(n)
        kinds[e.type] = kinds.get(e.type, 0) + 1
        rows[-1][3] = ", ".join(f"{count} {_KIND.get(k, k)}" for k, count in sorted(kinds.items()))
    table = [[day, f"{first}–{last}", kinds_text] for day, first, last, kinds_text in rows]
    out.append(list_table(["Recorded", "Revisions", "Events"], table, [20, 20, 60]))
    out.append("## Changes to past answers\n")
    out.append(
        "Computed with {func}`karabakh_status.diff` between the last revision of one recording day and the "
        "last of the next: every run of days whose answer changed, for districts, the de facto state and "
        "conditions in full, for places, recognitions and statements as counts.\n"
    )
    for (_, _, before, _), (day, _, after, _) in itertools.pairwise(rows):
        changes = ks.diff(int(before), int(after))
        kinds: dict[str, int] = {}
        for ch in changes:
            kinds[ch.subject.split(":")[0]] = kinds.get(ch.subject.split(":")[0], 0) + 1
        out.append(f"### Revisions {before} → {after} (recorded {day})\n")
        out.append(
            f"{len(changes)} runs of days changed: "
            + ", ".join(f"{n} of {k}" for k, n in sorted(kinds.items()))
            + ".  Districts, the de facto state and conditions:\n"
        )
        main = [ch for ch in changes if ch.subject.split(":")[0] in ("territory", "artsakh", "condition")]
        out.append(
            list_table(
                ["Days", "Subject", "Before → after", "Events"],
                (
                    [
                        f"{ch.first} – {ch.last}",
                        code(ch.subject),
                        md(f"{ch.before} → {ch.after}"),
                        md(", ".join(ch.events)),
                    ]
                    for ch in main
                ),
                [18, 18, 24, 40],
            )
            if main
            else "None.\n"
        )
    return "\n".join(out)


def generate_places() -> str:
    """The places page: every place with its names, coordinates, district and control history."""
    places = ks.places()
    events = [e for e in ks.events() if isinstance(e, ks.records.StatusChange) and e.places]
    live = {e.id for e in ks.changes_between("1988-01-01", "2100-01-01")}
    by_place: dict[str, list[ks.records.StatusChange]] = {}
    for e in events:
        if e.id in live:
            for p in e.places:
                by_place.setdefault(p, []).append(e)
    named = sum(1 for p in places if p.id in by_place)
    geonames = sum(1 for p in places if p.geonames is not None)
    located = sum(1 for p in places if p.located)
    bases: dict[str, int] = {}
    for e in events:
        if e.id in live:
            bases[e.basis or "none"] = bases.get(e.basis or "none", 0) + 1
    out = [
        f"The gazetteer has **{len(places)} places**: {named} are named by at least one control event "
        f"of the log, the others change hands only with the events that cover their whole district. "
        f"{located} have coordinates ({geonames} from GeoNames, the rest from the page cited for them); "
        f"{len(places) - located} have none in the pages read (each says why) and are left off the maps. "
        f"The log has {sum(bases.values())} place-level control events in force: "
        + ", ".join(f"{v} {k}" for k, v in sorted(bases.items()))
        + ".\n"
    ]
    for tid, t in ks.vocabulary.TERRITORIES.items():
        group = [p for p in places if p.territory == tid]
        if not group:
            continue
        out.append(f"\n## {md(t.name)} ({len(group)})\n")
        rows = []
        for p in group:
            history = "; ".join(
                f"{e.date} {code(e.controller)}" + (f" ({e.basis})" if e.basis else "") for e in by_place.get(p.id, [])
            )
            rows.append(
                [
                    f"{code(p.id)}\n\n{md(p.name)}",
                    md(", ".join(p.names[:8]) + (" ..." if len(p.names) > 8 else "")),
                    f"{md(p.kind)}\n\n"
                    + (f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else "no coordinates")
                    + (f"\n\nGeoNames {p.geonames}" if p.geonames else ""),
                    md(history) if history else "with the events covering its whole district",
                ]
            )
        header = ["Place", "Other names", "Kind, lat, lon", "Control events (day, to, basis)"]
        out.append(list_table(header, rows, [22, 30, 18, 30]))
    return "\n".join(out)


#: The days drawn as maps on the maps page, and why each.
MAP_DAYS = [
    ("1994-05-12", "the ceasefire of May 1994 takes effect"),
    ("2020-11-10", "the trilateral statement ends the 2020 war"),
    ("2020-12-01", "after the three handovers (Agdam, Kalbajar, Lachin)"),
    ("2022-08-26", "Lachin town, Zabukh and Sus pass to Azerbaijan"),
    ("2023-09-01", "during the blockade, before the September offensive"),
]


def generate_maps() -> str:
    """The maps page's figures and the HTML timeline beside the site."""
    from karabakh_status._page import write_timeline_page

    site = GENERATED / "site"
    site.mkdir(exist_ok=True)
    last = ks.data_version().last_recorded or "2026-11-27"
    write_timeline_page(site / "timeline.html", "1988-01-01", last)
    out = []
    for day, why in MAP_DAYS:
        out.append(f"## {day}: {why}\n")
        out.append(
            f"```{{figure}} _generated/map-{day}.png\n"
            f":alt: Map of every place on {day}, coloured by its controller.\n\n"
            f"Who held each place on {day}, drawn by {{func}}`karabakh_status.plot.control_map`.\n```\n"
        )
    return "\n".join(out)


def generate_figures() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from karabakh_status import plot

    figures = [("control.png", plot.control_timeline()), ("recognitions.png", plot.recognitions())]
    figures += [(f"map-{day}.png", plot.control_map(day)) for day, _ in MAP_DAYS]
    for name, fig in figures:
        tmp = GENERATED / ("." + name)
        fig.savefig(tmp, dpi=110, metadata={"Software": None})
        target = GENERATED / name
        if target.exists() and target.read_bytes() == tmp.read_bytes():
            tmp.unlink()
        else:
            tmp.replace(target)


def generate(app: Any) -> None:
    """Write every generated page (``builder-inited``)."""
    GENERATED.mkdir(exist_ok=True)
    _write("api.md", generate_api())
    _write("vocabulary.md", generate_vocabulary())
    _write("fields.md", generate_fields())
    _write("cli.md", generate_cli())
    _write("chronology.md", generate_chronology())
    _write("recognitions-2020.md", generate_recognitions_2020())
    _write("changelog.md", generate_changelog())
    _write("places.md", generate_places())
    _write("maps.md", generate_maps())
    generate_figures()


_PRIVATE = re.compile(r"karabakh_status\._\w+\.(\w+)((?:\.\w+)*)")
_SHORT = re.compile(r"(?:karabakh_status\.)?([A-Za-z]\w*)((?:\.\w+)*)")


def _public_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``karabakh_status._module.Name`` and a short ``Name`` (or ``Name.attr``) as the public name.

    Public names are at the top level or in a namespace (``karabakh_status.records.Place``).
    """
    from docutils import nodes

    if node.get("refdomain") != "py":
        return None
    m = _PRIVATE.fullmatch(node.get("reftarget", "")) or _SHORT.fullmatch(node.get("reftarget", ""))
    if m is None or _qualified(m.group(1)) is None:
        return None
    target = f"karabakh_status.{_qualified(m.group(1))}{m.group(2)}"
    domain = env.get_domain("py")
    text = contnode.astext()
    if text.startswith("karabakh_status."):
        text = target.removeprefix("karabakh_status.")
    new = (
        nodes.literal(text, text, classes=contnode.get("classes", []))
        if isinstance(contnode, nodes.literal)
        else nodes.Text(text)
    )
    for role in (node.get("reftype"), "class", "obj"):
        found = domain.resolve_xref(env, node["refdoc"], app.builder, role, target, node, new)
        if found is not None:
            return found
    return None


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    app.connect("missing-reference", _public_reference)
    return {"parallel_read_safe": True}
