"""Notes that flag a result a verifier should look at twice.

- One inventory row carries more than 90 % of an indicator (the cast rod's ionising
  radiation and water use resting on a few tonnes of zinc, for example).
- The background covers the indicator poorly: the indicator is not covered at all, or
  more than half of it rests on proxies, or (where the calculation reports it) less
  than half of the background's flows for it are characterized.
"""

from __future__ import annotations

from ...results import ProductResult
from .. import i18n
from .datasets import proxy_shares
from .product import contributor_names

DOMINANT = 0.90
LOW_COVERAGE = 0.50

TEXT = {
    "dominant": ("{share} % 来自“{name}”，请核实该条目", "{share} % from '{name}': check this row"),
    "not_covered": ("背景数据未覆盖该指标", "not covered by the background"),
    "proxy": ("{share} % 依赖代理数据", "{share} % rests on proxies"),
    "coverage": ("背景数据覆盖率低（{share} %）", "low background coverage ({share} %)"),
}


def _t(key: str, lang: str, **fmt) -> str:
    return i18n.pick(TEXT[key], lang, **fmt)


def dominant_row(result: ProductResult, indicator: str) -> tuple[str, float] | None:
    """(contributor, share) of a row carrying more than 90 % of a positive total."""
    t = result.table
    block = t[(t["indicator"] == indicator) & (t["contributor"] != "")]
    total = t[(t["indicator"] == indicator) & (t["stage"] == "")]["score"]
    if block.empty or total.empty or float(total.iloc[0]) <= 0:
        return None
    top = block.loc[block["score"].idxmax()]
    share = float(top["score"]) / float(total.iloc[0])
    return (str(top["contributor"]), share) if share > DOMINANT else None


def notes(result: ProductResult, indicator: str, lang: str) -> list[str]:
    out = []
    dom = dominant_row(result, indicator)
    if dom is not None:
        name = contributor_names(result, lang).get(dom[0], dom[0])
        out.append(_t("dominant", lang, share=f"{dom[1] * 100:.1f}", name=name))
    if indicator in (result.calculation.get("not_covered_indicators") or []):
        out.append(_t("not_covered", lang))
    proxy = (proxy_shares(result).get(indicator) or {}).get("proxy")
    if isinstance(proxy, (int, float)) and proxy > LOW_COVERAGE:
        out.append(_t("proxy", lang, share=f"{proxy * 100:.1f}"))
    coverage = (result.calculation.get("coverage") or {}).get(indicator)
    if isinstance(coverage, dict):
        coverage = coverage.get("share")
    if isinstance(coverage, (int, float)) and coverage < LOW_COVERAGE:
        out.append(_t("coverage", lang, share=f"{coverage * 100:.1f}"))
    return out


def note_text(result: ProductResult, indicator: str, lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(notes(result, indicator, lang))
