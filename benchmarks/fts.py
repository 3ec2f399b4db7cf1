"""The SQLite FTS5 reference: the same articles, and for each query the same work the search
page needs — bm25 top 10 with snippet(), person counts and month counts over all matches."""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

from archive.article import Article

from .queries import Query

SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, person TEXT,
                  day INTEGER, month TEXT, ts INTEGER);
CREATE TABLE persons(doc INTEGER, name TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, person, content='docs', content_rowid='rowid',
                                    tokenize='porter unicode61');
"""


def build(path: Path, articles: list[Article]) -> float:
    """Write the FTS5 database at ``path``; return the seconds it took."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", (
        (n, a.id, a.title, a.body, " ; ".join(a.persons),
         a.published.date().toordinal() if a.published else 0,
         a.published.strftime("%Y-%m") if a.published else None,
         int(a.published.timestamp()) if a.published else None)
        for n, a in enumerate(articles, start=1)))
    db.executemany("INSERT INTO persons VALUES (?, ?)",
                   ((n, p) for n, a in enumerate(articles, start=1) for p in a.persons))
    db.executescript("""
        INSERT INTO fts(rowid, title, body, person) SELECT rowid, title, body, person FROM docs;
        CREATE INDEX persons_doc ON persons(doc);
        CREATE INDEX persons_name ON persons(name);
        """)
    db.commit()
    db.close()
    return time.perf_counter() - started


class Fts:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def search(self, query: Query) -> dict:
        where, params = ["fts MATCH :m"], {"m": query.fts, "off": (query.page - 1) * 10}
        for n, name in enumerate(query.persons):
            where.append(f"fts.rowid IN (SELECT doc FROM persons WHERE name = :p{n})")
            params[f"p{n}"] = name
        if query.since:
            where.append("d.day >= :since")
            params["since"] = _ordinal(query.since)
        if query.until:
            where.append("d.day <= :until AND d.day != 0")
            params["until"] = _ordinal(query.until, end=True)
        cond = " AND ".join(where)
        joined = "FROM fts JOIN docs d ON d.rowid = fts.rowid"
        order = "d.ts DESC" if query.sort == "newest" else "bm25(fts, 2.0, 1.0, 1.0)"
        hits = self.db.execute(
            f"SELECT d.id, d.title, snippet(fts, 1, '<mark>', '</mark>', ' … ', 24) {joined} "
            f"WHERE {cond} ORDER BY {order} LIMIT 10 OFFSET :off", params).fetchall()
        people = self.db.execute(
            f"SELECT p.name, count(*) AS c {joined} JOIN persons p ON p.doc = fts.rowid "
            f"WHERE {cond} GROUP BY p.name ORDER BY c DESC, p.name LIMIT 20", params).fetchall()
        months = self.db.execute(
            f"SELECT d.month, count(*) {joined} WHERE {cond} GROUP BY d.month", params).fetchall()
        return {"hits": hits, "persons": people, "months": months,
                "total": sum(c for _, c in months)}


def _ordinal(text: str, end: bool = False) -> int:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts).toordinal()
    if len(parts) == 2:
        year, month = parts
        if not end:
            return date(year, month, 1).toordinal()
        return date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    return (date(parts[0], 12, 31) if end else date(parts[0], 1, 1)).toordinal()
