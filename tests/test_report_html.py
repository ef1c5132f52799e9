"""The HTML report: what it shows, that input text stays text, that it loads nothing.

The first half reads the page as a parser does; the second opens it in the
distribution's headless Chromium (installed by ``.ci/run``): the charts and every
item row render, Chinese is drawn with real glyphs, nothing runs or is fetched,
and it prints on A4.  Set ``FAZHI_ARTEFACTS`` to a folder to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main
from fazhi_indicators.exact import RateTarget, Verdict, format_number
from fazhi_indicators.ranking import rank
from fazhi_indicators.render import (
    AUDIT_LABELS,
    STATUS_LABELS,
    _gap_text,
    _note_lines,
    _points_text,
    _range_text,
    display_value,
    subject_name,
    target_display,
)
from fazhi_indicators.report_html import panel_html, scorecard_html
from fazhi_indicators.tables import VERDICT_LABELS

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "html"
PROFILE = "henan-demonstration-county"
LANGS = ("zh", "en")
SCRIPT_COUNTY = "<script>alert(1)</script>"
FORMULA_COUNTY = '=HYPERLINK("http://x","y")'
STATUS_CSS = {
    Verdict.MET: "met",
    Verdict.NOT_MET: "notmet",
    Verdict.UNDETERMINED: "undetermined",
    Verdict.MISSING: "missing",
    Verdict.NOT_APPLICABLE: "na",
}


# -- a small DOM, enough to read the report back -----------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "source", "wbr"}


class Node:
    """An element: its tag, attributes, children and the text directly inside it."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node] = []
        self.parts: list[str | Node] = []

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.iter()

    def all(self, tag: str, css: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (css is None or css in n.attrs.get("class", "").split())
        ]

    def one(self, tag: str, css: str | None = None) -> Node:
        found = self.all(tag, css)
        assert len(found) == 1, (tag, css, len(found))
        return found[0]

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def loads_from_elsewhere(page: str) -> list[str]:
    """Everything in ``page`` that would make a browser fetch something."""
    found = []
    for node in parse(page).iter():
        if node.tag in {"link", "script", "iframe", "object", "embed", "img", "image", "use"}:
            found.append(f"<{node.tag}>")
        for name, value in node.attrs.items():
            if name in {"src", "srcset", "data", "poster", "background", "xlink:href"}:
                found.append(f"{node.tag} {name}={value}")
            if name == "href" and node.tag != "a":
                found.append(f"{node.tag} href={value}")
            if name.startswith("on"):
                found.append(f"{node.tag} {name}")
            found += [f"{node.tag} {name}: url({u})" for u in _urls(value) if not u.startswith("#")]
        if node.tag == "style":
            css = node.text()
            if "@import" in css:
                found.append("@import")
            found += [f"style url({u})" for u in _urls(css) if not u.startswith("#")]
    return found


def _urls(text: str) -> list[str]:
    return [u.strip("'\" ") for u in re.findall(r"url\(([^)]*)\)", text)]


# -- cards -------------------------------------------------------------------------------


@pytest.fixture(name="card", scope="module")
def _card() -> fz.Scorecard:
    data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    return fz.score(data, profile=PROFILE)


def _hostile(name: str) -> fz.Scorecard:
    """A card of a county-year under ``tests/fixtures/html``."""
    return fz.score(fz.load_county_year(HOSTILE / name), profile=PROFILE)


def _panel_cards(path: Path) -> list[fz.Scorecard]:
    return [fz.score(row, profile=PROFILE) for row in fz.load_panel(path).rows]


def _cells(row: Node) -> list[str]:
    return [cell.text() for cell in row.children if cell.tag in {"td", "th"}]


