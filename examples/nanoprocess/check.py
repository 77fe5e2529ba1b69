#!/usr/bin/env python3
"""Runs the nanoprocess example through the real `wasmcap run` in a scratch
folder and checks the application's output, the audit trail and the host
side: the library was refused everything but the file handed to it, the
logger wrote only its own log, and /data is unchanged.

usage: check.py WASMCAP WASM_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

WASMCAP, WASM_DIR = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))


def expect(cond, what, *details):
    if not cond:
        print("FAIL:", what, *details, sep="\n  ")
        sys.exit(1)


def main():
    if not os.path.exists(os.path.join(WASM_DIR, "app.wasm")):
        print("SKIP: the example was not built (clang with wasm32-wasi support is missing)")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(os.path.join(HERE, "app.toml"), d)
        os.mkdir(os.path.join(d, "data"))
        os.mkdir(os.path.join(d, "logs"))
        with open(os.path.join(d, "data", "input.txt"), "w") as f:
            f.write("the quick brown fox jumps\n")
        with open(os.path.join(d, "logs", "old.log"), "w") as f:
            f.write("kept\n")
        audit = os.path.join(d, "audit.jsonl")
        cmd = [WASMCAP, "run", "--policy", os.path.join(d, "app.toml"),
               "--link", "text=" + os.path.join(WASM_DIR, "text.wasm"),
               "--link", "logger=" + os.path.join(WASM_DIR, "logger.wasm"),
               "--audit", audit, os.path.join(WASM_DIR, "app.wasm")]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        expect(p.returncode == 0, f"exit status {p.returncode}", p.stdout, p.stderr)
        expect(p.stdout.splitlines() == [
            "app read: the quick brown fox jumps",
            "app handed fd 4 to text: ok",
            "text counted 5 words",
            "text writing the read-only file: Capabilities insufficient",
            "text: open refused, list / refused, environment refused, accept refused",
            "logged 3 events",
        ], "output", p.stdout)

        with open(audit) as f:
            records = [json.loads(line) for line in f]
        seen = [(r["instance"], r["function"], r["rule"], r["errno"]) for r in records]
        expect(seen == [
            ("text", "fd_write", "/data is read-only", 76),
            ("text", "path_open", "policy denies path_open (fs-read)", 76),
            ("text", "fd_readdir", "policy denies fd_readdir", 76),
            ("text", "environ_sizes_get", "policy denies environ_sizes_get (env)", 76),
            ("text", "sock_accept", "policy denies sock_accept (sock)", 76),
        ], "one audit line per refusal", *seen)
        expect(records[1]["path"] == "secret.txt", "the path tried", records[1])

        with open(os.path.join(d, "data", "input.txt")) as f:
            expect(f.read() == "the quick brown fox jumps\n", "data/input.txt changed")
        expect(sorted(os.listdir(os.path.join(d, "data"))) == ["input.txt"], "data/ changed")
        expect(sorted(os.listdir(os.path.join(d, "logs"))) == ["app.log", "old.log"], "logs/",
               os.listdir(os.path.join(d, "logs")))
        with open(os.path.join(d, "logs", "app.log")) as f:
            expect(f.read() == "event 1\nevent 2\nevent 3\n", "app.log")
        with open(os.path.join(d, "logs", "old.log")) as f:
            expect(f.read() == "kept\n", "old.log changed")
    print("PASS")


main()
