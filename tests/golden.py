#!/usr/bin/env python3
"""Golden tests: a story in, the events it must code out.

tests/golden/NNNN-topic.txt is a story; NNNN-topic.expect says what
`dyad code` must produce for it; NNNN-topic.args holds extra options
(--date ...).  A story may instead be named by NNNN-topic.path (a path
relative to the repository, e.g. the examples/ story) or, for
third-party text that stays outside the project, NNNN-topic.ref (a path
relative to ../shared; skipped with a message when it is missing).

.expect lines:
    # comment
    exact                  the events must be exactly the ones listed
                           (the default is that the listed ones are
                           among them)
    S SOURCE TARGET CODE [key=value ...]
                           an event; '*' matches anything; S is the
                           sentence index.  Keys: date, how (date_how),
                           loc (location name), lat, lon (within 0.1
                           degree), by (reported_by), mode (comma list of
                           flags, or '-' for none), plover, src (source
                           text), tgt (target text), verb (verb text)
    ! S SOURCE TARGET CODE [key=value ...]
                           no event may match this

Usage: golden.py DYAD [SHARED_DIR]
"""
import glob
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def field_ok(ev, key, want):
    if key == "lat" or key == "lon":
        loc = ev.get("location")
        return bool(loc) and abs(loc.get(key, 1e9) - float(want)) <= 0.1
    if key == "loc":
        loc = ev.get("location")
        return bool(loc) and loc.get("name") == want
    if key == "mode":
        got = set(ev.get("mode", []))
        return got == (set() if want == "-" else set(want.split(",")))
    name = {"how": "date_how", "by": "reported_by", "src": "source_text",
            "tgt": "target_text", "verb": "verb_text"}.get(key, key)
    return str(ev.get(name)) == want


def matches(ev, spec):
    s, src, tgt, code, extra = spec
    if s != "*" and str(ev["sentence"]) != s:
        return False
    for want, got in ((src, ev["source"]), (tgt, ev["target"]),
                      (code, ev["code"])):
        if want != "*" and want != got:
            return False
    return all(field_ok(ev, k, v) for k, v in extra)


def parse_expect(path):
    exact, want, forbid = False, [], []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "exact":
            exact = True
            continue
        neg = line.startswith("!")
        parts = line.lstrip("!").split()
        if len(parts) < 4:
            sys.exit(f"{path}:{n}: want S SOURCE TARGET CODE [k=v...]")
        extra = []
        for p in parts[4:]:
            if "=" not in p:
                sys.exit(f"{path}:{n}: '{p}' is not key=value")
            k, v = p.split("=", 1)
            extra.append((k, v.replace("_", " ") if k in
                          ("src", "tgt", "verb", "loc") else v))
        spec = (parts[0], parts[1], parts[2], parts[3], extra)
        (forbid if neg else want).append((n, spec, line))
    return exact, want, forbid


def run(dyad, story, base):
    args = []
    if os.path.exists(base + ".args"):
        args = shlex.split(open(base + ".args").read())
    out = subprocess.run([dyad, "code", "-q"] + args + [story],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip()
    return [json.loads(l) for l in out.stdout.splitlines() if l], None


def check(name, events, expect_path):
    exact, want, forbid = parse_expect(expect_path)
    problems = []
    used = set()
    for n, spec, line in want:
        hit = next((i for i, ev in enumerate(events)
                    if i not in used and matches(ev, spec)), None)
        if hit is None:
            problems.append(f"missing (line {n}): {line}")
        else:
            used.add(hit)
    for n, spec, line in forbid:
        for ev in events:
            if matches(ev, spec):
                problems.append(f"forbidden (line {n}): {line}")
                break
    if exact:
        for i, ev in enumerate(events):
            if i not in used:
                problems.append("unexpected: {} {} {} {}".format(
                    ev["sentence"], ev["source"], ev["target"], ev["code"]))
    return problems


def main():
    dyad = sys.argv[1]
    shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..",
                                                                "shared")
    passed = failed = 0
    for expect in sorted(glob.glob(os.path.join(HERE, "golden", "*.expect"))):
        base = expect[:-len(".expect")]
        name = os.path.basename(base)
        if os.path.exists(base + ".txt"):
            story = base + ".txt"
        elif os.path.exists(base + ".path"):
            story = os.path.join(ROOT, open(base + ".path").read().strip())
        elif os.path.exists(base + ".ref"):
            story = os.path.join(shared, open(base + ".ref").read().strip())
            if not os.path.exists(story):
                print(f"golden {name}: skipped, {story} not found")
                continue
        else:
            print(f"golden {name}: no story (.txt, .path or .ref)")
            failed += 1
            continue
        events, err = run(dyad, story, base)
        problems = [f"dyad failed: {err}"] if events is None else \
            check(name, events, expect)
        if problems:
            failed += 1
            print(f"golden {name}: FAIL")
            for p in problems:
                print("    " + p)
        else:
            passed += 1
    print(f"golden                       {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