# -- what the page shows -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_has_a_row_with_the_formatters_text(card: fz.Scorecard, lang: str) -> None:
    rows = {r.attrs["data-indicator"]: r for r in parse(scorecard_html(card, lang)).all("tr")
            if "item" in r.attrs.get("class", "").split()}  # fmt: skip
    assert list(card.lines) == list(rows)
    zh = lang == "zh"
    for indicator, line in card.lines.items():
        _, name, value, target, status, points, note = _cells(rows[indicator])
        assert card.catalog.indicators[indicator].name.get(lang) in name
        assert display_value(card.catalog, line.value, lang) == value
        assert target_display(card.catalog, indicator, line.target, lang) == target
        assert STATUS_LABELS[line.status][zh] == status
        assert _points_text(line) == points
        if line.gap is not None:
            assert _gap_text(card.catalog, line, lang) in note
        assert line.mandatory == (("必达项" if zh else "mandatory") in name)
        assert STATUS_CSS[line.status] == rows[indicator].attrs["class"].split()[1]
    numbers = [_cells(r)[0] for r in rows.values()]
    assert [str(n) for n in range(1, len(card.lines) + 1)] == numbers


def test_gaps_are_whole_cases_in_the_scoring_note(card: fz.Scorecard) -> None:
    page = parse(scorecard_html(card, "zh"))
    with_gap = [line for line in card.lines.values() if line.gap is not None]
    assert with_gap  # Shenqiu misses two targets by whole numbers of cases
    for line in with_gap:
        row = next(r for r in page.all("tr") if r.attrs.get("data-indicator") == line.indicator)
        note = _cells(row)[-1]
        assert f"差距：{_gap_text(card.catalog, line, 'zh')}" == note
        assert str(abs(line.gap.change)) in note  # type: ignore[union-attr]


def test_missing_items_say_which_figures_to_report(card: fz.Scorecard) -> None:
    page = parse(scorecard_html(card, "zh"))
    missing = [line for line in card.lines.values() if line.status == Verdict.MISSING]
    assert missing
    for line in missing:
        row = next(r for r in page.all("tr") if r.attrs.get("data-indicator") == line.indicator)
        note = _cells(row)[-1]
        for field in line.value.missing_fields:
            assert card.catalog.fields[field].name.zh in note
            assert field not in note


@pytest.mark.parametrize("lang", LANGS)
def test_the_verdict_totals_and_grade(card: fz.Scorecard, lang: str) -> None:
    page = parse(scorecard_html(card, lang))
    verdict = page.one("section", "verdict")
    assert card.verdict.value == verdict.attrs["data-verdict"]
    label = VERDICT_LABELS[card.verdict.value][lang == "zh"]
    short = re.split(r" — |（", label)[0]
    assert short in verdict.one("p", "verdict-line").text()
    shown = verdict.text()
    assert f"{format_number(card.total)} / {format_number(card.max_total)}" in shown
    assert format_number(card.total_if_missing_met) in shown
    assert f"{format_number(card.coverage * 100)}%" in shown
    assert str(card.assumptions) in shown
    assert ("无" if lang == "zh" else "none") in shown  # no grade below the pass line
    assert card.total != card.total_if_missing_met  # both bounds are really shown


@pytest.mark.parametrize("lang", LANGS)
def test_a_total_known_as_a_range_shows_both_ends(lang: str) -> None:
    ranged = _hostile("undetermined.yaml")
    assert ranged.total < ranged.total_high < ranged.total_if_missing_met
    page = parse(scorecard_html(ranged, lang))
    verdict = page.one("section", "verdict").text()
    low, high = format_number(ranged.total), format_number(ranged.total_high)
    assert f"{low}–{high} / {format_number(ranged.max_total)}" in verdict
    assert format_number(ranged.total_if_missing_met) in verdict
    line = ranged.lines["enforcement.exam_pass_rate"]
    assert line.status == Verdict.UNDETERMINED
    row = next(r for r in page.all("tr") if r.attrs.get("data-indicator") == line.indicator)
    assert _points_text(line) == _cells(row)[5]
    assert "–" in _cells(row)[5]
    assert ("区间" if lang == "zh" else "range") in _cells(row)[6]
    assert "undetermined" in row.attrs["class"].split()


