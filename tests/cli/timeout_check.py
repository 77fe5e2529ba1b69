#!/usr/bin/env python3
"""`wasmcap run --timeout` stops an endless loop close to its deadline.

Usage: timeout_check.py WASMCAP SPIN_WAT
Runs `wasmcap run --timeout 200ms SPIN_WAT` and checks that it exits 134
with the trap "interrupted" between 200 ms and 250 ms after the program
started (the process start-up is measured separately and not counted).
"""
import subprocess
import sys
import time


def run(args):
    start = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=30)
    return time.monotonic() - start, proc


def main():
    wasmcap, spin = sys.argv[1], sys.argv[2]
    # What starting the process and loading the module costs, without the loop.
    startup = min(run([wasmcap, "validate", spin])[0] for _ in range(5))
    worst = 0.0
    for _ in range(3):
        elapsed, proc = run([wasmcap, "run", "--timeout", "200ms", spin])
        if proc.returncode != 134 or "wasmcap: trap: interrupted" not in proc.stderr:
            print(f"exit status {proc.returncode}, stderr:\n{proc.stderr}")
            return 1
        worst = max(worst, elapsed - startup)
        if elapsed < 0.200:
            print(f"stopped after {elapsed * 1000:.1f} ms, before the 200 ms deadline")
            return 1
    print(f"interrupted at most {worst * 1000:.1f} ms after start (deadline 200 ms)")
    return 0 if worst < 0.250 else 1


if __name__ == "__main__":
    sys.exit(main())
