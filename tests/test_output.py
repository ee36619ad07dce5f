"""Outputs that cannot hurt (issue 10), for every command that writes files.

Each command's output is written to a temporary file beside the target and renamed over
it; anything at the target that is not a regular file (a symlink, a FIFO, a device node)
is refused with exit status 2 and left as it was; new files get ``0o666 & ~umask``;
``template`` keeps an existing file unless ``--force``; an unwritable destination is one
message and exit status 2 (as root, permission bits do not stop a write, so "unwritable"
here is a path under a regular file: ENOTDIR).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bw_alu import output
from bw_alu.cli import main
from bw_alu.errors import OutputExists, OutputNotWritable
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.results import write_csv
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-output"
VICTIM = "precious data\n"


@pytest.fixture
def umask():
    """Set the process umask for one test, then put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    return victim


def _symlink_to_victim(tmp_path: Path, name: str) -> tuple[Path, Path]:
    victim = _victim(tmp_path)
    link = tmp_path / name
    link.symlink_to(victim)
    return link, victim


def _untouched(link: Path, victim: Path) -> None:
    assert link.is_symlink() and link.resolve() == victim.resolve()
    assert victim.read_text(encoding="utf-8") == VICTIM


def _no_temporaries(folder: Path) -> None:
    assert not [p.name for p in folder.rglob("*.tmp")]


def _refused(res, path: Path) -> None:
    assert res.exit_code == 2, res.output
    assert f"cannot write {path}" in res.output
    assert "Traceback" not in res.output