@pytest.mark.parametrize("lang", LANGS)
def test_points_by_area_chart(card: fz.Scorecard, lang: str) -> None:
    svg = parse(scorecard_html(card, lang)).one("svg", "chart-areas")
    fills = svg.all("rect", "fill-points")
    tracks = svg.all("rect", "track")
    assert len(card.areas) == len(fills) == len(tracks)
    labels = [t.text() for t in svg.all("text", "num")]
    for result, fill, track, label in zip(card.areas, fills, tracks, labels, strict=True):
        assert f"{format_number(result.points)} / {format_number(result.max_points)}" == label
        # One scale for every area: the drawn lengths keep the exact ratios (to 0.1 px).
        width, full = Fraction(fill.attrs["width"]), Fraction(track.attrs["width"])
        assert abs(width - full * result.points / result.max_points) <= Fraction(1, 10)
    largest = max(card.areas, key=lambda a: a.max_points)
    ratios = {
        Fraction(t.attrs["width"]) / a.max_points for t, a in zip(tracks, card.areas, strict=True)
    }
    assert max(ratios) - min(ratios) < Fraction(1, 100), largest.id


@pytest.mark.parametrize("lang", LANGS)
def test_each_rate_against_its_target(card: fz.Scorecard, lang: str) -> None:
    svg = parse(scorecard_html(card, lang)).one("svg", "chart-rates")
    rows = {g.attrs["data-indicator"]: g for g in svg.all("g", "rate-row")}
    rates = {k: v for k, v in card.lines.items() if isinstance(v.target, RateTarget)}
    assert list(rates) == list(rows)
    assert len(rates) < len(card.lines)  # the yes/no item is in the table only
    for indicator, line in rates.items():
        row = rows[indicator]
        track = row.one("rect", "track")
        left, span = Fraction(track.attrs["x"]), Fraction(track.attrs["width"])
        target = line.target
        assert isinstance(target, RateTarget)
        marker = row.one("line", "target")
        assert abs(Fraction(marker.attrs["x1"]) - (left + span * target.value)) <= Fraction(1, 10)
        whiskers = row.all("line", "whisker")
        bars = [r for r in row.all("rect") if r.attrs.get("class", "").startswith("f-")]
        if isinstance(line.value.value, Fraction):
            (bar,) = bars
            drawn = Fraction(bar.attrs["width"])
            assert abs(drawn - span * min(line.value.value, Fraction(1))) <= Fraction(1, 10)
            assert [] == whiskers
        elif line.value.interval is not None:
            assert 3 == len(whiskers)  # the bracket and its two ends
            low = Fraction(bars[0].attrs["width"])
            assert abs(low - span * line.value.interval.low) <= Fraction(1, 10)
        else:
            assert [] == bars
            assert [] == whiskers
        status = STATUS_LABELS[line.status][lang == "zh"]
        assert row.one("text", "num").text().startswith(status)


def test_the_audit_sources_and_notes(card: fz.Scorecard) -> None:
    page = parse(scorecard_html(card, "zh"))
    rows = page.one("table", "audit").one("tbody").all("tr")
    assert len(card.audit) == len(rows)
    for entry, row in zip(card.audit, rows, strict=True):
        name, status, detail = _cells(row)
        assert subject_name(card.catalog, entry.subject, "zh") == name
        assert AUDIT_LABELS[entry.status][1] == status
        assert entry.detail_zh == detail
    source = page.one("dl", "source").text()
    for value in card.source.values():
        assert value in source
    notes = [li.text() for li in page.one("ul", "notes").all("li")]
    assert _note_lines(card, "zh") == notes
    monitored = page.one("ul", "monitored").text()
    for ids in card.monitored.values():
        for indicator in ids:
            assert card.catalog.indicators[indicator].name.zh in monitored


def test_the_page_speaks_one_language(card: fz.Scorecard) -> None:
    zh, en = parse(scorecard_html(card, "zh")), parse(scorecard_html(card, "en"))
    assert "zh-CN" == zh.one("html").attrs["lang"]
    assert "en" == en.one("html").attrs["lang"]
    headings_en = [n.text() for n in en.iter() if n.tag in {"h2", "h3", "th"}]
    assert all(h.isascii() for h in headings_en if "（" not in h), headings_en
    headings_zh = [n.text() for n in zh.iter() if n.tag in {"h2", "h3"}]
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings_zh), headings_zh


