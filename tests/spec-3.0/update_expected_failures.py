#!/usr/bin/env python3
"""Rewrites expected_failures.txt from a run of the 3.0 spec suite.

Usage: update_expected_failures.py WASMCAP [TESTSUITE_DIR]

Runs `WASMCAP wast -v --check-messages` over <testsuite>/spec-3.0/*.wast and
<testsuite>/spec-3.0-extra/*.wast without a list and writes one entry per
failing command: `file.wast:LINE  <feature>: <why it fails>`. The feature is
the part of WebAssembly 3.0 the command exercises (from the file, or from the
failure for files several features changed); the text after it is the
runner's own failure message. Scripts sharing a base name are told apart by
their folder (spec-3.0/memory_grow.wast, spec-3.0-extra/memory_grow.wast).
"""
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIST = os.path.join(HERE, "expected_failures.txt")

HEADER = """\
# WebAssembly 3.0 spec commands that are known to fail, enforced by
# `wasmcap wast --expected-failures` (tests/spec-3.0/CMakeLists.txt): a listed
# command that fails is an expected failure; a listed command that passes fails
# the run until its line is removed here.
# Format: file.wast:LINE  reason (the feature not implemented yet, then why the
# command fails). Regenerate with tests/spec-3.0/update_expected_failures.py.
"""

# The files each 3.0 feature added (see the testsuite's PROVENANCE.md).
FEATURE_FILES = {
    "GC": "array array_copy array_fill array_init_data array_init_elem array_new_data array_new_elem "
          "binary-gc br_on_cast br_on_cast_fail extern i31 ref_cast ref_eq ref_test struct type-canon "
          "type-equivalence type-rec type-subtyping",
    "typed function references": "br_on_non_null br_on_null call_ref ref ref_as_non_null local_init",
    "tail calls": "return_call return_call_indirect return_call_ref",
    "exception handling": "tag throw throw_ref try_table",
    "memory64/table64": "memory64-imports table_copy_mixed",
    "multi-memory": "address0 address1 align0 binary0 data0 data1 data_drop0 exports0 float_exprs0 "
                    "float_exprs1 float_memory0 imports0 imports1 imports2 imports3 imports4 linking0 "
                    "linking1 linking2 linking3 load0 load1 load2 memory-multi memory_copy0 memory_copy1 "
                    "memory_fill0 memory_init0 memory_size0 memory_size1 memory_size2 memory_size3 "
                    "memory_size_import memory_trap0 memory_trap1 simd_memory-multi start0 store0 store1 "
                    "store2 traps0",
    "relaxed SIMD": "i16x8_relaxed_q15mulr_s i32x4_relaxed_trunc i8x16_relaxed_swizzle relaxed_dot_product "
                    "relaxed_laneselect relaxed_madd_nmadd relaxed_min_max",
    "text format (annotations, string ids)": "annotations id",
    "text format (module definition/instance)": "instance",
}
FILE_FEATURE = {name: feature for feature, names in FEATURE_FILES.items() for name in names.split()}

# For files that several features changed: words in the failure that tell which.
MESSAGE_FEATURES = [
    (r"return_call", "tail calls"),
    (r"try_table|throw|exnref|\btag\b", "exception handling"),
    (r"\bi64\b.*(memory|table)|(memory|table).*\bi64\b|address type", "memory64/table64"),
    (r"multiple memories|memory index|memory \d", "multi-memory"),
    (r"struct|array|i31|anyref|eqref|\(ref|ref\.cast|ref\.test|\brec\b|\bsub\b|nullref|nullfuncref|nullexternref",
     "GC"),
    (r"call_ref|ref\.as_non_null|br_on_null|br_on_non_null|non-nullable|\(ref ", "typed function references"),
    (r"global\.get.*constant|constant expression|i32\.mul|i64\.mul", "extended constant expressions"),
    (r"either", "text format (either results)"),
]


def feature_of(path, reason):
    name = os.path.splitext(os.path.basename(path))[0]
    if name in FILE_FEATURE:
        return FILE_FEATURE[name]
    if name.endswith("64"):
        return "memory64/table64"
    for pattern, feature in MESSAGE_FEATURES:
        if re.search(pattern, reason):
            return feature
    return "3.0 change to a 2.0 file"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    wasmcap = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "..", "shared", "testsuite")
    scripts = []
    for suite in ("spec-3.0", "spec-3.0-extra"):
        folder = os.path.join(root, suite)
        scripts += sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".wast"))
    names = collections.Counter(os.path.basename(s) for s in scripts)

    def key(path):
        base = os.path.basename(path)
        return base if names[base] == 1 else os.path.basename(os.path.dirname(path)) + "/" + base

    out = subprocess.run([wasmcap, "wast", "-v", "--check-messages"] + scripts, capture_output=True, text=True)
    entries = []
    for line in out.stdout.splitlines():
        m = re.match(r"^(.*\.wast):(\d+): (.*)$", line)
        if not m:
            continue
        path, number, reason = m.group(1), int(m.group(2)), m.group(3)
        entries.append((key(path), number, feature_of(path, reason) + ": " + reason))
    entries.sort()
    with open(LIST, "w") as f:
        f.write(HEADER)
        for name, number, reason in entries:
            f.write(f"{name}:{number}  {reason}\n")
    print(out.stdout.splitlines()[-1] if out.stdout else "no output", file=sys.stderr)
    print(f"{len(entries)} entries written to {LIST}", file=sys.stderr)


if __name__ == "__main__":
    main()
