"""The verification report: findings in order, the row-by-row comparison, notes; md and json."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from .compare import Comparison
from .findings import INFO, MATERIAL, MINOR, Finding


@dataclass
class VerifyReport:
    product: str
    declared_file: str
    tolerance: float
    findings: list[Finding]
    comparisons: list[Comparison]
    notes: list[str] = field(default_factory=list)
    study: dict = field(default_factory=dict)  # workbook, background, factor file

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def exit_status(self) -> int:
        """contract.md: 0 no material finding, 1 material findings."""
        return 1 if self.count(MATERIAL) else 0

    def verdicts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.comparisons:
            out[c.verdict] = out.get(c.verdict, 0) + 1
        return out

    def to_json(self) -> dict:
        return {
            "product": self.product,
            "declared_file": self.declared_file,
            "tolerance": self.tolerance,
            "study": self.study,
            "summary": {
                "material": self.count(MATERIAL),
                "minor": self.count(MINOR),
                "info": self.count(INFO),
                "declared_rows": len(self.comparisons),
                "verdicts": self.verdicts(),
                "exit_status": self.exit_status,
            },
            "findings": [f.to_json() for f in self.findings],
            "comparison": [c.to_json() for c in self.comparisons],
            "notes": self.notes,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1, default=str)

    def markdown(self) -> str:
        s = self.study
        verdict = "material findings" if self.exit_status else "no material finding"
        lines = [
            f"# Verification of `{self.product}`",
            "",
            f"- declared results: `{self.declared_file}` ({len(self.comparisons)} rows)",
            f"- study: workbook `{s.get('workbook', '')}`, background {s.get('background', '')}"
            + (f", factor file `{s['factors_file']}`" if s.get("factors_file") else ""),
            f"- materiality threshold: {self.tolerance:.1%} per row and for the total",
            f"- result: **{verdict}**: {self.count(MATERIAL)} material, {self.count(MINOR)} minor, "
            f"{self.count(INFO)} info (exit status {self.exit_status})",
            "- declared rows: " + ", ".join(f"{n} {v}" for v, n in sorted(self.verdicts().items())),
            "",
            "## Findings",
            "",
        ]
        if self.findings:
            lines += ["| id | severity | code | finding |", "|---|---|---|---|"]
            lines += [
                f"| {f.id} | {f.severity} | `{f.code}` | {_cell(f.message)} |"
                for f in self.findings
            ]
        else:
            lines.append("None.")
        lines += ["", "## Declared vs recomputed", ""]
        lines += [
            "| row | indicator | stage | contributor | unit | declared | recomputed | deviation | rel. | verdict |",
            "|---:|---|---|---|---|---:|---:|---:|---:|---|",
        ]
        for c in self.comparisons:
            r = c.row
            lines.append(
                f"| {r.line} | {_cell(r.indicator)} | {r.stage or 'total'} | {_cell(r.contributor)} | "
                f"{_cell(r.unit)} | {_n(c.declared)} | {_n(c.recomputed)} | {_n(c.abs_dev)} | "
                f"{_rel(c.rel_dev)} | {c.verdict} |"
            )
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _n(x: float | None) -> str:
    return "" if x is None else f"{x:.6g}"


def _rel(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:+.2%}" if math.isfinite(x) else "inf"