def test_chinese_pages_have_no_english_words_but_ids(card: fz.Scorecard) -> None:
    """In Chinese, only ids shown on purpose (field ids, the profile id) are in Latin letters."""
    panel = _panel_cards(FIXTURES / "panel" / "ranking.csv")
    for page in (scorecard_html(card, "zh"), panel_html(panel, "zh")):
        text = parse(page).one("body").text()
        text = re.sub(r"\b[a-z_]+\.[a-z_]+\b", " ", text).replace(card.profile.id, " ")
        assert [] == re.findall(r"[A-Za-z]{2,}", text)


def test_warnings_are_shown(card: fz.Scorecard) -> None:
    other = fz.score(fz.load_county_year(fz.example_path("tongzhou-2023")), profile=PROFILE)
    assert other.warnings  # Beijing's county under Henan's profile
    shown = parse(scorecard_html(other, "zh")).one("section", "warnings").text()
    for warning in other.warnings:
        assert warning.message_zh in shown
    assert not card.warnings
    assert [] == parse(scorecard_html(card, "zh")).all("section", "warnings")


def test_print_css_sets_a4_and_keeps_rows_whole(card: fz.Scorecard) -> None:
    css = parse(scorecard_html(card, "zh")).one("style").text()
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    printed = css[css.index("@media print") :]
    assert re.search(r"\btr\b[^{]*\{[^}]*break-inside:\s*avoid", printed)
    assert re.search(r"thead\s*\{[^}]*table-header-group", printed)


# -- input stays text; nothing is fetched ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_input_files_is_escaped(lang: str) -> None:
    card = _hostile("hostile-markup.yaml")
    page = scorecard_html(card, lang)
    assert SCRIPT_COUNTY == card.county
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tree = parse(page)
    assert SCRIPT_COUNTY in tree.one("h1").text()
    assert SCRIPT_COUNTY in tree.one("head").one("title").text()
    assert [] == loads_from_elsewhere(page)
    assert {"html", "head", "meta", "title", "style", "body", "main"} <= {
        n.tag for n in tree.iter()
    }
    assert not {"script", "img", "iframe", "svg"} & {n.tag for n in tree.one("dl").iter()}
    # A javascript: address is shown, never linked.
    assert [] == tree.all("a")
    assert card.source["url"] in tree.one("dl", "source").text()
    assert card.notes["enforcement.exam_passed"] in tree.one("ul", "notes").text()


def test_a_formula_county_is_text_and_only_real_addresses_are_links() -> None:
    card = _hostile("hostile-formula.yaml")
    page = scorecard_html(card, "zh")
    tree = parse(page)
    assert FORMULA_COUNTY in tree.one("h1").text()
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    (link,) = tree.all("a")
    assert card.source["url"] == link.attrs["href"] == link.text()
    assert 'href="https://example.org/report?a=1&amp;b=&quot;2&quot;"' in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert [] == tree.all("b")


@pytest.mark.parametrize("lang", LANGS)
def test_county_names_in_a_panel_are_escaped(lang: str) -> None:
    cards = _panel_cards(HOSTILE / "hostile-panel.csv")
    page = panel_html(cards, lang)
    assert "<script" not in page.lower()
    tree = parse(page)
    counties = [r.attrs["data-county"] for r in tree.all("tr", "county")]
    assert sorted([SCRIPT_COUNTY, FORMULA_COUNTY]) == sorted(counties)
    assert [] == tree.all("a")
    assert [] == loads_from_elsewhere(page)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_loaded_from_elsewhere(card: fz.Scorecard, lang: str) -> None:
    page = scorecard_html(card, lang)
    assert [] == loads_from_elsewhere(page)
    for pattern in ("<link", "<script", "@import", "url(http", "@font-face"):
        assert pattern not in page.lower()
    # The only addresses: SVG's namespace name (never fetched) and the source's link.
    addresses = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    allowed = {"http://www.w3.org/2000/svg"} | {v for v in card.source.values() if "://" in v}
    assert addresses <= allowed


def test_the_resource_check_finds_what_it_looks_for() -> None:
    page = (
        '<link rel="stylesheet" href="https://fonts.example/x.css">'
        "<style>@import url(http://a.example/b.css); p { background: url(http://c/d.png) }</style>"
        '<img src="http://e/f.png"><svg><image href="http://g/h.png"/></svg>'
        '<p style="background:url(http://i/j.png)" onclick="x()">t</p>'
    )
    assert 8 <= len(loads_from_elsewhere(page))