# -- the helper ------------------------------------------------------------------------


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_honour_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    path = output.write_text(tmp_path / "out.csv", "a,b\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode  # mkstemp alone gives 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    umask(0o022)
    output.write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_symlink_fifo_and_directory_are_refused(tmp_path):
    link, victim = _symlink_to_victim(tmp_path, "link.csv")
    with pytest.raises(OutputNotWritable, match="symbolic link"):
        output.write_text(link, "x")
    _untouched(link, victim)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(OutputNotWritable, match="FIFO"):
        output.write_text(fifo, "x")  # opening a FIFO for writing would block: never done
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(OutputNotWritable, match="directory"):
        output.write_text(tmp_path / "dir.csv", "x")
    _no_temporaries(tmp_path)


def test_device_node_is_refused(tmp_path):
    node = tmp_path / "null"
    try:  # the same device as /dev/null; creating one needs CAP_MKNOD
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot create a device node here (needs CAP_MKNOD)")
    with pytest.raises(OutputNotWritable, match="character device"):
        output.write_text(node, "x")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")

    def half(p: Path) -> None:
        p.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full, say")

    with pytest.raises(RuntimeError):
        output.write_with(path, half)
    assert path.read_text(encoding="utf-8") == "old\n"
    _no_temporaries(tmp_path)


def test_overwrite_false_keeps_an_existing_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(OutputExists, match="use --force"):
        output.write_text(path, "new\n", overwrite=False)
    assert path.read_text(encoding="utf-8") == "old\n"


# -- template (no project needed) --------------------------------------------------------


def test_template_keeps_a_filled_workbook_unless_force(tmp_path, umask):
    filled = write_workbook(tmp_path / "plant.xlsx", plant_sheets())
    before = filled.read_bytes()
    res = CliRunner().invoke(main, ["template", str(filled)])
    assert res.exit_code == 2 and "exists; use --force" in res.output
    assert filled.read_bytes() == before
    umask(0o022)
    res = CliRunner().invoke(main, ["template", str(filled), "--force"])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(filled)
    assert wb.sheetnames[:3] == ["instructions", "product", "inventory"]
    assert wb["inventory"].max_row == 1  # the header only: the filled rows are gone
    assert stat.S_IMODE(filled.stat().st_mode) == 0o644  # kept from the file replaced


def test_template_new_file_mode_and_refusals(tmp_path, umask):
    umask(0o027)
    res = CliRunner().invoke(main, ["template", str(tmp_path / "new.xlsx")])
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE((tmp_path / "new.xlsx").stat().st_mode) == 0o640
    link, victim = _symlink_to_victim(tmp_path, "link.xlsx")
    _refused(CliRunner().invoke(main, ["template", str(link), "--force"]), link)
    _untouched(link, victim)
    blocker = _victim(tmp_path)  # a regular file where a folder should be
    res = CliRunner().invoke(main, ["template", str(blocker / "sub" / "t.xlsx")])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "cannot write to" in res.output and str(blocker / "sub") in res.output


# -- commands on an imported product -----------------------------------------------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("output")
    bg = tiny_background(base / "tiny.json.gz")
    wb = write_workbook(base / "tiny_plant.xlsx", plant_sheets())
    import_plant(PROJECT, wb, background="tiny", background_file=bg)
    (result,) = calculate_products(PROJECT, ["tiny_plant"])
    declared = base / "declared.csv"
    write_csv(result.table, declared)
    return {"base": base, "wb": wb, "declared": declared}


def _lcia(path: Path):
    return CliRunner().invoke(
        main, ["lcia", "--project", PROJECT, "--format", "csv", "--output", str(path)]
    )


def test_lcia_output_refuses_symlink_and_fifo(tiny, tmp_path):
    link, victim = _symlink_to_victim(tmp_path, "link.csv")
    _refused(_lcia(link), link)
    _untouched(link, victim)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    _refused(_lcia(fifo), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    _no_temporaries(tmp_path)


def test_lcia_output_honours_the_umask(tiny, tmp_path, umask):
    umask(0o022)
    res = _lcia(tmp_path / "r.csv")
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE((tmp_path / "r.csv").stat().st_mode) == 0o644  # was 0o600


def test_report_output(tiny, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    link, victim = _symlink_to_victim(tmp_path, "out/tiny_plant_cfp_en.md")
    res = CliRunner().invoke(
        main,
        ["report", "--project", PROJECT, "--product", "tiny_plant", "--lang", "en",
         "--format", "md", "--output", str(out)],
    )  # fmt: skip
    _refused(res, link)
    _untouched(link, victim)
    assert sorted(p.name for p in out.iterdir()) == ["tiny_plant_cfp_en.md"]  # nothing else
    blocker = _victim(tmp_path)
    res = CliRunner().invoke(
        main,
        ["report", "--project", PROJECT, "--product", "tiny_plant", "--output",
         str(blocker / "reports")],
    )  # fmt: skip
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "cannot write reports to" in res.output


def test_verify_output(tiny, tmp_path):
    def verify(path: Path):
        return CliRunner().invoke(
            main,
            ["verify", "--project", PROJECT, "--declared", str(tiny["declared"]),
             "--output", str(path)],
        )  # fmt: skip

    link, victim = _symlink_to_victim(tmp_path, "link.md")
    _refused(verify(link), link)
    _untouched(link, victim)
    blocker = _victim(tmp_path)
    res = verify(blocker / "sub" / "report.md")  # was a NotADirectoryError traceback
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "cannot write to" in res.output
    res = verify(tmp_path / "new" / "report.md")
    assert res.exit_code == 0, res.output
    assert "no material finding" in (tmp_path / "new" / "report.md").read_text(encoding="utf-8")


def test_batch_output(tiny, tmp_path):
    def batch(out: Path):
        return CliRunner().invoke(
            main,
            ["batch", str(tiny["wb"]), "--project", PROJECT, "--background", "tiny",
             "--output", str(out), "--no-reports", "--quiet"],
        )  # fmt: skip

    blocker = _victim(tmp_path)
    res = batch(blocker / "out")  # was a NotADirectoryError traceback, after the set-up
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "cannot write to" in res.output
    out = tmp_path / "out"
    (out / "tiny_plant").mkdir(parents=True)
    link, victim = _symlink_to_victim(tmp_path, "out/tiny_plant/results.csv")
    res = batch(out)  # the product fails, listed with its reason; the link is kept
    assert res.exit_code == 1, res.output
    assert "symbolic link" in res.output and "Traceback" not in res.output
    _untouched(link, victim)
    _no_temporaries(out)
