"""Unit conversions, each factor derived by hand."""

import pytest

from bw_alu.units import UnitError, convert, factor, normalize


@pytest.mark.parametrize(
    ("amount", "src", "dst", "expected"),
    [
        (1.0, "t", "kg", 1000.0),  # 1 t = 1000 kg
        (2334.30, "kWh", "MWh", 2.3343),  # /1000
        (9542.96, "MWh", "kWh", 9_542_960.0),  # x1000
        (1.0, "kWh", "MJ", 3.6),  # 1 kWh = 3600 kJ
        (1.0, "GJ", "MJ", 1000.0),
        (3185793.67, "kg*km", "t*km", 3185.79367),  # kg*km / 1000
        (1.0, "l", "m3", 0.001),
        (2.0, "10^4 m3", "m3", 20000.0),
        (5.0, "吨", "kg", 5000.0),
        (5.0, "度", "kWh", 5.0),
    ],
)
def test_convert(amount, src, dst, expected):
    assert convert(amount, src, dst) == pytest.approx(expected, rel=1e-15)


def test_water_mass_to_volume_only_when_asked():
    # 1.12 t of water at 1000 kg/m3 = 1.12 m3
    assert convert(1.12, "t", "m3", water=True) == pytest.approx(1.12, rel=1e-15)
    assert convert(1.0, "m3", "kg", water=True) == pytest.approx(1000.0, rel=1e-15)
    with pytest.raises(UnitError, match="cannot convert t \\(mass\\) to m3 \\(volume\\)"):
        factor("t", "m3")


@pytest.mark.parametrize("spelling", ["kilogram", "KG", " kg ", "千克"])
def test_normalize_aliases(spelling):
    assert normalize(spelling) == "kg"


def test_ecoinvent_spellings():
    assert normalize("ton kilometer") == "t*km"
    assert normalize("kilowatt hour") == "kWh"
    assert normalize("cubic meter") == "m3"


def test_unknown_and_mismatched_units():
    with pytest.raises(UnitError, match="unknown unit 'furlong'"):
        normalize("furlong")
    with pytest.raises(UnitError, match="cannot convert kWh \\(energy\\) to kg \\(mass\\)"):
        factor("kWh", "kg")
    with pytest.raises(UnitError, match="cannot convert km \\(distance\\) to t\\*km"):
        factor("km", "t*km")