# -- panels and the command line ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_panel_ranking_chart_and_table(lang: str) -> None:
    cards = _panel_cards(FIXTURES / "panel" / "ranking.csv")
    tree = parse(panel_html(cards, lang))
    groups = rank(cards)
    charts = tree.all("svg", "chart-ranking")
    sections = tree.all("section", "group")
    assert len(groups) == len(charts) == len(sections) > 1
    for group, chart, section in zip(groups, charts, sections, strict=True):
        bars = chart.all("g", "rank-row")
        assert [e.card.county for e in group.entries] == [b.attrs["data-county"] for b in bars]
        rows = section.all("tr", "county")
        assert [str(e.rank) for e in group.entries] == [_cells(r)[0] for r in rows]
        assert [_range_text(e.score, e.score_high) for e in group.entries] == [
            b.one("text", "num").text() for b in bars
        ]
        for entry, bar in zip(group.entries, bars, strict=True):
            track, fill = bar.all("rect")[0], bar.all("rect")[-1]
            width, span = Fraction(fill.attrs["width"]), Fraction(track.attrs["width"])
            assert abs(width - span * entry.score / 100) <= Fraction(1, 10)


def test_an_empty_panel_says_so() -> None:
    tree = parse(panel_html([], "zh"))
    assert "没有可评分" in tree.one("p", "empty").text()
    assert [] == tree.all("svg")


def test_cli_writes_html_to_standard_output_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main(["score", "--format", "html", "--lang", "en"])
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    out = tmp_path / "report.html"
    assert 0 == main(["score", "--format", "html", "--out", str(out)])
    written = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in written
    assert "沈丘县" in parse(written).one("h1").text()
    panel = tmp_path / "panel.html"
    csv = FIXTURES / "panel" / "ranking.csv"
    assert 0 == main(["panel", str(csv), "--format", "html", "--out", str(panel)])
    assert parse(panel.read_text(encoding="utf-8")).all("svg", "chart-ranking")


