"""A font that has Chinese glyphs, for the charts (and the font stack of the html).

The wheel ``pylopdf-fonts-zh-cn`` ships Noto Sans SC (SIL Open Font License 1.1, from
notofonts/noto-cjk) as a data-only package, so charts render Chinese on any machine
without system fonts. Fonts a system already has are used when that wheel is absent.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Families tried in order when the packaged font is not there.
SYSTEM_CJK = (
    "Noto Sans SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)

# CSS font stack of the html reports: the same face first, then what readers may have.
CSS_STACK = (
    '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif'
)


def packaged_font() -> Path | None:
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.exists() else None


@lru_cache(maxsize=1)
def cjk_family() -> str | None:
    """Register and return a CJK-capable family name for matplotlib (None: none found)."""
    from matplotlib import font_manager

    path = packaged_font()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()
    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in SYSTEM_CJK:
        if name in have:
            return name
    return None
