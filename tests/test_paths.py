"""Where the data folders are found: a wheel's ``bw_alu/_data/`` or the checkout's root."""

from __future__ import annotations

from bw_alu import paths


def test_installed_wheel_layout(tmp_path):
    package = tmp_path / "site-packages" / "bw_alu"
    (package / "_data" / "methods").mkdir(parents=True)
    assert paths.data_root(package) == package / "_data"


def test_checkout_layout(tmp_path):
    package = tmp_path / "repo" / "bw_alu"
    package.mkdir(parents=True)
    assert paths.data_root(package) == tmp_path / "repo"


def test_this_installation_finds_its_data():
    assert (paths.METHODS_DIR / "indicators.csv").is_file()
    assert (paths.BACKGROUND_DIR / "uslci_cn.json.gz").is_file()
    assert (paths.DATABASES_DIR / "LICENSE-USLCI").is_file()
