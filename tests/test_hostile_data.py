"""Hostile data in every text field of every data kind is shown as text everywhere, never run.

One copy of the real data gets a hostile value (template syntax, HTML, attribute breakers,
spreadsheet formulas, a 5,000-character string) at the start of every free-text field of every
file: elections, laws, plans, reports, registries, amendments. It is built once; the built HTML,
open-data CSV and iCalendar feeds are then read as a browser, a spreadsheet and a calendar would.
"""
from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import yaml

from conftest import ROOT, build_project, copy_project
from ikko.schema import SCHEMAS
from ikko.yamldoc import _FastLoader

# Each payload carries a marker on both sides: if a template engine ran it, "ЯДn 49 ЯДn" or
# "ЯДn X ЯДn" would appear instead of the literal text.
PAYLOADS = [
    "ЯД1 {{ 7*7 }} ЯД1",
    "ЯД2 {% if 1 %}X{% endif %} ЯД2",
    "ЯД3 {{ lipsum.__globals__['os'].popen('touch PWNED').read() }} ЯД3",
    "ЯД4 <img src=x onerror=alert(1)> ЯД4",
    'ЯД5 " onmouseover="alert(1)" x=" ЯД5',
    '=HYPERLINK("http://evil.example","ЯД6")',
    "+ЯД7",
    "-ЯД8",
    "@ЯД9",
    "ЯД10 </title><script>alert(1)</script> \\ ЯД10",
    "ЯД11 {{ no_such_name }} {# comment #} {{ config.site_name }} ЯД11",  # would stop a strict build
]
LONG = "Щ" * 5000
FIXTURES = ROOT / "tests/fixtures/amendments"

# Text fields that are references or parsed values, not free text (names of other records,
# quotes that must stand in a paragraph, dates and periods in words, numbers used as anchors).
NOT_FREE_TEXT = {"quote", "month", "period", "responsible", "article", "abbr", "template", "timezone",
                 "short_names", "remove", "total", "target", "part", "change", "number", "executors",
                 "parts", "points", "laws", "law", "id", "date", "published", "effective", "dates", "rule",
                 "kind", "aliases", "voting_days", "tz", "time", "of", "event", "item"}
KIND_OF = {"executors.yaml": "executors", "abbreviations.yaml": "abbreviations", "people.yaml": "people",
           "departments.yaml": "departments"}


def kind_of(path: Path) -> str:
    if path.name in KIND_OF:
        return KIND_OF[path.name]
    if path.name == "amendments.yaml":
        return "election-amendments" if path.parent.parent.name == "elections" else "plan-amendments"
    return {"laws": "law", "elections": "election", "plans": "plan", "reports": "report"}[
        path.parent.name if path.parent.name in ("laws", "plans", "reports") else "elections"]


class Poisoner:
    """Walks a document with its schema and prefixes every free-text value with a payload."""

    def __init__(self):
        self.count = 0
        self.fields: set[str] = set()   # "kind:field" names that were poisoned, to prove coverage

    def payload(self) -> str:
        self.count += 1
        return PAYLOADS[self.count % len(PAYLOADS)]

    def walk(self, kind: str, schema: dict, value, key: str | None):
        if isinstance(value, str):
            types = schema.get("type")
            is_text = (types == "string" or (isinstance(types, list) and "string" in types)) \
                and not ({"pattern", "enum", "const"} & set(schema))
            if is_text and key not in NOT_FREE_TEXT:
                self.fields.add(f"{kind}:{key}")
                return self.payload() + " " + value
            return value
        for option in schema.get("anyOf", ()):
            if option.get("type") == "object" and isinstance(value, dict):
                return self.walk(kind, option, value, key)
        if isinstance(value, dict):
            props = schema.get("properties", {})
            return {k: self.walk(kind, props[k], v, k) if k in props else v for k, v in value.items()}
        if isinstance(value, list) and isinstance(schema.get("items"), dict):
            return [self.walk(kind, schema["items"], v, key) for v in value]
        return value

    def document(self, kind: str, data):
        out = self.walk(kind, SCHEMAS[kind], data, None)
        if kind in ("people", "departments"):
            # names are what plans refer to: keep the old name as an alias so references still resolve
            for old, new in zip(data, out):
                new["name"] = self.payload() + " " + old["name"]
                new["aliases"] = list(old.get("aliases", ())) + [old["name"]]
                self.fields.add(f"{kind}:name")
        if kind in ("election", "plan", "report", "law") and out.get("title"):
            out["title"] = " ".join([PAYLOADS[3], PAYLOADS[0], PAYLOADS[2], PAYLOADS[9], out["title"], LONG])
        if kind == "law" and out.get("number"):
            out["number"] = PAYLOADS[4] + " " + PAYLOADS[3] + " " + out["number"]
            self.fields.add("law:number")
        return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, set[str]]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    # amendments too (the real data has none yet): the fixtures the amendment tests use
    shutil.copy(FIXTURES / "zs-2023.yaml", project / "data/elections/zs-2023/amendments.yaml")
    (project / "data/plans/plan-2024").mkdir()
    shutil.copy(FIXTURES / "plan-2024.yaml", project / "data/plans/plan-2024/amendments.yaml")
    poisoner = Poisoner()
    for path in sorted((project / "data").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)
        data = poisoner.document(kind_of(path), data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9),
                        encoding="utf-8")
    build_project(project)
    return project, poisoner.fields


