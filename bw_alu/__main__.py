"""``python -m bw_alu``: the same as the ``bw-alu`` command."""

from .cli import main

main(prog_name="bw-alu")
