"""Scorecards and panels as one self-contained HTML page: charts a leader reads first.

Inline CSS and inline SVG only — no font, script, image or style is fetched — so the
file opens offline and prints on A4.  Every text from an input file is escaped.
"""

from __future__ import annotations

__all__: list[str] = []
