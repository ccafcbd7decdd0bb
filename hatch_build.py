"""Build hook: compile the bundled log into the package (see karabakh_status._compiled).

A wheel carries ``karabakh_status/data/events.compiled``; an editable install
gets ``data/events.compiled`` in the checkout.  Compiling needs the runtime
dependencies in the build environment (declared in pyproject.toml); if it
fails for any reason the package is built without it, and the library reads
the log from its lines, as it always can.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileLogHook(BuildHookInterface):  # type: ignore[misc]
    """Writes the compiled form of data/events.jsonl for the wheel (or beside it, for an editable install)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        log = root / "data" / "events.jsonl"
        try:
            sys.path.insert(0, str(root / "src"))
            from karabakh_status._compile import write_compiled

            if version == "editable":
                write_compiled(log, root / "data" / "events.compiled")
                return
            out = Path(tempfile.mkdtemp()) / "events.compiled"
            write_compiled(log, out)
            build_data["force_include"][str(out)] = "karabakh_status/data/events.compiled"
        except Exception as exc:  # never fail a build for an optimisation
            self.app.display_warning(f"karabakh_status: the log was not compiled ({type(exc).__name__}: {exc})")
        finally:
            if sys.path and sys.path[0] == str(root / "src"):
                sys.path.pop(0)