# -- in a real browser -------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not on the PATH (.ci/run installs it)"
)
#: Console messages, uncaught errors and failed loads, as Chromium logs them to stderr.
CONSOLE = re.compile(r"(?:INFO|WARNING|ERROR):CONSOLE|Uncaught")


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile and no way to reach the network."""
    assert CHROMIUM is not None
    profile = tmp / "chromium-profile"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def _open(tmp: Path, page: str, name: str) -> tuple[Node, str, list[str]]:
    """The DOM Chromium built, its console log, and every request the page made."""
    path = tmp / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    net = tmp / f"{name}.netlog.json"
    result = _chromium(tmp, f"--log-net-log={net}", "--dump-dom", path.as_uri())
    return parse(result.stdout), result.stderr, _page_requests(net)


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for; the browser's own background requests are left out."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start and "file://" in e["params"].get("network_isolation_key", "")
    ]


def _screenshot(tmp: Path, page: Path, name: str, size: str) -> Path:
    shot = tmp / f"{name}.png"
    _chromium(tmp, f"--screenshot={shot}", f"--window-size={size}", page.as_uri())
    return shot


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _keep(shot: Path) -> None:
    """Copy a screenshot to ``$FAZHI_ARTEFACTS`` when CI asks to keep them."""
    folder = os.environ.get("FAZHI_ARTEFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


@pytest.mark.subprocess
@needs_chromium
@pytest.mark.parametrize("lang", LANGS)
def test_shenqiu_renders_in_chromium(card: fz.Scorecard, lang: str, tmp_path: Path) -> None:
    dom, console, requests = _open(tmp_path, scorecard_html(card, lang), f"shenqiu-{lang}")
    assert [] == CONSOLE.findall(console), console
    assert [] == requests
    assert dom.one("svg", "chart-areas").all("rect", "fill-points")
    rates = dom.one("svg", "chart-rates").all("g", "rate-row")
    assert len(rates) == sum(isinstance(v.target, RateTarget) for v in card.lines.values())
    rendered = [
        r.attrs["data-indicator"] for r in dom.all("tr") if "item" in r.attrs.get("class", "")
    ]
    assert list(card.lines) == rendered
    shot = _screenshot(
        tmp_path, tmp_path / f"shenqiu-{lang}.html", f"report-shenqiu-2023-{lang}", "1200,2400"
    )
    assert (1200, 2400) == _png_size(shot)
    assert shot.stat().st_size > 50_000  # a page of charts and text, not a blank image
    _keep(shot)


@pytest.mark.subprocess
@needs_chromium
def test_the_browser_checks_can_fail(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://a.example/x.css">'
        '</head><body><img src="http://b.example/y.png"><script>missing()</script></body></html>'
    )
    _, console, requests = _open(tmp_path, page, "broken")
    assert CONSOLE.findall(console)
    assert {"http://a.example/x.css", "http://b.example/y.png"} <= set(requests)


@pytest.mark.subprocess
@needs_chromium
def test_hostile_input_runs_nothing_in_chromium(tmp_path: Path) -> None:
    card = _hostile("hostile-markup.yaml")
    dom, console, requests = _open(tmp_path, scorecard_html(card, "zh"), "hostile")
    assert [] == CONSOLE.findall(console), console
    assert [] == requests  # the note's <iframe src> and @import stayed text
    assert "PWNED" not in dom.one("head").one("title").text()
    assert SCRIPT_COUNTY in dom.one("head").one("title").text()
    assert "data-pwned" not in dom.one("body").attrs
    assert SCRIPT_COUNTY in dom.one("h1").text()


@pytest.mark.subprocess
@needs_chromium
def test_panel_renders_in_chromium(tmp_path: Path) -> None:
    cards = _panel_cards(FIXTURES / "panel" / "ranking.csv")
    dom, console, requests = _open(tmp_path, panel_html(cards, "zh"), "panel")
    assert [] == CONSOLE.findall(console), console
    assert [] == requests
    assert len(rank(cards)) == len(dom.all("svg", "chart-ranking"))
    assert len(cards) == len(dom.all("g", "rank-row")) == len(dom.all("tr", "county"))


def _text_page(text: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        'body { margin: 0; font: 48px "Noto Sans CJK SC", sans-serif; }'
        f"</style></head><body><p>{text}</p></body></html>"
    )


@pytest.mark.subprocess
@needs_chromium
def test_chinese_is_drawn_with_glyphs_not_boxes(tmp_path: Path) -> None:
    """Two different Chinese texts must look different; missing glyphs are identical boxes."""
    fc_list = shutil.which("fc-list")
    assert fc_list is not None  # fontconfig comes with chromium
    fonts = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK SC" in fonts
    shots = {}
    texts = {
        "fazhi": "法治政府建设",
        "shifan": "示范县评分表",
        "boxes-a": "\u0378\u0379\u0380\u0381\u0382\u0383",  # unassigned: no font has them
        "boxes-b": "\u0380\u0381\u0382\u0383\u0378\u0379",
        "blank": "",
    }
    for name, text in texts.items():
        page = tmp_path / f"{name}.html"
        page.write_text(_text_page(text), encoding="utf-8")
        # (A fresh profile draws nothing in a window much smaller than this.)
        shots[name] = _screenshot(tmp_path, page, name, "800,300").read_bytes()
    blank = shots.pop("blank")
    assert blank not in shots.values()  # every text was drawn
    assert shots["boxes-a"] == shots["boxes-b"]  # the check can tell boxes from glyphs
    assert shots["fazhi"] != shots["shifan"]
    assert shots["boxes-a"] not in {shots["fazhi"], shots["shifan"]}


@pytest.mark.subprocess
@needs_chromium
def test_prints_on_a4(card: fz.Scorecard, tmp_path: Path) -> None:
    page = tmp_path / "print.html"
    page.write_text(scorecard_html(card, "zh"), encoding="utf-8")
    pdf = tmp_path / "print.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    for width, height in boxes:  # A4 is 595.28 x 841.89 points
        assert abs(Fraction(width.decode()) - Fraction("595.28")) < 1
        assert abs(Fraction(height.decode()) - Fraction("841.89")) < 1
