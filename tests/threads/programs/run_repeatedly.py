#!/usr/bin/env python3
"""Runs a wasi-threads program under `wasmcap run` RUNS times in a row; each
run must end within the time limit (a hang fails) with the expected exit
status (default 0) and print the expected line.

Usage: run_repeatedly.py --runs N --expect LINE [--status S] [--missing WHY] WASMCAP PROGRAM
With a non-empty --missing (the toolchain was not found at configure time)
it prints why and exits 77, which ctest reports as a skip. The environment
variable WASMCAP_THREADS_MAX_RUNS caps the runs (the ThreadSanitizer run in
CI, where each run is many times slower).
"""
import argparse
import os
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--missing", default="")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("wasmcap")
    ap.add_argument("program")
    args = ap.parse_args()
    if args.missing:
        print(f"skipped: {args.missing}")
        return 77
    if os.environ.get("WASMCAP_THREADS_MAX_RUNS"):
        args.runs = min(args.runs, int(os.environ["WASMCAP_THREADS_MAX_RUNS"]))
    started = time.monotonic()
    for run in range(1, args.runs + 1):
        try:
            p = subprocess.run([args.wasmcap, "run", args.program], capture_output=True, text=True,
                               timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"run {run}: no exit within {args.timeout} s (a hang)")
            return 1
        if p.returncode != args.status or args.expect not in p.stdout:
            print(f"run {run}: exit status {p.returncode}, wanted {args.status} and the line {args.expect!r}")
            print("stdout:", p.stdout)
            print("stderr:", p.stderr)
            return 1
    print(f"{args.runs} of {args.runs} runs right (status {args.status}, {args.expect!r}), "
          f"{time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
