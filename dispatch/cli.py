"""The ``kishomail`` command line (placeholder until the store lands)."""

import argparse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kishomail")
    parser.parse_args(argv)
    return 0
