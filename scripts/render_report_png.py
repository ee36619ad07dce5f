"""Render an html report to PNG with headless Chromium, so a person can look at it.

    python scripts/render_report_png.py out/ingot/ingot_yunnan_2024_cfp_zh.html
    python scripts/render_report_png.py --product ingot_yunnan_2024 --lang zh --kind cfp \
        [--project bw-alu] [--out shot.png] [--width 1280] [--height 4000]

With ``--product`` the report is computed and written to a temporary directory first.
Needs Debian's ``chromium`` (``apt-get install -y chromium``). Chromium finds fonts
through fontconfig; the script adds the Noto Sans SC that bw-alu's charts use (wheel
``pylopdf-fonts-zh-cn``) to a private fontconfig file, so Chinese renders even on a
machine with no CJK system font. The screenshot is of the top ``--height`` pixels.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{font_dir}</dir>
  <cachedir>{cache_dir}</cachedir>
</fontconfig>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chromium not found: apt-get install -y chromium")


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 4000) -> Path:
    from bw_alu.report.fonts import packaged_font

    with tempfile.TemporaryDirectory(prefix="bw-alu-shot-") as tmp:
        env = dict(os.environ)
        font = packaged_font()
        if font is not None:
            conf = Path(tmp) / "fonts.conf"
            conf.write_text(
                FONTS_CONF.format(font_dir=font.parent, cache_dir=Path(tmp) / "fc-cache")
            )
            env["FONTCONFIG_FILE"] = str(conf)
        cmd = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--screenshot={png.resolve()}",
            f"--window-size={width},{height}",
            html.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
        if proc.returncode != 0 or not png.exists():
            sys.exit(f"chromium failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return png


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html", nargs="?", type=Path, help="an html report written by bw-alu report")
    ap.add_argument("--product", help="compute and render this product's report instead")
    ap.add_argument("--project", default="bw-alu")
    ap.add_argument("--kind", choices=("cfp", "epd"), default="cfp")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--out", type=Path, help="PNG to write (default: beside the html)")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=4000)
    args = ap.parse_args(argv)
    if (args.html is None) == (args.product is None):
        ap.error("give an html file or --product, not both")
    with tempfile.TemporaryDirectory(prefix="bw-alu-report-") as tmp:
        html = args.html
        if args.product:
            from bw_alu.lcia import calculate_products
            from bw_alu.report import write_reports

            (result,) = calculate_products(args.project, [args.product])
            write_reports(
                result, Path(tmp), kinds=(args.kind,), langs=(args.lang,), formats=("html",)
            )
            html = Path(tmp) / f"{args.product}_{args.kind}_{args.lang}.html"
        out = args.out or (
            Path.cwd() / f"{html.stem}.png" if args.product else html.with_suffix(".png")
        )
        print(screenshot(html, out, args.width, args.height))


if __name__ == "__main__":
    main()
