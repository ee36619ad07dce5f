"""bw-alu: life cycle assessment of aluminium products on Brightway."""

__version__ = "0.1.0"
