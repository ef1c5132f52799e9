"""The documentation site works for a Chinese reader: search finds what a clerk types,
no font is fetched from another host, and each page declares its own language.

The site is built once, as CI builds it (`mkdocs build --strict`). Search runs in the
browser: lunr over `search/search_index.json`, in which jieba has split Chinese text into
words at build time. The index is checked word by word, and the site's own search worker
is run under Node.js on the same queries.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# What a clerk types, and the page that answers it (a page's address in the site).
QUERIES = {
    "打分": "tutorial/zh/",
    "示范县": "reference/catalogue/",
    "复议纠错率": "reference/catalogue/",
    "出庭应诉": "reference/catalogue/",
    "差距": "tutorial/zh/",
    "模板": "how-to/excel-to-report/",
    "合格线": "reference/catalogue/",
    "执法资格考试": "reference/catalogue/",
    "法律援助": "reference/catalogue/",
    "规范性文件": "reference/catalogue/",
}
# The browser lists every page that matches any word of the query; the answer must be
# near the top, where a reader looks.
TOP = 3

# MkDocs and Node.js run in child processes, too slow to repeat for every mutant.
pytestmark = pytest.mark.subprocess

NEEDS_MKDOCS = "mkdocs is not installed; install the docs extra: python -m pip install -e '.[docs]'"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as CI builds it, strict, into a temporary folder."""
    if find_spec("mkdocs") is None:
        pytest.skip(NEEDS_MKDOCS)
    folder = tmp_path_factory.mktemp("docs") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert 0 == result.returncode, result.stderr
    return folder


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return data


def _jieba() -> ModuleType:
    """jieba, imported as MkDocs imports it; its own import-time warnings are not ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return importlib.import_module("jieba")


def _page_words(index: dict[str, Any], page: str) -> set[str]:
    """Every word lunr indexes for a page (all its sections), split as the browser splits."""
    separator = re.compile(index["config"]["separator"])
    words: set[str] = set()
    for doc in index["docs"]:
        if doc["location"].split("#")[0] == page:
            text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
            words.update(word.lower() for word in separator.split(text) if word)
    return words


def test_search_splits_chinese_words(index: dict[str, Any]) -> None:
    """English and Chinese search; the separator splits where jieba put its word breaks."""
    config = index["config"]
    assert ["en", "zh"] == config["lang"]
    assert ["给", "县里", "打分"] == re.split(config["separator"], "给\u200b县里\u200b打分")
    assert ["差距", "整数"] == re.split(config["separator"], "差距，整数")


@pytest.mark.parametrize(("query", "page"), QUERIES.items())
def test_query_is_a_word_of_its_page(index: dict[str, Any], query: str, page: str) -> None:
    """The query, whole or as jieba splits it, is among the words indexed for its page."""
    words = _page_words(index, page)
    assert words, f"no page {page} in the search index"
    pieces = [piece for piece in _jieba().lcut(query) if piece.strip()]
    missing = [piece for piece in pieces if piece not in words]
    assert query in words or not missing, f"{query} → {pieces}: {missing} not in {page}"


def _browser_search(site: Path, queries: list[str]) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is not on the PATH; CI must run the site's search worker")
        pytest.skip("Node.js is not on the PATH: the site's search worker cannot be run")
    result = subprocess.run(
        [node, str(ROOT / "tests" / "material_search.js"), str(site), json.dumps(queries)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


@pytest.fixture(scope="module")
def browser(site: Path) -> dict[str, list[str]]:
    """What the site's own search worker lists for each query (and for a word in no page)."""
    return _browser_search(site, [*QUERIES, "饕餮"])


@pytest.mark.parametrize(("query", "page"), QUERIES.items())
def test_browser_search_finds_the_page(
    browser: dict[str, list[str]], query: str, page: str
) -> None:
    """The search box, given the query, lists its page among the first few."""
    assert page in browser[query][:TOP], f"{query}: {browser[query]}"


