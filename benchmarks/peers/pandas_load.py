#!/usr/bin/env python3
"""Peer: pandas read_csv + to_sql of every CSV filing in a folder into a fresh SQLite file.

    python3 pandas_load.py CSV_FOLDER DATABASE.sqlite

One table per file, named by the sidecar's kind (annual-report -> annual_report); pandas infers the
column types as its users get them. to_sql writes each table in one transaction.
"""
import glob
import json
import os
import sqlite3
import sys

import pandas as pd


def main():
    folder, database = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(database)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    total = 0
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(path + ".meta.json", encoding="utf-8") as f:
            kind = json.load(f)["kind"]
        frame = pd.read_csv(path)
        frame.to_sql(kind.replace("-", "_"), con, index=False, if_exists="append")
        total += len(frame)
    con.close()
    print("%d records" % total)


if __name__ == "__main__":
    main()
