"""Every failure bw-alu reports on purpose.

The CLI turns any :class:`BwAluError` into one clear message and exit status 2.
Errors about user input carry a :class:`Location` (file, sheet, row, column) so the
person who filled the workbook can go straight to the cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in the user's input a problem sits. Rows are 1-based as a spreadsheet shows them."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class BwAluError(Exception):
    """Base class of every error bw-alu raises on purpose."""


class InputError(BwAluError):
    """A user input is wrong. Carries every problem found, so all are fixed in one go."""

    def __init__(self, problems: list[Problem], headline: str = "invalid input"):
        self.problems = list(problems)
        self.headline = headline
        if len(self.problems) == 1:  # one problem is printed once, not as headline + list
            only = self.problems[0]
            text = str(only) if headline in (only.message, str(only)) else f"{headline}: {only}"
        else:
            lines = [f"{headline} ({len(self.problems)} problem(s)):"]
            lines += [f"  - {p}" for p in self.problems]
            text = "\n".join(lines)
        super().__init__(text)

    @classmethod
    def single(cls, location: Location, message: str) -> InputError:
        return cls([Problem(location, message)], headline=message)


class WorkbookInvalid(InputError):
    """The plant workbook cannot be read or fails validation (missing sheet, bad value, ...)."""


class UnknownUnit(InputError):
    """A unit is not known, or cannot be converted to the unit it must be compared with."""


class InvalidParameter(InputError):
    """A direct-emission parameter is missing, of the wrong unit, or out of range."""


class UnlinkedExchange(InputError):
    """Inventory rows name datasets that are not in the installed background or mapping."""


class FactorFileInvalid(InputError):
    """A ``--background-factors`` file is malformed."""


class MappingFileInvalid(InputError):
    """A ``--mapping`` file (columns of ``databases/mappings/study_datasets.csv``) is malformed."""


class DeclaredFileInvalid(InputError):
    """A ``verify --declared`` results file is malformed."""


class PreviousResultsInvalid(InputError):
    """A ``--previous`` results table (the previous declaration's) is malformed."""


class RecipeInvalid(InputError):
    """A batch recipes table is malformed or names an unknown base product or input."""


class ReportOptionInvalid(BwAluError):
    """A report kind, language or format that bw-alu does not know."""


class ReportOutputError(BwAluError):
    """The report output directory cannot be created or written (a file in the way, no permission)."""


class OutputNotWritable(BwAluError):
    """An output file cannot be written (missing directory, no permission, or something
    other than a regular file in its place: a symlink, FIFO, device or folder)."""


class OutputExists(OutputNotWritable):
    """The output file exists and the command does not replace files unless told to
    (``bw-alu template`` without ``--force``)."""


class ProjectNotReady(BwAluError):
    """The Brightway project lacks something a command needs (e.g. no product imported)."""


class UnknownProduct(BwAluError):
    """A product id was asked for that has not been imported into the project."""


class BackgroundInvalid(BwAluError):
    """The embedded background data is inconsistent (a broken link, a singular matrix)."""


class CrossCheckFailed(BwAluError):
    """bw2calc's own LCA of a stored product disagrees with the sum of its contributions."""


class ForegroundInvalid(BwAluError):
    """A product database's stored processes cannot be solved (e.g. edited into a loop that
    takes back more than it makes, or an input that does not exist)."""


class MethodMissing(ProjectNotReady):
    """An LCIA method of ``methods/indicators.csv`` is not in the project (for its biosphere)."""


class BiosphereMissing(ProjectNotReady):
    """The background's biosphere database, or an elementary flow bw-alu emits, is absent."""


class ReleaseInvalid(BwAluError):
    """An ecoSpold2 release folder cannot be imported (missing files, unlinked exchanges)."""


class CbamDataInvalid(InputError):
    """The CBAM sheets (installation, electricity, precursors, scope) are missing or wrong,
    or a precursor needs a default value the default-value table does not give."""


# --- issue 11 (h11d): report --toc-pages ---------------------------------------------


class LayoutToolMissing(BwAluError):
    """``report --toc-pages`` needs LibreOffice (soffice) and poppler (pdftotext) to lay the
    Word report out, and one is missing or failed."""


# --- issue 13, SimaPro CSV export (helper h13s2) ---


class ExportRefused(BwAluError):
    """A product's stored graph holds something the export format cannot carry (avoided
    products, a name with the format's separator, a flow without a SimaPro name)."""


# --- issue 10, concurrency and crashes (h10c) ---


class LockTimeout(BwAluError):
    """Another bw-alu process held the project's (or the data folder's set-up) lock for
    longer than ``--lock-timeout`` / ``BW_ALU_LOCK_TIMEOUT`` seconds."""


class LockTimeoutInvalid(BwAluError):
    """``--lock-timeout`` or ``BW_ALU_LOCK_TIMEOUT`` is not a number of seconds >= 0."""


class ProductExists(BwAluError):
    """The product_id is already imported from a different workbook file; ``--replace``
    (``replace=True``) replaces it."""


# --- issue 10, inputs that cannot hurt (helper h10r) ---------------------------------


class InventoryNotLinkable(UnlinkedExchange, UnknownUnit):
    """Inventory rows that cannot be linked and rows whose units do not fit their datasets,
    reported together (one round of fixes)."""


class PlantInvalid(WorkbookInvalid, UnlinkedExchange, UnknownUnit):
    """A workbook that fails validation, with the link and unit problems of its valid rows
    (when the project already holds the background to link them to)."""


# --- issue 14, CBAM from the stored graph (helper h14g) --------------------------------


class CbamSourceChanged(BwAluError):
    """``bw-alu cbam`` from the stored graph: the workbook the product was imported from
    (its CBAM sheets) changed since the import; re-import, or give ``--workbook``."""
