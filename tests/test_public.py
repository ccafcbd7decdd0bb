"""The package's shape: one public surface, layered modules, typed errors all the way out."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import karabakh_status as ks

SRC = Path(ks.__file__).parent


def _module_source(name: str) -> str:
    return (SRC / f"{name}.py").read_text(encoding="utf-8")


def test_public_surface_is_written_once() -> None:
    """__all__ is the table of public names; the type checkers' re-exports name the same objects."""
    from karabakh_status import _NAMESPACES, _PUBLIC

    assert ks.__all__ == sorted([*_PUBLIC, *_NAMESPACES, "__version__"])
    tree = ast.parse(_module_source("__init__"))
    checked: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                for alias in imp.names:
                    assert alias.asname == alias.name  # an explicit re-export
                    checked[alias.name] = (imp.module or "").lstrip(".") or alias.name
    assert checked == {**_PUBLIC, **{n: n for n in _NAMESPACES}}
    for name in ks.__all__:
        assert getattr(ks, name) is not None


def _imports(module: str) -> set[str]:
    """The package modules a module imports: at run time, lazily inside functions, or for type checkers."""
    tree = ast.parse(_module_source(module))
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                found.add(node.module)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    visit([child])

    visit(tree.body)
    return found


def test_import_graph_is_acyclic() -> None:
    """No package module imports, even lazily or for type checkers only, a module that imports it back."""
    modules = [p.stem for p in SRC.glob("*.py") if p.stem not in {"__main__", "__init__"}]
    graph = {m: {i for i in _imports(m) if i in modules} for m in modules}
    order: list[str] = []
    state: dict[str, int] = {}

    def walk(m: str, path: tuple[str, ...]) -> None:
        if state.get(m) == 2:
            return
        assert state.get(m) != 1, f"import cycle: {' -> '.join((*path, m))}"
        state[m] = 1
        for dep in sorted(graph[m]):
            walk(dep, (*path, m))
        state[m] = 2
        order.append(m)

    for m in sorted(modules):
        walk(m, ())
    assert len(order) == len(modules)


def test_each_module_says_its_job_in_its_first_line() -> None:
    """Every module opens with a one-line docstring, and none outgrows 400 lines."""
    for path in SRC.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text))
        assert doc, path.name
        assert doc.splitlines()[0].endswith("."), path.name
        assert len(text.splitlines()) <= 400, path.name


def test_no_code_branches_on_message_wording() -> None:
    """Errors are told apart by kind: no source tests whether some words are in a problem's message."""
    pattern = re.compile(r"""["'][^"']+["']\s+in\s+\w+\.(problem|args)|in\s+str\(exc\)""")
    for path in SRC.glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


def test_log_errors_carry_their_kind(tmp_path: Path) -> None:
    """Each kind of bad log is reported with its LogProblem, and survives pickling."""
    import pickle

    cases = {
        b"\xff\n": ks.errors.LogProblem.NOT_UTF8,
        b"\n": ks.errors.LogProblem.EMPTY_LINE,
        b"{nope\n": ks.errors.LogProblem.NOT_JSON,
        b'{"type": "statement"}\n': ks.errors.LogProblem.SCHEMA,
        b'{"type": "stat': ks.errors.LogProblem.TORN_LINE,
    }
    for data, kind in cases.items():
        with pytest.raises(ks.LogError) as info:
            ks.History.from_bytes(data)
        assert info.value.kind is kind
        back = pickle.loads(pickle.dumps(info.value))
        assert (back.kind, back.line, str(back)) == (kind, info.value.line, str(info.value))
    line = (ks.records.bundled_log_path().read_bytes().split(b"\n")[0]) + b"\n"
    with pytest.raises(ks.LogError) as info:
        ks.History.from_bytes(line + line)
    assert info.value.kind is ks.errors.LogProblem.DUPLICATE_ID
    with pytest.raises(ks.LogError) as info:
        ks.load(tmp_path / "missing.jsonl")
    assert info.value.kind is ks.errors.LogProblem.UNREADABLE
    log = tmp_path / "log.jsonl"
    log.write_bytes(line)
    with pytest.raises(ks.LogError) as info:
        ks.load(log, verify=True)
    assert info.value.kind is ks.errors.LogProblem.CHAIN_MISSING
    assert [p.kind for p in ks.verify(log)] == []
    ks.repair(log)
    log.write_bytes(line.replace(b"Nagorno", b"Nagorny"))
    assert [p.kind for p in ks.verify(log)] == [ks.errors.LogProblem.CHAIN_MISMATCH]


