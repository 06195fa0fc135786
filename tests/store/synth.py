#!/usr/bin/env python3
"""tests/store/synth.py DB [STORIES]: fill a dyad database with synthetic
stories, sentences and events, for timing queries and the server on a
database of realistic size before the coder produces events from raw text.

DB must have been created by dyad (e.g. `dyad ingest --db DB` of any
input), so the schema is dyad's own.  Deterministic (seeded).  Per story:
about 20 sentences and 0-3 events per sentence (about one per sentence on
average), dates over 2004-2006, actors from ~60 codes with role
suffixes, CAMEO codes from data/cameo.tsv, a third of the events located.
"""
import os
import random
import sqlite3
import sys

db, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2474
root = os.path.dirname(os.path.abspath(__file__)) + "/../.."
rnd = random.Random(2474)

cameo = []
with open(root + "/data/cameo.tsv", encoding="utf-8") as f:
    for line in f:
        p = line.rstrip("\n").split("\t")
        if p[0] == "code" or len(p) < 5 or len(p[0]) < 3:
            continue
        cameo.append((p[0], float(p[2]), int(p[3]), p[4]))

countries = ("USA GBR FRA DEU RUS CHN JPN IND PAK AFG IRN IRQ ISR PSE SYR "
             "LBN EGY SAU TUR UKR KAZ BLR ARM AZE GEO KGZ TJK UZB NGA KEN "
             "ETH SOM SDN ZAF BRA ARG MEX COL VEN CUB PRK KOR IDN PHL THA "
             "MMR VNM AUS NZL CAN ITA ESP POL").split()
roles = ["", "", "", "GOV", "MIL", "COP", "OPP", "REB", "BUS", "MED", "CVL"]
igos = ["IGOUNO", "IGOEUREEC", "IGONAT", "IGOCSTO", "IGOAFRAU"]
places = [("Almaty", "KAZ", 43.24, 76.89), ("Kyiv", "UKR", 50.45, 30.52),
          ("Baghdad", "IRQ", 33.31, 44.36), ("Kabul", "AFG", 34.53, 69.17),
          ("Gaza", "PSE", 31.5, 34.47), ("London", "GBR", 51.51, -0.13),
          ("Washington", "USA", 38.9, -77.04), ("Moscow", "RUS", 55.76, 37.62),
          ("Beijing", "CHN", 39.9, 116.4), ("Nairobi", "KEN", -1.29, 36.82),
          ("Caracas", "VEN", 10.49, -66.88), ("Jakarta", "IDN", -6.2, 106.85)]
words = ("the government said on monday that talks with officials would "
         "continue despite protests in the capital where police and troops "
         "were deployed after clashes between rival groups over the "
         "disputed election results and economic reforms").split()


def actor():
    if rnd.random() < 0.08:
        return rnd.choice(igos)
    return rnd.choice(countries[:20] if rnd.random() < 0.6 else countries) \
        + rnd.choice(roles)


def label(code):
    return code[:3] + (" " + code[3:].lower() if len(code) > 3 else "")


con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=NORMAL")
cur = con.cursor()
seen = set()
nsent = nev = 0
for i in range(n):
    day = rnd.randrange(0, 3 * 365)
    y, d = 2004 + day // 365, day % 365
    date = "%04d-%02d-%02d" % (y, d // 31 % 12 + 1, d % 28 + 1)
    sents = [" ".join(rnd.choice(words) for _ in range(rnd.randint(8, 30)))
             .capitalize() + "." for _ in range(rnd.randint(10, 30))]
    text = "\n\n".join(sents)
    cur.execute("INSERT INTO stories (story_id, date, source, title, text, "
                "hash, nsentences, nevents, ingested) VALUES (?, ?, 'synth',"
                " ?, ?, ?, ?, 0, '2025-01-01T00:00:00Z')",
                ("synth-%05d" % i, date, sents[0][:60], text,
                 "%016x" % rnd.getrandbits(64), len(sents)))
    sid = cur.lastrowid
    off = 0
    events = 0
    for k, s in enumerate(sents):
        cur.execute("INSERT INTO sentences (story, idx, off, len, text) "
                    "VALUES (?, ?, ?, ?, ?)", (sid, k, off, len(s), s))
        for _ in range(rnd.choice((0, 0, 1, 1, 1, 2, 3))):
            code, gold, quad, plover = rnd.choice(cameo)
            src, tgt = actor(), actor()
            loc = rnd.choice(places) if rnd.random() < 0.33 else None
            a = rnd.randrange(0, max(1, len(s) - 20))
            cur.execute(
                "INSERT INTO events (story, sentence, date, date_how, "
                "source, target, code, root, quad, goldstein, plover, mode,"
                " source_off, source_len, target_off, target_len, verb_off,"
                " verb_len, source_text, target_text, verb_text, pattern, "
                "pattern_text, loc_name, loc_country, lat, lon, "
                "loc_is_country) VALUES (?, ?, ?, 'story', ?, ?, ?, ?, ?, "
                "?, ?, 0, ?, 3, ?, 4, ?, 3, ?, ?, ?, 'synthetic:1', "
                "'synthetic', ?, ?, ?, ?, ?)",
                (sid, k, date, src, tgt, code, code[:2], quad, gold, plover,
                 off + a, off + a + 12, off + a + 6, s[a:a + 3],
                 s[a + 12:a + 16], s[a + 6:a + 9],
                 loc[0] if loc else None, loc[1] if loc else None,
                 loc[2] + rnd.uniform(-0.5, 0.5) if loc else None,
                 loc[3] + rnd.uniform(-0.5, 0.5) if loc else None,
                 0 if loc else None))
            events += 1
            for c in (src, tgt):
                if c not in seen:
                    seen.add(c)
                    cur.execute("INSERT OR IGNORE INTO actors VALUES (?, ?)",
                                (c, label(c)))
        off += len(s) + 2
    cur.execute("UPDATE stories SET nevents = ? WHERE id = ?", (events, sid))
    nsent += len(sents)
    nev += events
con.commit()
con.execute("PRAGMA optimize")
con.close()
print("synth.py: %d stories, %d sentences, %d events" % (n, nsent, nev))