def test_every_kind_of_text_was_poisoned(hostile):
    _, fields = hostile
    for expected in ("election:title", "election:action", "election:words", "election:text", "law:title",
                     "law:number", "law:text", "plan:title", "plan:text", "report:title", "report:paragraphs",
                     "report:label", "people:name", "people:position", "departments:name", "executors:name",
                     "abbreviations:full", "election:note", "election-amendments:words",
                     "election-amendments:body", "plan-amendments:title"):
        assert expected in fields, sorted(fields)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self.live: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] in ("script", "style") and "ЯД" in data:
            self.live.append(data)   # data inside a live script or style element
        self.text.append(data)
        if self._in_title:
            self.title += data


def pages(project: Path):
    for path in sorted((project / "site").rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        yield path.relative_to(project / "site").as_posix(), page


def test_no_code_ran_at_build_time(hostile):
    project, _ = hostile
    assert not list(project.rglob("PWNED")) and not Path("PWNED").exists()


def test_html_shows_every_payload_as_text_and_nothing_is_live(hostile):
    project, _ = hostile
    seen = set()
    titles_seen = 0
    for rel, page in pages(project):
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (rel, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), rel
            assert tag != "script" or "alert" not in (attrs.get("src") or ""), rel
        assert not page.live, (rel, page.live[:1])
        text = "".join(page.text)
        for n in range(1, len(PAYLOADS) + 1):
            marker = f"ЯД{n} "
            assert f"{marker}49 " not in text and f"{marker}X " not in text, (rel, n)
        seen |= {p for p in PAYLOADS if p in text}
        if PAYLOADS[3] in page.title:
            titles_seen += 1
    # every payload (incl. '" onmouseover=' in attributes and titles in <title>) reached some page as text
    assert seen == set(PAYLOADS), set(PAYLOADS) - seen
    assert titles_seen >= 4, titles_seen


def test_navigation_shows_titles_as_text(hostile):
    project, _ = hostile
    _, page = next((r, p) for r, p in pages(project) if r == "index.html")
    nav_text = "".join(page.text)
    assert PAYLOADS[3] + " " + PAYLOADS[0] in nav_text   # an election / plan / law title in the navigation
    assert "ЯД1 49" not in nav_text


def test_csv_cells_never_start_a_formula(hostile):
    project, _ = hostile
    cells = []
    for path in sorted((project / "site/opendata").rglob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        cells += [c for row in rows for c in row]
    for cell in cells:
        if cell.startswith(("=", "+", "@", "\t", "\r", "-")):
            float(cell)  # only a number may start with a sign
    assert "'" + PAYLOADS[5] + " " in "\n".join(cells)
    assert any(c.startswith("'-ЯД8") for c in cells) and any(c.startswith("'@ЯД9") for c in cells)


def test_feeds_keep_payloads_as_text(hostile):
    project, _ = hostile
    summaries = []
    for path in sorted((project / "calendars").rglob("*.ics")):
        raw = path.read_bytes()
        assert not [b for b in raw.replace(b"\r\n", b"") if b < 0x20 and b != 0x09], path
        cal = icalendar.Calendar.from_ical(raw)
        summaries += [str(ev.get("summary")) + "\n" + str(ev.get("description")) for ev in cal.walk("VEVENT")]
        name = str(cal.get("x-wr-calname"))
        assert "\n" not in name and "ЯД1 49" not in name
    text = "\n".join(summaries)
    for payload in PAYLOADS[:5]:
        assert payload in text, payload
    assert "ЯД1 49" not in text


CONTROL = "a\rb\x0bc\x0cd\u2028e\u2029f\x85g\x00h\x1bi"


def test_control_characters_never_reach_a_feed(corpus):
    """The loader refuses them; the feed writer still never writes one raw (defence in depth)."""
    from ikko.feeds import all_feeds, to_ical
    feed = next(f for f in all_feeds(corpus, "https://example.org/") if f.events)
    feed = replace(feed, name="Имя" + CONTROL, description="Описание" + CONTROL,
                   events=[replace(ev, summary=ev.summary + CONTROL, description=ev.description + CONTROL)
                           for ev in feed.events[:3]])
    raw = to_ical(feed)
    assert not [b for b in raw.replace(b"\r\n", b"") if b < 0x20 and b != 0x09]
    for bad in ("\u2028", "\u2029", "\x85"):
        assert bad.encode() not in raw
    cal = icalendar.Calendar.from_ical(raw)
    for ev in cal.walk("VEVENT"):
        assert "\n" not in str(ev.get("summary"))
        assert "a\nb\nc\nd\ne\nf\ng h i" in str(ev.get("description"))


def test_exported_front_matter_keeps_titles_as_data(hostile, tmp_path):
    """The plain-Markdown export (for another engine) writes each title as a quoted YAML string."""
    from ikko.export import export
    project, _ = hostile
    assert len(export(project, tmp_path).pages) > 10
    titles = []
    for path in sorted((tmp_path / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            titles.append((yaml.safe_load(text.split("---\n")[1]) or {}).get("title", ""))
    assert any(t.startswith(PAYLOADS[3] + " " + PAYLOADS[0]) and t.endswith(LONG) for t in titles)


def test_abbreviation_tooltips_show_the_full_name_exactly(hostile):
    """The hover text of an abbreviation is its full name as written: no backslashes added, no markup."""
    project, _ = hostile
    fulls = {" ".join(a["full"].split()) for a in
             yaml.safe_load((project / "data/registry/abbreviations.yaml").read_text(encoding="utf-8"))}
    fulls |= {" ".join(e["name"].split()) for e in
              yaml.safe_load((project / "data/registry/executors.yaml").read_text(encoding="utf-8"))}
    tooltips = {attrs["title"] for _, page in pages(project) for tag, attrs in page.tags
                if tag == "abbr" and "ЯД" in (attrs.get("title") or "")}
    assert tooltips and tooltips <= fulls, sorted(tooltips - fulls)[:3]
    assert any("\\" in t and "</title>" in t for t in tooltips)  # the payload with a backslash is among them
