"""Build hook: compile the translation catalogues (``tools/catalogs.py``) into the package.

The compiled ``.mo`` files are not kept in git; every build, editable
installs included, makes them from the ``.po`` sources.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("catalogs", root / "tools" / "catalogs.py")
        assert spec is not None and spec.loader is not None
        catalogs = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(catalogs)
        for path in catalogs.compile_all():
            build_data["artifacts"].append(str(path.relative_to(root)))
