"""``python -m benchmarks {run,search,rebuild,update,trends} [--scale N]`` — see README "Benchmarks".

A search run ends with a profile of its slowest query (where its time goes)."""

from __future__ import annotations

import argparse
import os
import platform
import time

from . import rebuild, search, trends


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("what", choices=["run", "search", "rebuild", "update", "trends"],
                        help="run = rebuild + search (+ update at scale 1)")
    parser.add_argument("--scale", type=int, default=1, help="Reuters-21578 replicated N times")
    parser.add_argument("--repeats", type=int, default=search.REPEATS, help="warm runs per query")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"# benchmarks {args.what} ×{args.scale} — {time.strftime('%Y-%m-%d %H:%M:%S')}, "
          f"{platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    if args.what in ("run", "rebuild"):
        rebuild.rebuild(args.scale)
    if args.what == "update" or (args.what == "run" and args.scale == 1):
        rebuild.update()
    if args.what in ("run", "search"):
        search.run(args.scale, args.repeats, rebuild_fts=args.what == "run")
    if args.what == "trends":
        trends.run(args.scale, args.repeats)
    load = os.getloadavg()
    print(f"# done {time.strftime('%H:%M:%S')}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
