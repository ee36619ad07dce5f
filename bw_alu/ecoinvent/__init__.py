"""ecoinvent-format backgrounds: ecoSpold2 release import and version migrations."""
