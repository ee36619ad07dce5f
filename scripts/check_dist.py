"""Check a built sdist and wheel: bw-alu's data and every licence notice are in both.

    python scripts/check_dist.py DIST_DIR

DIST_DIR holds one ``bw_alu-*.tar.gz`` and one ``bw_alu-*.whl`` (``python -m build``).
Every file under the checkout's ``databases/`` and ``methods/`` must be in the sdist at
the same path and in the wheel under ``bw_alu/_data/``; ``LICENSE`` and every
``databases/LICENSE-*`` must also be among the wheel's licence files
(``*.dist-info/licenses/``). Prints what it checked; exit status 1 if anything is missing.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("databases", "methods")


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        sys.exit(f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dist", type=Path)
    args = ap.parse_args()
    sdist, wheel = _one(args.dist, "bw_alu-*.tar.gz"), _one(args.dist, "bw_alu-*.whl")

    data = sorted(
        p.relative_to(ROOT).as_posix()
        for d in DATA_DIRS
        for p in (ROOT / d).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    notices = ["LICENSE"] + sorted(p for p in data if p.startswith("databases/LICENSE-"))

    with tarfile.open(sdist) as tf:
        prefix = tf.getnames()[0].split("/")[0]
        in_sdist = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    with zipfile.ZipFile(wheel) as zf:
        in_wheel = set(zf.namelist())
    licences = {n.split("/licenses/", 1)[1] for n in in_wheel if ".dist-info/licenses/" in n}

    wanted = dict.fromkeys([*data, *notices, "setup.py"])
    missing = [f"sdist: {p}" for p in wanted if p not in in_sdist]
    missing += [f"wheel: bw_alu/_data/{p}" for p in data if f"bw_alu/_data/{p}" not in in_wheel]
    missing += [f"wheel licence files: {p}" for p in notices if p not in licences]
    print(f"{sdist.name} ({prefix}): {len(in_sdist)} files; {wheel.name}: {len(in_wheel)} files")
    print(f"data files checked: {len(data)}; licence notices: {', '.join(notices)}")
    for m in missing:
        print(f"MISSING {m}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
