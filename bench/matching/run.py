"""Run the matching benchmarks: `python -m bench.matching.run [--scenario NAME] [--no-networkx]`."""

from __future__ import annotations

import argparse
import sys
import time

from bench.matching.scenarios import METHODS, SCENARIOS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scenario",
        action="append",
        choices=sorted(SCENARIOS),
        help="scenario to run (repeatable); all when omitted",
    )
    parser.add_argument(
        "--no-networkx", action="store_true", help="leave out the networkx baseline (slowest)"
    )
    options = parser.parse_args(argv)
    methods = [
        (name, method)
        for name, method in METHODS
        if not (options.no_networkx and name.startswith("networkx"))
    ]
    for name in options.scenario or list(SCENARIOS):
        started = time.perf_counter()
        for table in SCENARIOS[name](methods):
            print(table.render())
        print(f"\n({name}: {time.perf_counter() - started:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
