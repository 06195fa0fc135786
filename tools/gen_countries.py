#!/usr/bin/env python3
"""Generate data/actors/countries.actors.

Usage:
    python3 tools/gen_countries.py > data/actors/countries.actors
    python3 tools/gen_countries.py -o data/actors/countries.actors

Options:
    -o FILE         write to FILE instead of standard output
    --iso FILE      ISO 3166-1 JSON (default: Debian iso-codes,
                    /usr/share/iso-codes/json/iso_3166-1.json)
    --countries F   country table (default: data/src/countries.tsv)
    --metonyms F    government metonym table (default: data/src/metonyms.tsv)

Inputs:
  * iso_3166-1.json from Debian's iso-codes package: alpha_3, name,
    official_name, common_name for every ISO 3166-1 entry;
  * data/src/countries.tsv: extra names, demonyms, capitals and metonyms
    per country, plus non-ISO rows (Kosovo, former states, CAMEO regions);
  * data/src/metonyms.tsv: government metonyms with role codes
    (KREMLIN -> RUSGOV), written as separate records.
The formats of the two tables are described in their header comments.

Output: one PETRARCH actor record per country, sorted by code, then the
metonym records sorted by phrase.  Phrases are upper case with words
joined by _ and a trailing _ (whole-word match), as in
docs/knowledge-base.md.  The output depends only on the inputs, so running
the tool twice gives identical files.

The tool fails (exit status 1, message on stderr) when a phrase would get
two different codes, when a table row is malformed, or when a phrase
contains characters the actor reader does not accept.

Standard library only.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COUNTRIES_TSV = os.path.join(ROOT, "data", "src", "countries.tsv")
METONYMS_TSV = os.path.join(ROOT, "data", "src", "metonyms.tsv")

# Letters NFKD does not decompose into ASCII.
FOLD_EXTRA = {
    "ß": "SS", "Æ": "AE", "Œ": "OE", "Ø": "O", "Đ": "D", "Ð": "D",
    "Þ": "TH", "Ł": "L", "İ": "I", "ı": "I", "Ħ": "H",
}
# Typographic punctuation that should match its ASCII form.
PUNCT = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-",
         "\u2011": "-", "\u2013": "-"}

CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
DATE_RE = re.compile(r"^\d{8}$")
# A phrase: letters (any script), digits, and . ' - & joined by _.
PHRASE_RE = re.compile(r"^[^\W_](?:[\w.'&-]*[\w.'])?$")
# Demonyms that take no -S plural (FRENCH, CHINESE, SWISS, ICELANDIC, ...).
NO_PLURAL_RE = re.compile(r"(ESE|SH|CH|SS|IC|Y|Z|X|S)$")


class Failure(Exception):
    """A problem in the inputs; reported as FILE:LINE: message."""


def fail(where, msg):
    raise Failure("%s: %s" % (where, msg))


def phrase(text):
    """Normalise a name to an actor phrase (without the trailing _)."""
    text = unicodedata.normalize("NFC", text)
    for k, v in PUNCT.items():
        text = text.replace(k, v)
    text = re.sub(r"\([^)]*\)", " ", text)      # "Holy See (Vatican ...)"
    text = text.upper().strip()
    text = re.sub(r"\s+", "_", text)
    text = re.sub(r"_+", "_", text).strip("_")
    if text.startswith("THE_"):
        text = text[4:]
    return text


def fold(text):
    """ASCII-fold a phrase: CÔTE_D'IVOIRE -> COTE_D'IVOIRE."""
    out = []
    for ch in text:
        if ch in FOLD_EXTRA:
            out.append(FOLD_EXTRA[ch])
            continue
        dec = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in dec if not unicodedata.combining(c)))
    return "".join(out)


def variants(p):
    """p and its generated spelling variants, p first."""
    out = [p]

    def add(v):
        if v and v not in out:
            out.append(v)

    for v in list(out):
        add(fold(v))
    for v in list(out):
        if "-" in v:
            add(v.replace("-", "_"))
    for v in list(out):
        words = v.split("_")
        if "SAINT" in words:
            add("_".join("ST." if w == "SAINT" else w for w in words))
            add("_".join("ST" if w == "SAINT" else w for w in words))
    return out


def plural(demonym):
    """The -S plural of a demonym noun, or None when it takes none."""
    if NO_PLURAL_RE.search(demonym):
        return None
    return demonym + "S"


def iso_names(entry):
    """Phrases from one iso_3166-1.json entry: (primary, [others])."""
    raw = [entry.get("common_name"), entry.get("name"),
           entry.get("official_name")]
    names = []
    for r in raw:
        if not r:
            continue
        if "," in r:
            head, tail = [s.strip() for s in r.split(",", 1)]
            # "Korea, Republic of" -> "Republic of Korea";
            # "Virgin Islands, British" -> "British Virgin Islands";
            # anything else ("Taiwan, Province of China",
            # "Bonaire, Sint Eustatius and Saba") keeps the head only.
            low = tail.lower()
            if low.endswith(" of") or low.endswith(" of the"):
                r = tail + " " + head
            elif " " not in tail:
                r = tail + " " + head
            else:
                r = head
        p = phrase(r)
        if p and p not in names:
            names.append(p)
    return names[0], names[1:]


def read_tsv(path, ncols):
    """Yield (lineno, fields) for the data rows of a tab-separated table.

    Lines starting with # and blank lines are skipped; the first other
    line is the header.  Missing trailing fields are empty.
    """
    seen_header = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if not seen_header:
                seen_header = True
                continue
            if len(fields) > ncols:
                fail("%s:%d" % (path, n), "%d columns, expected at most %d"
                     % (len(fields), ncols))
            fields += [""] * (ncols - len(fields))
            yield n, [x.strip() for x in fields]


def split_values(field):
    return [v.strip() for v in field.split("|") if v.strip()]


def load_countries(path):
    """code -> dict(line, primary, drop, names, demonyms, capitals, meto)."""
    rows = {}
    for n, (code, names, dems, caps, metos) in read_tsv(path, 5):
        where = "%s:%d" % (path, n)
        if not re.match(r"^[A-Z]{3}$", code):
            fail(where, "bad code '%s'" % code)
        if code in rows:
            fail(where, "duplicate row for '%s'" % code)
        row = {"line": where, "primary": None, "drop": set(), "names": [],
               "demonyms": [], "capitals": [], "metonyms": []}
        for v in split_values(names):
            if v.startswith("="):
                if row["primary"]:
                    fail(where, "two primary names for '%s'" % code)
                row["primary"] = phrase(v[1:])
            elif v.startswith("-"):
                row["drop"].add(phrase(v[1:]))
            else:
                row["names"].append(phrase(v))
        row["demonyms"] = [phrase(v) for v in split_values(dems)]
        row["capitals"] = [phrase(v) for v in split_values(caps)]
        row["metonyms"] = [phrase(v) for v in split_values(metos)]
        rows[code] = row
    return rows


def load_metonyms(path):
    """First phrase -> dict(line, phrases, ranges=[(code, from, until, note)])."""
    recs = {}
    for n, (phrases, code, dfrom, duntil, note) in read_tsv(path, 5):
        where = "%s:%d" % (path, n)
        ps = [phrase(v) for v in split_values(phrases)]
        if not ps:
            fail(where, "no phrase")
        if not CODE_RE.match(code):
            fail(where, "bad code '%s'" % code)
        for d in (dfrom, duntil):
            if d and not valid_date(d):
                fail(where, "bad date '%s'" % d)
        if dfrom and duntil and dfrom > duntil:
            fail(where, "range %s-%s ends before it starts" % (dfrom, duntil))
        rec = recs.setdefault(ps[0], {"line": where, "phrases": [],
                                      "ranges": []})
        for p in ps:
            if p not in rec["phrases"]:
                rec["phrases"].append(p)
        rec["ranges"].append((code, dfrom, duntil, note))
    return recs


def valid_date(d):
    if not DATE_RE.match(d):
        return False
    y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
    if not 1 <= m <= 12:
        return False
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28,
             31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return 1 <= day <= mdays


def build(iso_path, countries_path, metonyms_path):
    with open(iso_path, encoding="utf-8") as f:
        iso = {e["alpha_3"]: e for e in json.load(f)["3166-1"]}
    table = load_countries(countries_path)
    metos = load_metonyms(metonyms_path)

    missing = sorted(set(iso) - set(table))
    if missing:
        fail(countries_path, "no row for ISO code(s) %s" % " ".join(missing))

    owner = {}          # phrase -> (code, where)

    def claim(p, code, where):
        if not PHRASE_RE.match(p):
            fail(where, "bad phrase '%s'" % p)
        prev = owner.get(p)
        if prev and prev[0] != code:
            fail(where, "phrase '%s' is %s here but %s at %s"
                 % (p, code, prev[0], prev[1]))
        owner[p] = (code, where)

    records = []
    # ISO 3166-1 entries first, then the non-ISO rows, each sorted by code.
    for code in sorted(table, key=lambda c: (c not in iso, c)):
        row = table[code]
        where = row["line"]
        if code in iso:
            primary, official = iso_names(iso[code])
            label = iso[code].get("common_name") or iso[code]["name"]
        else:
            primary, official = None, []
            label = None
        if row["primary"]:
            if primary and primary not in row["drop"]:
                official = [primary] + official
            primary = row["primary"]
        if not primary:
            fail(where, "'%s' is not in ISO 3166-1 and has no =NAME" % code)
        if label is None:
            label = primary.replace("_", " ").title()

        groups = [("official and common names", official),
                  ("other names", row["names"]),
                  ("demonyms and adjectives", []),
                  ("capital", row["capitals"]),
                  ("metonyms", row["metonyms"])]
        dems = []
        for d in row["demonyms"]:
            dems.append(d)
            pl = plural(d)
            if pl:
                dems.append(pl)
        groups[2] = ("demonyms and adjectives", dems)

        seen = set()
        synonyms = []
        for v in variants(primary):
            if v != primary:
                synonyms.append(("official and common names", v))
            seen.add(v)
        for gname, plist in groups:
            for p in plist:
                for v in variants(p):
                    if v in seen or v in row["drop"]:
                        continue
                    seen.add(v)
                    synonyms.append((gname, v))
        if primary in row["drop"]:
            fail(where, "primary phrase '%s' is dropped" % primary)
        claim(primary, code, where)
        for _, v in synonyms:
            claim(v, code, where)
        records.append((code in iso, code, label, primary, synonyms))

    meto_records = []
    for key in sorted(metos):
        rec = metos[key]
        phrases = []
        for p in rec["phrases"]:
            for v in variants(p):
                if v not in phrases:
                    phrases.append(v)
        codes = {r[0] for r in rec["ranges"]}
        for p in phrases:
            prev = owner.get(p)
            if prev and (prev[0] not in codes or len(codes) > 1):
                fail(rec["line"], "phrase '%s' is already %s at %s"
                     % (p, prev[0], prev[1]))
            if not PHRASE_RE.match(p):
                fail(rec["line"], "bad phrase '%s'" % p)
            owner[p] = ("/".join(sorted(codes)), rec["line"])
        defaults = [r for r in rec["ranges"] if not r[1] and not r[2]]
        if len(defaults) > 1:
            fail(rec["line"], "'%s' has two default codes" % key)
        dated = sorted((r for r in rec["ranges"] if r[1] or r[2]),
                       key=lambda r: (r[1] or "00000000", r[2] or "99999999"))
        meto_records.append((phrases, dated + defaults))
    return records, meto_records


# Trailing comment for synonyms of these groups (the rest need none).
TAGS = {"capital": "capital", "metonyms": "metonym"}


def restriction(code, dfrom, duntil):
    if dfrom and duntil:
        return "[%s %s-%s]" % (code, dfrom, duntil)
    if dfrom:
        return "[%s %s-]" % (code, dfrom)
    if duntil:
        return "[%s -%s]" % (code, duntil)
    return "[%s]" % code


def render(records, meto_records, iso_path, countries_path, metonyms_path):
    rel = lambda p: os.path.relpath(p, ROOT) if p.startswith(ROOT) else p
    out = []
    w = out.append
    w("# dyad actor dictionary: countries, territories, former states,")
    w("# CAMEO regions and government metonyms.")
    w("#")
    w("# GENERATED FILE -- do not edit.  Made by tools/gen_countries.py from")
    w("#   %s (Debian package iso-codes)" % iso_path)
    w("#   %s" % rel(countries_path))
    w("#   %s" % rel(metonyms_path))
    w("# Edit the tables and run:")
    w("#   python3 tools/gen_countries.py -o data/actors/countries.actors")
    w("#")
    w("# Codes are ISO 3166-1 alpha-3 as CAMEO uses them; non-ISO codes are")
    w("# explained in data/src/countries.tsv (XKX Kosovo, USR/YUG/CSK/DDR/SCG")
    w("# former states, three-letter CAMEO region codes).")
    w("")
    w("# ===== Countries and territories (ISO 3166-1) =====")
    in_iso = True
    for is_iso, code, label, primary, synonyms in records:
        if in_iso and not is_iso:
            in_iso = False
            w("")
            w("# ===== Not in ISO 3166-1: Kosovo, former states, "
              "CAMEO regions =====")
        w("")
        w("%s_ [%s]%s# %s" % (primary, code,
                              " " * max(1, 40 - len(primary) - len(code)),
                              label))
        # Group names become trailing comments, not comment lines, so a
        # record stays one block of lines for any PETRARCH-style reader.
        for gname, p in synonyms:
            note = TAGS.get(gname)
            if note:
                w("+%s_%s# %s" % (p, " " * max(1, 40 - len(p)), note))
            else:
                w("+%s_" % p)
    w("")
    w("# ===== Government metonyms (role codes) =====")
    for phrases, ranges in meto_records:
        w("")
        w("%s_" % phrases[0])
        for p in phrases[1:]:
            w("+%s_" % p)
        for code, dfrom, duntil, note in ranges:
            r = restriction(code, dfrom, duntil)
            w("\t%s%s# %s" % (r, " " * max(1, 28 - len(r)), note)
              if note else "\t%s" % r)
    w("")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Generate data/actors/countries.actors.")
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    ap.add_argument("--iso", default=ISO_JSON)
    ap.add_argument("--countries", default=COUNTRIES_TSV)
    ap.add_argument("--metonyms", default=METONYMS_TSV)
    args = ap.parse_args(argv)
    try:
        records, metos = build(args.iso, args.countries, args.metonyms)
    except (Failure, OSError, ValueError, KeyError) as e:
        print("gen_countries: %s" % e, file=sys.stderr)
        return 1
    text = render(records, metos, args.iso, args.countries, args.metonyms)
    if args.output:
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.output)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
