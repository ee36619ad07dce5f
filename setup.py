"""Build hook: the top-level ``databases/`` and ``methods/`` ship inside the wheel.

They stay plain, reviewable folders at the top of the repository (the design card's
layout); a regular build copies them to ``bw_alu/_data/`` in the wheel, where
``bw_alu/paths.py`` finds them with importlib.resources. An editable install
(``pip install -e .``) copies nothing: ``paths.py`` then reads the checkout's folders.
Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("databases", "methods")
HERE = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "bw_alu" / "_data"
        shutil.rmtree(target, ignore_errors=True)  # no stale files from an earlier build
        for name in DATA_DIRS:
            for src in sorted((HERE / name).rglob("*")):
                if src.is_file() and "__pycache__" not in src.parts:
                    dst = target / src.relative_to(HERE)
                    self.mkpath(str(dst.parent))
                    self.copy_file(str(src), str(dst))


setup(cmdclass={"build_py": BuildPyWithData})
