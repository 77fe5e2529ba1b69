#!/usr/bin/env python3
"""Runs one WASI test program through the real `wasmcap run` and checks its
behaviour from the host: exit status, output, and what it left on disk.

usage: run_check.py WASMCAP WASM_DIR CHECK
(hostile.wat is run from this script's own folder, as text.)
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

WASMCAP, WASM_DIR, CHECK = sys.argv[1], sys.argv[2], sys.argv[3]
TIMEOUT = 60


def wasm(name):
    if name == "hostile":
        return os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile.wat")
    return os.path.join(WASM_DIR, name + ".wasm")


def run(program, *args, flags=(), stdin=b"", env=None):
    cmd = [WASMCAP, "run", *flags, wasm(program), *args]
    p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=TIMEOUT, env=env)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def expect(cond, what, *details):
    if not cond:
        print("FAIL:", what, *details, sep="\n  ")
        sys.exit(1)


def expect_ok(result, what):
    rc, out, err = result
    expect(rc == 0, f"{what}: exit status {rc}", out, err)
    return out


def check_stdio():
    data = bytes(range(256)) * 300 + b"tail without newline"
    p = subprocess.run([WASMCAP, "run", wasm("stdio")], input=data, capture_output=True, timeout=TIMEOUT)
    expect(p.returncode == 0, f"exit status {p.returncode}", p.stderr)
    expect(p.stdout == data, f"stdout differs from stdin ({len(p.stdout)} of {len(data)} bytes)")
    expect(p.stderr == f"copied {len(data)} bytes\n".encode(), "stderr", p.stderr)


def check_files():
    with tempfile.TemporaryDirectory() as d:
        expect_ok(run("files", "/sandbox", flags=["--dir", f"{d}::/sandbox"]), "files")
        expect(sorted(os.listdir(d)) == ["result.txt"], "left behind", os.listdir(d))
        with open(os.path.join(d, "result.txt"), "rb") as f:
            expect(f.read() == b"hello again", "result.txt content")


def check_dirs():
    with tempfile.TemporaryDirectory() as d:
        out = expect_ok(run("dirs", "/work", flags=["--dir", f"{d}::/work"]), "dirs")
        expect("missing 0 repeated 0 others 0" in out, "readdir", out)
        names = os.listdir(os.path.join(d, "many"))
        expect(len(names) == 10000 and len(set(names)) == 10000, "host sees 10000 entries", len(names))
        expect(sorted(os.listdir(d)) == ["many"], "mkdir/rmdir left", os.listdir(d))


def check_clocks():
    before = time.time_ns()
    out = expect_ok(run("clocks"), "clocks")
    after = time.time_ns()
    guest = int(out.split()[1])
    expect(before - 1_000_000_000 <= guest <= after + 1_000_000_000, "realtime close to the host's",
           before, guest, after)


def check_random():
    expect_ok(run("random"), "random")


def check_poll():
    for ms in (50, 300):
        start = time.monotonic()
        expect_ok(run("poll", "sleep", str(ms)), f"sleep {ms}")
        elapsed = (time.monotonic() - start) * 1000
        expect(ms <= elapsed < ms + 2000, f"sleep {ms} ms took {elapsed:.0f} ms")
    # stdin with data: ready at once.
    start = time.monotonic()
    out = expect_ok(run("poll", "stdin", "5000", stdin=b"line\n"), "stdin ready")
    expect(out.startswith("ready line"), "stdin readiness", out)
    expect(time.monotonic() - start < 4, "readiness waited for the timeout")
    # stdin open but silent: times out after about the requested time.
    proc = subprocess.Popen([WASMCAP, "run", wasm("poll"), "stdin", "300"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    start = time.monotonic()
    try:
        proc.wait(timeout=TIMEOUT)  # stdin stays open and empty meanwhile
        elapsed = (time.monotonic() - start) * 1000
        out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    finally:
        proc.stdin.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    expect(proc.returncode == 0 and out == "timeout\n", "silent stdin", proc.returncode, out, err)
    expect(250 <= elapsed < 2300, f"timeout of 300 ms took {elapsed:.0f} ms")


def check_exit():
    rc, out, err = run("exit", "return")
    expect(rc == 0, "return from main", rc, err)
    for code in (0, 3, 255):
        rc, out, err = run("exit", "exit", str(code))
        expect(rc == code, f"proc_exit({code}) gave {rc}", err)
        expect(out == f"exiting with {code}", "unflushed stdout before exit", out)
    rc, out, err = run("exit", "trap")
    expect(rc == 134, f"trap gave {rc}", err)
    expect(out == "before the trap\n", "stdout before the trap", out)
    expect(err.startswith("wasmcap: trap: unreachable"), "trap message", err)
    expect("__original_main" in err or "main" in err or "func" in err, "backtrace", err)


def check_args_env():
    host_env = {"PATH": os.environ.get("PATH", ""), "WASMCAP_HOST_SECRET": "s3cret"}
    out = expect_ok(run("args_env", "one", "--help", "two words", "", flags=["--env", "A=1", "--env", "B=x=y"],
                        env=host_env), "args_env")
    expected = ["argc=5", f"arg={wasm('args_env')}", "arg=one", "arg=--help", "arg=two words", "arg=",
                "env=A=1", "env=B=x=y"]
    expect(out.splitlines() == expected, "only what was passed", out)
    out = expect_ok(run("args_env", flags=["--inherit-env", "--env", "A=1"], env=host_env), "inherit")
    lines = out.splitlines()
    expect("env=WASMCAP_HOST_SECRET=s3cret" in lines and "env=A=1" in lines, "--inherit-env", out)


def check_readonly():
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "existing.txt"), "w") as f:
            f.write("original")
        os.mkdir(os.path.join(d, "subdir"))
        before = {n: os.stat(os.path.join(d, n)).st_mtime_ns for n in os.listdir(d)}
        expect_ok(run("readonly", "/ro", flags=["--dir", f"{d}::/ro:ro"]), "readonly")
        after = {n: os.stat(os.path.join(d, n)).st_mtime_ns for n in os.listdir(d)}
        expect(before == after, "the directory changed", before, after)
        with open(os.path.join(d, "existing.txt")) as f:
            expect(f.read() == "original", "existing.txt changed")


def check_upload():
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "existing.txt"), "w") as f:
            f.write("original")
        before = os.stat(os.path.join(d, "existing.txt")).st_mtime_ns
        expect_ok(run("upload", "/up", flags=["--dir", f"{d}::/up:create"]), "upload")
        expect(sorted(os.listdir(d)) == ["batch", "existing.txt", "report.txt"], "left behind", os.listdir(d))
        with open(os.path.join(d, "report.txt")) as f:
            expect(f.read() == "first\nsecond\n", "report.txt content")
        with open(os.path.join(d, "batch", "part.txt")) as f:
            expect(f.read() == "part\n", "batch/part.txt content")
        with open(os.path.join(d, "existing.txt")) as f:
            expect(f.read() == "original", "existing.txt changed")
        expect(os.stat(os.path.join(d, "existing.txt")).st_mtime_ns == before, "existing.txt touched")


def audit_lines(path):
    import json
    with open(path) as f:
        return [json.loads(line) for line in f]


def check_policy():
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "in.txt"), "w") as f:
            f.write("data")
        grant = ["--dir", f"{d}::/d"]
        out = expect_ok(run("policy", "/d", flags=grant, stdin=b"line\n"), "default policy")
        lines = out.splitlines()
        expect(lines[0] == "stdin line" and lines[1].startswith("clock 0 ") and lines[3].startswith("random 0 ")
               and lines[4] == "open 0", "everything allowed by default", out)

        # Only stdio, args and proc: every other call is refused and audited.
        audit = os.path.join(d, "audit.jsonl")
        out = expect_ok(run("policy", "/d", stdin=b"line\n",
                            flags=grant + ["--allow-wasi", "stdio,args", "--allow-wasi", "proc", "--audit", audit]),
                        "stdio only")
        expect(out.splitlines() == ["stdin line", "clock 76 0", "slept 76 0", "random 76 00 00 00 00 00 00 00 00",
                                    "open 76"], "refusals seen by the program", out)
        records = audit_lines(audit)
        functions = [r["function"] for r in records]
        expect(functions == ["fd_prestat_get", "clock_time_get", "poll_oneoff", "clock_time_get", "random_get"],
               "one audit line per refusal", functions)
        expect(all(r["instance"] == "main" and r["result"] == "refused" for r in records), "records", records)
        expect(records[0]["errno"] == 8 and records[0]["fd"] == 3, "the preopen is hidden", records[0])
        expect(records[1]["errno"] == 76 and records[1]["rule"] == "policy denies clock_time_get (clock)",
               "clock refusal", records[1])
        expect(all(k in records[1] for k in ("time", "error")), "time and error name", records[1])

        # --audit-all also logs what was granted.
        audit_all = os.path.join(d, "all.jsonl")
        expect_ok(run("policy", "/d", flags=grant + ["--audit", audit_all, "--audit-all"]), "audit-all")
        opened = [r for r in audit_lines(audit_all) if r["function"] == "path_open"]
        expect(len(opened) == 1 and opened[0]["result"] == "granted" and opened[0]["path"] == "in.txt",
               "granted path_open logged", opened)

    # --deny-mode=trap: the first denied call stops the program.
    rc, out, err = run("policy", flags=["--deny-wasi", "clock", "--deny-mode", "trap"])
    expect(rc == 134 and "WASI call clock_time_get (clock) denied by the policy" in err, "trap mode", rc, err)

    # --deterministic: the same output every time, from a fixed clock.
    first = expect_ok(run("policy", flags=["--deterministic"]), "deterministic")
    second = expect_ok(run("policy", flags=["--deterministic"]), "deterministic again")
    expect(first == second, "deterministic runs differ", first, second)
    expect(first.splitlines()[1:3] == ["clock 0 946684800000000000", "slept 0 10000000"], "virtual clock", first)

    # --stdin/--stdout/--stderr: host files and null.
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in"), os.path.join(d, "out")
        with open(src, "w") as f:
            f.write("from a file\n")
        rc, out, err = run("policy", flags=["--stdin", src, "--stdout", dst, "--stderr", "null"])
        expect(rc == 0 and out == "" and err == "", "stdio redirected", rc, out, err)
        with open(dst) as f:
            expect(f.read().startswith("stdin from a file\n"), "stdout file")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_tcp_echo():
    port = free_port()
    proc = subprocess.Popen([WASMCAP, "run", "--tcplisten", f"127.0.0.1:{port}", wasm("tcp_echo")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        payload = os.urandom(100_000)
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                expect(time.monotonic() < deadline and proc.poll() is None, "could not connect",
                       proc.poll())
                time.sleep(0.05)
        with conn:
            conn.settimeout(20)
            conn.sendall(payload)
            conn.shutdown(socket.SHUT_WR)
            got = b""
            while chunk := conn.recv(65536):
                got += chunk
        expect(got == payload, f"echo differs ({len(got)} of {len(payload)} bytes)")
        out, err = proc.communicate(timeout=20)
        expect(proc.returncode == 0, f"server exit status {proc.returncode}", out, err)
        expect(err.decode() == f"echoed {len(payload)} bytes\n", "server stderr", err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def check_hostile():
    # The module checks every errno itself; the host must survive and report its status.
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = run("hostile", flags=["--dir", f"{d}::/sandbox"])
        expect(rc == 0, f"hostile exit status {rc} (the failing check number)", out, err)
        expect("wasmcap: trap" not in err, "hostile trapped", err)


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items() if name.startswith("check_")}

if __name__ == "__main__":
    if not os.path.exists(wasm(CHECK)):
        print(f"SKIP: {wasm(CHECK)} was not built (clang with wasm32-wasi support is missing)")
        sys.exit(77)
    CHECKS[CHECK]()
    print("PASS")
