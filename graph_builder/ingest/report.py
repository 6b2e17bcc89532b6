"""What an ingestion run read, skipped, and found duplicated.

Pass a report to :func:`graph_builder.ingest.iter_articles` (``report=IngestReport()``) and
it is filled as the iterator is consumed, including the near-duplicate pairs (which are
not visible in the items themselves). Without that argument, call :meth:`IngestReport.add`
on each item yourself (near-duplicates are then not recorded).

>>> from graph_builder.types import Article, Skip
>>> r = IngestReport()
>>> r.add(Article(id="a", text="Bonjour.", lang="fr"))
>>> r.add(Skip("b.pdf", "binary", "b.pdf: binary file (PDF)"))
>>> r.add_near_duplicate("a.txt", "c.txt", 0.91)
>>> r.summary_lines()
['read 1 article (fr 1) from 0 files', 'skipped 1: binary 1', 'near-duplicates: 1 pair (a.txt ~ c.txt 0.91)']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph_builder.ingest.draft import Notice
from graph_builder.types import Article, Skip

__all__ = ["IngestReport", "NearDuplicate"]


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Two articles whose texts are near-identical (the later one was kept too)."""

    first: str
    second: str
    similarity: float


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class IngestReport:
    """Counters of one run: files opened, articles read (by language), skips by reason,
    exact duplicates (also counted in ``skipped["duplicate"]``), near-duplicate pairs."""

    files: int = 0
    read: int = 0
    summaries: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    notices: Counter[str] = field(default_factory=Counter)
    #: bytes of input read so far (files and standard input), for a progress bar
    bytes_read: int = 0

    @property
    def duplicates(self) -> int:
        """Exact duplicates skipped (same URL, same text, or a reused id)."""
        return self.skipped["duplicate"] + self.skipped["duplicate-id"]

    def add(self, item: Article | Skip) -> None:
        """Count one item yielded by ingestion."""
        if isinstance(item, Article):
            self.read += 1
            self.languages[item.lang or "?"] += 1
            self.summaries += item.is_summary
        elif isinstance(item, Skip):
            self.skipped[item.reason] += 1
        else:
            raise TypeError(f"IngestReport.add expects an Article or a Skip, got {type(item).__name__}")

    def add_file(self) -> None:
        """Count one file opened."""
        self.files += 1

    def add_bytes(self, n: int) -> None:
        """Count ``n`` more bytes of input read."""
        self.bytes_read += n

    def add_notice(self, item: Notice) -> None:
        """Count one notice (something read anyway, e.g. NUL bytes removed)."""
        self.notices[item.kind] += 1

    def add_near_duplicate(self, first: str, second: str, similarity: float) -> None:
        """Record that ``second`` is a near-duplicate of the earlier ``first``."""
        self.near_duplicates.append(NearDuplicate(first, second, float(similarity)))

    def summary_lines(self) -> list[str]:
        """A few human lines for the end of a build."""
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items()))
        head = f"read {_plural(self.read, 'article')}"
        if langs:
            head += f" ({langs})"
        head += f" from {_plural(self.files, 'file')}"
        if self.summaries:
            head += f"; {self.summaries} from feed summaries only"
        lines = [head]
        total = sum(self.skipped.values())
        if total:
            reasons = ", ".join(f"{k} {v}" for k, v in self.skipped.most_common())
            lines.append(f"skipped {total}: {reasons}")
        if self.notices:
            kinds = ", ".join(f"{k} {v}" for k, v in self.notices.most_common())
            lines.append(f"notices {sum(self.notices.values())}: {kinds}")
        if self.near_duplicates:
            shown = "; ".join(f"{p.first} ~ {p.second} {p.similarity:.2f}"
                              for p in self.near_duplicates[:3])
            more = f"; +{len(self.near_duplicates) - 3} more" if len(self.near_duplicates) > 3 else ""
            lines.append(f"near-duplicates: {_plural(len(self.near_duplicates), 'pair')} ({shown}{more})")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counters."""
        return {
            "files": self.files,
            "read": self.read,
            "summaries": self.summaries,
            "languages": dict(self.languages),
            "skipped": dict(self.skipped),
            "duplicates": self.duplicates,
            "notices": dict(self.notices),
            "near_duplicates": [
                {"first": p.first, "second": p.second, "similarity": round(p.similarity, 3)}
                for p in self.near_duplicates
            ],
        }