def test_unknown_actor_is_a_key_error_of_ours() -> None:
    """ks.actor of an unknown id raises UnknownActorError, a KeyError and a KarabakhStatusError."""
    assert ks.actor("armenia").name == "Armenia"
    with pytest.raises(ks.UnknownActorError) as info:
        ks.actor("atlantis")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ks.KarabakhStatusError)
    assert "atlantis" in str(info.value)


def test_bad_days_at_every_edge_are_invalid_date_errors() -> None:
    """parse_when, status_range, panels and changes_between all reject a bad day with InvalidDateError."""
    with pytest.raises(ks.InvalidDateError):
        ks.answers.parse_when("10 May 1994")
    with pytest.raises(ks.InvalidDateError):
        ks.status_range("2020-01-02", "2020-01-01")
    with pytest.raises(ks.InvalidDateError):
        list(ks.tables.panel_rows("2020-13-01", "2021-01-01"))
    with pytest.raises(ks.InvalidDateError):
        ks.changes_between("yesterday", "2021-01-01")
    with pytest.raises(ks.InvalidArgumentError):
        list(ks.tables.panel_rows("2020-01-01", "2020-01-02", table="weekly"))


def test_cli_maps_only_library_errors_to_exit_codes() -> None:
    """A library error is a one-line message and exit 2 (1 for a bad log); anything else shows its traceback."""
    from karabakh_status import _cli

    assert _cli.main(["at", "1987-01-01"]) == _cli.EXIT_USAGE
    assert _cli.main(["at", "2020-01-01", "--log", "/nonexistent/log.jsonl"]) == _cli.EXIT_DATA
    code = (
        "import karabakh_status._cli as c, karabakh_status._history as h\n"
        "def boom(*a, **k): raise RuntimeError('a bug')\n"
        "h.History.status_at = boom\n"
        "raise SystemExit(c.main(['at', '2020-01-01']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert "Traceback" in out.stderr
    assert "RuntimeError: a bug" in out.stderr


def _commented_names(module: str) -> set[str]:
    """Module-level names assigned right after a ``#:`` comment (how the docs document constants)."""
    lines = _module_source(module).splitlines()
    found = set()
    for i, line in enumerate(lines):
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*(:[^=]*)?=", line)
        if m and i and lines[i - 1].startswith("#:"):
            found.add(m.group(1))
    return found


def test_every_public_name_is_documented() -> None:
    """Every public name has a docstring, or (a constant) a ``#:`` comment where it is defined."""
    from karabakh_status import _PUBLIC

    for name, module in _PUBLIC.items():
        obj = getattr(ks, name)
        if callable(obj) or isinstance(obj, type):
            doc = getattr(obj, "__doc__", None)
            assert doc, name
            assert doc != type(obj).__doc__ or isinstance(obj, type), name
        else:
            assert name in _commented_names(module), name


def test_every_parameter_is_described() -> None:
    """Each parameter of a public function (and of History's methods) is named in its docstring."""
    import inspect

    from karabakh_status import _PUBLIC

    functions = [(n, getattr(ks, n)) for n in _PUBLIC if inspect.isfunction(getattr(ks, n))]
    functions += [
        (f"History.{m}", f) for m, f in inspect.getmembers(ks.History, inspect.isfunction) if not m.startswith("_")
    ]
    for name, fn in functions:
        doc = inspect.getdoc(fn) or ""
        for p in inspect.signature(fn).parameters:
            if p not in ("self", "cls"):
                assert f"``{p}``" in doc or f"{p}:" in doc, f"{name}({p})"


ROOT = Path(__file__).resolve().parent.parent


def test_readme_and_docs_agree_on_install() -> None:
    """The docs' quick start gives the README's two commands, and says which extras the tests skip without."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    for command in block.strip().splitlines():
        assert command in quickstart, command
    assert "skipped" in readme
    assert "`plot`" in readme
    assert "`browser`" in readme


def test_performance_page_is_short_and_links_its_raw_runs() -> None:
    """The performance page stays short and points to the raw runs kept in benchmarks/results/."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert len(page.split()) < 1500
    runs = re.findall(r"`(\d{4}-\d{2}-\d{2}-[a-z]+-[a-z]+\.txt)`", page)
    assert runs
    for name in runs:
        assert (ROOT / "benchmarks" / "results" / name).is_file(), name


def test_plot_is_reachable_without_importing_it() -> None:
    """`ks.plot.control_map` works right after `import karabakh_status as ks`, as the README writes it."""
    code = "import karabakh_status as ks; print(callable(ks.plot.control_map), 'plot' in dir(ks))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_top_level_face_is_small_and_namespaces_hold_the_rest() -> None:
    """At most 20 everyday names besides the error classes; every other public name in exactly one namespace."""
    from karabakh_status import _NAMESPACES, _PUBLIC

    everyday = [n for n in _PUBLIC if not (isinstance(getattr(ks, n), type) and issubclass(getattr(ks, n), Exception))]
    assert len([*everyday, "__version__"]) <= 20, everyday
    homes: dict[str, list[str]] = {}
    for ns in _NAMESPACES:
        module = getattr(ks, ns)
        assert module.__all__ == sorted(module.__all__) or ns == "plot", ns
        for name in module.__all__:
            assert getattr(module, name) is not None
            homes.setdefault(name, []).append(ns)
    twice = {n: where for n, where in homes.items() if len(where) > 1}
    assert twice == {}
    # the error classes are at the top level and in ks.errors, the same objects
    for name in ks.errors.__all__:
        if name in _PUBLIC:
            assert getattr(ks, name) is getattr(ks.errors, name)


def test_namespaces_work_right_after_import() -> None:
    """``ks.plot.control_map`` (and every namespace) needs no import of its own, in a fresh interpreter."""
    code = (
        "import karabakh_status as ks\n"
        "print(callable(ks.plot.control_map), ks.records.Source.__name__, ks.answers.Status is ks.Status,"
        " ks.vocabulary.TERRITORIES['agdam'].id, callable(ks.tables.panel), ks.errors.LogError is ks.LogError)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "Source", "True", "agdam", "True", "True"]


def test_queries_share_one_parameter_order() -> None:
    """Subject first, then ``start, end`` where a query covers a span, then keyword-only ``as_of`` and ``history``."""
    import inspect

    spans = [
        ks.status_range,
        ks.changes_between,
        ks.place_history,
        ks.diff,
        ks.tables.panel,
        ks.tables.panel_rows,
        ks.tables.panel_csv,
        ks.tables.export_package,
        ks.tables.timeline_page,
        ks.plot.control_timeline,
        ks.plot.recognitions,
    ]
    for fn in spans:
        params = inspect.signature(fn).parameters
        names = list(params)
        assert names.index("start") + 1 == names.index("end"), fn.__name__
        for keyword in ("as_of", "history"):
            if keyword in params:
                assert params[keyword].kind is inspect.Parameter.KEYWORD_ONLY, (fn.__name__, keyword)
                assert names.index(keyword) > names.index("end"), (fn.__name__, keyword)