def test_browser_search_finds_nothing_for_a_word_in_no_page(
    browser: dict[str, list[str]], index: dict[str, Any]
) -> None:
    """A word the site never uses finds nothing: results are not simply every page."""
    assert not any("饕餮" in doc["text"] for doc in index["docs"])
    assert [] == browser["饕餮"]


# An external font, stylesheet or script, which a blocked host would stall or break.
EXTERNAL = [
    re.compile(r"fonts\.googleapis|fonts\.gstatic"),
    re.compile(r"<(?:link|script|img|iframe|source|embed)\b[^>]*\b(?:href|src)=\"?(?:https?:)?//"),
    re.compile(r"url\(\s*['\"]?(?:https?:)?//"),
    re.compile(r"@import\s+(?:url\()?['\"]?(?:https?:)?//"),
]


def test_site_loads_nothing_from_other_hosts(site: Path) -> None:
    """No page or stylesheet fetches fonts (or anything else) from another host."""
    files = [*site.rglob("*.html"), *site.rglob("*.css")]
    assert len(files) > 20
    found = [
        f"{path.relative_to(site)}: {match[0]}"
        for path in files
        for pattern in EXTERNAL
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert [] == found


def _built(source: Path) -> Path:
    """Where MkDocs writes a page (directory URLs)."""
    relative = source.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        return relative.parent / "index.html"
    return relative / "index.html"


def _front_matter(source: Path) -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", source.read_text(encoding="utf-8"), re.DOTALL)
    meta: dict[str, Any] = yaml.safe_load(match[1]) if match else {}
    return meta


def _mostly_chinese(html: str) -> bool:
    """Its prose (code left out) has more than three Chinese characters per English word."""
    article = re.search(r"<article\b.*?</article>", html, re.DOTALL)
    assert article, "no <article> in the page"
    prose = re.sub(r"<(pre|code)\b.*?</\1>", "", article[0], flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", "", prose)
    han = len(re.findall(r"[\u3400-\u9fff]", text))
    return han > 3 * len(re.findall(r"[A-Za-z]+", text))


def test_each_page_declares_its_language(site: Path) -> None:
    """Chinese pages say <html lang="zh">, the others lang="en"; none is mislabelled."""
    languages: dict[str, str] = {}
    for source in sorted(DOCS.rglob("*.md")):
        html = (site / _built(source)).read_text(encoding="utf-8")
        (lang,) = re.findall(r"<html lang=\"([^\"]+)\"", html)
        page = str(source.relative_to(DOCS))
        languages[page] = lang
        assert _front_matter(source).get("lang", "en") == lang, page
        assert ("zh" == lang) == _mostly_chinese(html), f"{page} is lang={lang}"
    assert "zh" == languages["tutorial/zh.md"]
    assert "en" == languages["tutorial/en.md"]


def test_home_page_shows_the_report(site: Path) -> None:
    """The home page shows the screenshot of the HTML report, and the site carries it."""
    html = (site / "index.html").read_text(encoding="utf-8")
    images = dict(re.findall(r'<img alt="([^"]+)" src="([^"]+)"', html))
    (alt,) = [alt for alt, src in images.items() if src == "images/report-shenqiu-2023.png"]
    assert "沈丘县 2023" in alt
    assert (site / "images" / "report-shenqiu-2023.png").read_bytes().startswith(b"\x89PNG\r\n")


def test_docs_install_from_the_repository_or_a_wheel() -> None:
    """No page tells readers to install from PyPI, where the package is not published;
    a wheel named in the docs is the one this version builds."""
    pages = [*DOCS.rglob("*.md"), ROOT / "README.md"]
    from_pypi = re.compile(r"pip install\s+['\"]?fazhi[-_]indicators(?![^\s]*\.whl)")
    assert [] == [str(p) for p in pages if from_pypi.search(p.read_text(encoding="utf-8"))]
    version = re.search(
        r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert version
    wheels = {
        wheel
        for page in pages
        for wheel in re.findall(r"fazhi_indicators-\S+?\.whl", page.read_text(encoding="utf-8"))
    }
    assert wheels
    assert {f"fazhi_indicators-{version[1]}-py3-none-any.whl"} == wheels
