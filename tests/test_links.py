"""No broken internal link or anchor anywhere in the built site.

Every ``href``/``src`` of every built HTML page that points inside the site (relative, root-absolute,
or absolute under ``site_url``, ``webcal://`` included) must lead to an existing file, and its
``#fragment``, if any, to an element with that ``id`` (or an ``<a name>``) in the target page.
MkDocs' own validation sees only Markdown links; this sees the HTML as served, raw HTML included.
"""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
              "form": "action", "area": "href"}
# Output of tools, not of our pages: Pagefind's bundle is checked by its own build.
SKIP_DIRS = {"pagefind"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "base" and attrs.get("href"):
            self.base = attrs["href"]
        attr = LINK_ATTRS.get(tag)
        if attr and attrs.get(attr) is not None:
            if tag == "link" and "preconnect" in (attrs.get("rel") or ""):
                return
            self.links.append((self.getpos()[0], attrs[attr]))


@pytest.fixture(scope="module")
def site(built):
    """The site of the session's shared build (tests/conftest.py: ``built``), parsed once."""
    out = built / "site"
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    site_url = config.get("site_url", "").rstrip("/") + "/"
    pages = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out)
        if rel.parts[0] in SKIP_DIRS:
            continue
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[rel.as_posix()] = parser
    return out, site_url, pages


def _page_url(rel: str) -> str:
    """The URL path a built file is served at, relative to the site root, e.g. 'vybory/zs-2023/'."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def internal_target(href: str, page_rel: str, site_url: str, base: str | None) -> str | None:
    """The target as a path under the site root plus '#fragment', or None for an external link."""
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    root = urlsplit(site_url)
    if href.startswith("webcal://"):
        href = "https://" + href[len("webcal://"):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.netloc != root.netloc or not parts.path.startswith(root.path):
            return None
        path = parts.path[len(root.path):]
    elif parts.path.startswith("/"):
        # Root-absolute (Material's 404 page uses them): under the site_url path.
        if not parts.path.startswith(root.path):
            return "\0outside:" + parts.path
        path = parts.path[len(root.path):]
    else:
        here = "/" + _page_url(page_rel)
        if base:
            here = urljoin(here, base)
        path = (urljoin(here, parts.path) if parts.path else here).lstrip("/")
    path = unquote(path)
    return path + ("#" + unquote(parts.fragment) if parts.fragment else "")


def resolve_file(site_dir: Path, path: str) -> Path | None:
    candidates = [site_dir / path] if path else []
    candidates.append(site_dir / path / "index.html")
    for c in candidates:
        if c.is_file():
            return c
    return None


def test_site_has_pages(site):
    _, _, pages = site
    assert "index.html" in pages and len(pages) >= 5


def test_every_internal_link_and_anchor_resolves(site):
    site_dir, site_url, pages = site
    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for rel, page in pages.items():
        for line, href in page.links:
            target = internal_target(href, rel, site_url, page.base)
            if target is None:
                continue
            checked += 1
            if target.startswith("\0outside:"):
                broken[rel].append(f"line {line}: {href} — outside the site's path {urlsplit(site_url).path}")
                continue
            path, _, fragment = target.partition("#")
            file = resolve_file(site_dir, path)
            if file is None:
                broken[rel].append(f"line {line}: {href} — no file {path or '/'}")
                continue
            if fragment and file.suffix == ".html":
                key = file.relative_to(site_dir).as_posix()
                ids = pages[key].ids if key in pages else set()
                if fragment not in ids:
                    broken[rel].append(f"line {line}: {href} — no id «{fragment}» in {key}")
    assert checked > 100, f"only {checked} internal links found: is the parser broken?"
    report = "\n".join(f"{rel}:\n  " + "\n  ".join(items[:15]) + (f"\n  … and {len(items) - 15} more"
                                                                  if len(items) > 15 else "")
                       for rel, items in sorted(broken.items()))
    assert not broken, f"{sum(map(len, broken.values()))} broken internal links:\n{report}"


@pytest.mark.parametrize("href, page, expected", [
    ("../../zakony/zko-1-oz/#st-16", "vybory/zs-2023/index.html", "zakony/zko-1-oz/#st-16"),
    ("#p-4", "vybory/zs-2023/index.html", "vybory/zs-2023/#p-4"),
    ("./", "vybory/index.html", "vybory/"),
    ("../..", "vybory/zs-2023/index.html", ""),
    (".", "index.html", ""),
    ("assets/ikko.js", "index.html", "assets/ikko.js"),
    ("https://ikko-kuzbass.github.io/baza-znaniy/calendars/x.ics", "podpiska/index.html", "calendars/x.ics"),
    ("webcal://ikko-kuzbass.github.io/baza-znaniy/calendars/x.ics", "podpiska/index.html", "calendars/x.ics"),
    ("/baza-znaniy/assets/ikko.css", "404.html", "assets/ikko.css"),
    ("https://example.org/x", "index.html", None),
    ("mailto:a@b.c", "index.html", None),
])
def test_internal_target(href, page, expected):
    assert internal_target(href, page, "https://ikko-kuzbass.github.io/baza-znaniy/", None) == expected
