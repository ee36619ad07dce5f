"""Validated plant records: what the rest of bw-alu works with."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location

STAGES = ("raw_materials", "raw_material_transport", "production", "distribution")
KINDS = ("material", "transport", "energy", "water", "waste")
BASES = ("per_declared_unit", "annual")
# An inventory row whose dataset is this carries no upstream burden (cut-off approach:
# scrap and low-value wastes used as raw material, GB/T 44905-2024 / the plant B study).
BURDEN_FREE = "burden-free (cut-off)"


def per_declared_unit(
    du_amount: float,
    du_unit: str,
    basis: str | None,
    annual_production: float | None,
    annual_production_unit: str | None,
) -> float:
    """Factor from a workbook amount to an amount per declared unit: 1 on a
    per-declared-unit basis, else declared unit / annual production (both in t; the
    annual production's unit defaults to the declared unit's). The one rule the
    importer, the SimaPro export, ``verify`` and ``cbam`` apply to a product, whether read
    from a workbook or from the metadata stored with it."""
    if basis != "annual":
        return 1.0
    from ..units import factor

    if annual_production is None:
        raise ValueError("an annual basis needs the annual production")
    du = du_amount * factor(du_unit, "t")
    return du / (annual_production * factor(annual_production_unit or du_unit, "t"))


@dataclass(frozen=True)
class Product:
    product_id: str
    company: str
    product_name_en: str
    declared_unit: str
    declared_unit_amount: float
    declared_unit_unit: str
    basis: str
    boundary: str
    time_period_start: str
    time_period_end: str
    geography: str
    standards: str
    annual_production: float | None = None
    annual_production_unit: str | None = None
    annual_production_assumption: str | None = None
    product_name_zh: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    location: Location | None = None

    @property
    def per_du(self) -> float:
        """Factor from a workbook amount to an amount per declared unit."""
        # load_plant requires annual_production on an annual basis and fills in its unit.
        return per_declared_unit(
            self.declared_unit_amount,
            self.declared_unit_unit,
            self.basis,
            self.annual_production,
            self.annual_production_unit,
        )

    @property
    def du_tonnes(self) -> float:
        from ..units import factor

        return self.declared_unit_amount * factor(self.declared_unit_unit, "t")


@dataclass(frozen=True)
class InventoryRow:
    index: int  # 1-based order in the inventory sheet
    stage: str
    label: str
    kind: str
    amount: float  # as written, in ``unit``, on the workbook's basis
    unit: str  # canonical symbol
    dataset: str
    location: Location  # the row (column None)
    label_zh: str | None = None
    load_t: float | None = None  # average load for transport given in km
    data_type: str | None = None
    source: str | None = None
    dq: dict[str, int] = field(default_factory=dict)
    assumption: str | None = None
    note: str | None = None
    # header -> column label, e.g. "G (dataset)"
    columns: dict[str, str | None] = field(default_factory=dict)
    # The foreground process this row is an input of ("" = the product's own process).
    process: str = ""

    def cell(self, header: str) -> Location:
        """Location of this row's cell in column ``header``."""
        return Location(
            self.location.file,
            self.location.sheet,
            self.location.row,
            self.columns.get(header, header),
        )

    @property
    def burden_free(self) -> bool:
        return self.dataset == BURDEN_FREE


@dataclass(frozen=True)
class Assumption:
    id: str
    text: str
    location: Location
    text_zh: str | None = None
    affects: str | None = None


@dataclass(frozen=True)
class LeftOut:
    label: str
    mass_kg: float  # on the workbook's basis
    precious: bool
    location: Location
    reason: str | None = None


ALLOCATIONS = ("mass", "economic", "cut-off")
# A SimaPro CSV export states each output's allocation %: imported as rule "given".
GIVEN = "given"


@dataclass(frozen=True)
class CoProduct:
    """A co-product a process sells beside its reference product (sheet ``coproducts``)."""

    process: str
    label: str
    amount: float  # on the workbook's basis, in ``unit``
    unit: str
    location: Location
    label_zh: str | None = None
    price: float | None = None  # per ``unit``, for economic allocation
    note: str | None = None
    share: float | None = None  # allocation % as given (SimaPro CSV, rule "given")


@dataclass(frozen=True)
class Process:
    """One foreground process of the plant (sheet ``processes``; one implicit when absent).

    ``amount`` is its reference-product output on the workbook's basis (annual, or per
    declared unit of the product), in ``unit``. The first process makes the declared
    product; its database code is the product id.
    """

    id: str
    name: str
    reference_product: str
    amount: float
    unit: str
    stage: str  # default stage of exchanges added without bw-alu metadata
    location: Location
    name_zh: str | None = None
    allocation: str | None = None  # one of ALLOCATIONS when it has co-products
    price: float | None = None  # of the reference product per ``unit`` (economic allocation)
    coproducts: tuple[CoProduct, ...] = ()
    share: float | None = None  # allocation % of the reference product as given


@dataclass(frozen=True)
class Plant:
    path: str
    product: Product
    inventory: tuple[InventoryRow, ...]
    direct: tuple  # of bw_alu.direct.DirectItem
    assumptions: tuple[Assumption, ...]
    left_out: tuple[LeftOut, ...]
    # The product's process first; a workbook without a ``processes`` sheet has one.
    processes: tuple[Process, ...] = ()
    # Elementary exchanges given as such (SimaPro substances, workbook/simapro_substances.py).
    substances: tuple = ()

    @property
    def product_process(self) -> Process:
        return self.processes[0]
