#!/usr/bin/env python3
"""List WordNet synonyms and irregular forms of an English verb.

Usage: tools/wordnet.py [--dir DIR] LEMMA...

For each LEMMA (any case; phrasal verbs as STEP_DOWN or step_down) print
the irregular forms WordNet knows (verb.exc), then one line per sense:
the sense number, the synonyms of that sense and its gloss.  Used while
writing data/verbs/*.verbs to find synonyms and the forms that go in {}.
Reads DIR/index.verb, DIR/data.verb and DIR/verb.exc (default
/usr/share/wordnet, Debian package wordnet-base).  Standard library only.
"""
import argparse
import os
import sys


def load_exceptions(path):
    """Map base form -> sorted list of irregular inflected forms."""
    forms = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            for base in parts[1:]:
                forms.setdefault(base, set()).add(parts[0])
    return {k: sorted(v) for k, v in forms.items()}


def find_offsets(index_path, lemma):
    """Synset offsets of `lemma` in index.verb, most frequent sense first."""
    key = lemma + " "
    with open(index_path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(key):
                parts = line.split()
                n_synsets = int(parts[2])
                return parts[-n_synsets:]
    return []


def read_synset(data_path, offset):
    """(words, gloss) of the synset at byte `offset` of data.verb."""
    with open(data_path, "rb") as f:
        f.seek(int(offset))
        line = f.readline().decode("latin-1")
    fields, _, gloss = line.partition("|")
    parts = fields.split()
    n_words = int(parts[3], 16)
    words = [parts[4 + 2 * i] for i in range(n_words)]
    return words, gloss.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default="/usr/share/wordnet")
    ap.add_argument("lemma", nargs="+")
    args = ap.parse_args()
    index = os.path.join(args.dir, "index.verb")
    data = os.path.join(args.dir, "data.verb")
    exc = load_exceptions(os.path.join(args.dir, "verb.exc"))
    status = 0
    for raw in args.lemma:
        lemma = raw.lower()
        print(raw.upper())
        irregular = exc.get(lemma)
        if irregular:
            print("  irregular: {%s}" % " ".join(w.upper() for w in irregular))
        offsets = find_offsets(index, lemma)
        if not offsets:
            print("  not in WordNet as a verb")
            status = 1
        for n, off in enumerate(offsets, 1):
            words, gloss = read_synset(data, off)
            others = [w.upper() for w in words if w.lower() != lemma]
            print("  %d. %s -- %s" % (n, " ".join(others) or "-", gloss))
    return status


if __name__ == "__main__":
    sys.exit(main())
