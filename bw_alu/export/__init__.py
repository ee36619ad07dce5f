"""Machine-readable exports of a product result (ILCD+EPD)."""
