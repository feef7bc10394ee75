#!/usr/bin/env python3
"""Keeps content/schema in step with the loader.

1. Both schemas are valid JSON Schema (draft 2020-12).
2. Every bundled pack file (content/packs/*/pack.json, modules/*.json) and every file of the good
   test fixtures validates against its schema.
3. Every case folder in tests/data/schema-invalid/ fails BOTH the schema and the loader. Each case is a
   small pack with one defect; its EXPECT file names the file that must fail the schema (line 1) and a
   text the loader must print (line 2), so each case fails for the intended reason.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def schema_for(path):
    return "pack" if os.path.basename(path) == "pack.json" else "module"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--pack-tool", required=True)
    args = ap.parse_args()
    src = args.source_dir

    validators = {}
    for name in ("pack", "module"):
        schema = load(os.path.join(src, "content", "schema", f"{name}.schema.json"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[name] = jsonschema.Draft202012Validator(schema)

    failures = []
    checked = 0

    # Valid content: bundled packs and the good fixtures.
    valid_dirs = sorted(glob.glob(os.path.join(src, "content", "packs", "*")))
    valid_dirs += sorted(glob.glob(os.path.join(src, "tests", "data", "packs", "good-*")))
    valid_dirs.append(os.path.join(src, "tests", "data", "programme-pack"))
    for d in valid_dirs:
        files = [os.path.join(d, "pack.json")] + sorted(glob.glob(os.path.join(d, "modules", "*.json")))
        for f in files:
            if not os.path.exists(f):
                continue
            checked += 1
            errors = list(validators[schema_for(f)].iter_errors(load(f)))
            for e in errors:
                failures.append(f"{os.path.relpath(f, src)}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"schema: {checked} valid files checked")

    # Invalid examples: each must fail the schema and the loader.
    cases = sorted(glob.glob(os.path.join(src, "tests", "data", "schema-invalid", "*")))
    cases = [c for c in cases if os.path.isdir(c)]
    if len(cases) < 10:
        failures.append(f"expected at least 10 invalid cases, found {len(cases)}")
    for case in cases:
        name = os.path.basename(case)
        with open(os.path.join(case, "EXPECT"), encoding="utf-8") as f:
            bad_file, loader_text = [line.rstrip("\n") for line in f.readlines()[:2]]
        path = os.path.join(case, bad_file)
        errors = list(validators[schema_for(path)].iter_errors(load(path)))
        if not errors:
            failures.append(f"{name}: {bad_file} passes the schema but should fail it")
        # The other files of the case must be fine, so the defect is the only difference.
        for other in [os.path.join(case, "pack.json")] + sorted(glob.glob(os.path.join(case, "modules", "*.json"))):
            if other != path and list(validators[schema_for(other)].iter_errors(load(other))):
                failures.append(f"{name}: {os.path.relpath(other, case)} should pass the schema")
        run = subprocess.run([args.pack_tool, "validate", case], capture_output=True, text=True)
        if run.returncode != 1:
            failures.append(f"{name}: upstander-pack validate exited {run.returncode}, expected 1\n{run.stdout}{run.stderr}")
        elif loader_text not in run.stdout:
            failures.append(f"{name}: loader output lacks {loader_text!r}:\n{run.stdout}")
        else:
            print(f"schema-invalid/{name}: schema: {errors[0].message[:70]} | loader: {loader_text}")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
