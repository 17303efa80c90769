"""Every published address and identifier, in one place: page paths and URLs, feed paths, open data, UIDs.

These strings are promises held by the outside world: bookmarks and links to
pages, calendar apps subscribed to a feed's URL, event UIDs those apps keep to
update (not duplicate) an event, scripts downloading open data. Never change
one once it is published; add a new function for a new kind of address
instead. ``tests/test_urls.py`` holds a few of them literally, so a rename fails.

Page paths are Markdown source paths relative to docs/ ("vybory/zs-2023.md");
``url`` gives the address the site serves it at ("vybory/zs-2023/").
"""
from __future__ import annotations


UID_DOMAIN = "ikko-kuzbass"        # part of every UID

# --- pages (source paths relative to docs/) ------------------------------------------
HOME = "index.md"
SUBSCRIPTION = "podpiska.md"
GLOSSARY = "spravochnik/sokrashcheniya.md"
OPEN_DATA = "spravochnik/otkrytye-dannye.md"
CHANGES = "spravochnik/izmeneniya.md"

ELECTIONS = "vybory/index.md"
LAWS = "zakony/index.md"
AMENDING_LAWS = "zakony/izmeneniya.md"
PLANS = "plany/index.md"
RESPONSIBLE = "plany/otvetstvennye/index.md"
REPORTS = "otchety/index.md"
REPORTS_COMPARISON = "otchety/sravnenie.md"


def election_page(election_id: str) -> str:
    return f"vybory/{election_id}.md"


def executors_dir(election_id: str) -> str:
    return f"vybory/{election_id}/ispolniteli"


def executor_page(election_id: str, executor_id: str) -> str:
    return f"{executors_dir(election_id)}/{executor_id}.md"


def law_page(law_id: str) -> str:
    return f"zakony/{law_id}.md"


def edition_page(law_id: str, edition_slug: str) -> str:
    return f"zakony/{law_id}/redakcii/{edition_slug}.md"


def comparison_page(law_id: str, old_slug: str, new_slug: str) -> str:
    return f"zakony/{law_id}/sravnenie/{old_slug}--{new_slug}.md"


def plan_page(plan_id: str) -> str:
    return f"plany/{plan_id}.md"


def plan_by_months_page(plan_id: str) -> str:
    return f"plany/{plan_id}-po-mesyacam.md"


def responsible_page(responsible_id: str) -> str:
    return f"plany/otvetstvennye/{responsible_id}.md"


def report_page(report_id: str) -> str:
    return f"otchety/{report_id}.md"


def anchored(path: str, anchor: str) -> str:
    """A page path or URL with a fragment: "zakony/zko-1-oz.md#st-8"."""
    return f"{path}#{anchor}"


def to_root(from_page: str) -> str:
    """The prefix of a Markdown link from a page to the docs root: "vybory/zs-2023.md" -> "../"."""
    return "../" * from_page.count("/")


def subscription_anchor(kind: str, source_id: str) -> str:
    """The section of the subscription page that lists an election's ("election") or a plan's ("plan") feeds:
    "vybory-zs-2023", "plan-plan-2024"; linked from election pages and from outside."""
    return f"{'vybory' if kind == 'election' else 'plan'}-{source_id}"


def relative(target: str, from_page: str) -> str:
    """A Markdown link from the page ``from_page`` to the page ``target`` (both source paths).

    Plain string work on two relative paths: ``posixpath.relpath`` asks the file system for the working folder
    on every call (16,000 links at 10x the data)."""
    here, there = from_page.split("/")[:-1], target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# --- site URLs (relative to the site's root) -----------------------------------------
def url(page: str) -> str:
    """The address a page is served at: "vybory/zs-2023.md" -> "vybory/zs-2023/", "vybory/index.md" -> "vybory/"."""
    if page == HOME:
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def election_url(election_id: str) -> str:
    return url(election_page(election_id))


def item_url(election_id: str, anchor: str) -> str:
    """A calendar item on its election's page: "vybory/zs-2023/#p-11"."""
    return anchored(election_url(election_id), anchor)


def plan_item_url(plan_id: str, anchor: str) -> str:
    return anchored(url(plan_page(plan_id)), anchor)


# --- feeds (paths relative to calendars/, served at <site>/calendars/) ---------------
FEEDS_DIR = "calendars"


def election_feed(election_id: str, executor_id: str | None = None) -> str:
    """Every deadline of an election ("zs-2023/all.ics"), or one executor's ("zs-2023/tik.ics")."""
    return f"{election_id}/{executor_id or 'all'}.ics"


def plan_feed(plan_id: str, responsible_id: str | None = None) -> str:
    return f"plans/{plan_id}/{responsible_id or 'all'}.ics"


def feed_source(feed_path: str) -> tuple[str, str]:
    """Whose feed a path is: ("election", id) or ("plan", id); the inverse of the two functions above."""
    parts = feed_path.split("/")
    return ("plan", parts[1]) if parts[0] == "plans" else ("election", parts[0])


def feed_file(feed_path: str) -> str:
    """Where a feed lies in the built site (and the project): "calendars/zs-2023/all.ics"."""
    return f"{FEEDS_DIR}/{feed_path}"


def feed_url(site_url: str, feed_path: str) -> str:
    return site_url + feed_file(feed_path)


def webcal(feed_url: str) -> str:
    """The subscribe link of a feed's URL."""
    return "webcal://" + feed_url.split("://", 1)[-1]


# --- open data (paths without extension, relative to opendata/) ----------------------
OPEN_DATA_DIR = "opendata"
REGISTRIES_DATASET = "spravochniki"


def election_dataset(election_id: str) -> str:
    return f"vybory/{election_id}"


def plan_dataset(plan_id: str) -> str:
    return f"plany/{plan_id}"


def report_dataset(report_id: str) -> str:
    return f"otchety/{report_id}"


def law_dataset(law_id: str) -> str:
    return f"zakony/{law_id}"


def law_edition_dataset(law_id: str, edition_slug: str) -> str:
    return f"zakony/{law_id}/redakcii/{edition_slug}"


def law_changes_dataset(law_id: str) -> str:
    return f"zakony/{law_id}/izmeneniya"


def dataset_file(dataset_path: str) -> str:
    """A dataset's file (with its extension) as served: "opendata/vybory/zs-2023.json"."""
    return f"{OPEN_DATA_DIR}/{dataset_path}"


def dataset_url(site_url: str, dataset_path: str) -> str:
    return site_url + dataset_file(dataset_path)


# --- UIDs (RFC 5545): calendar apps update an event by its UID -----------------------
def deadline_uid(election_id: str, item_number: int, deadline_index: int, end: bool = False) -> str:
    """A deadline's event: "zs-2023-p11-1@ikko-kuzbass" (deadlines count from 1); a long window's closing
    event ends in "-end"."""
    return f"{election_id}-p{item_number}-{deadline_index}{'-end' if end else ''}@{UID_DOMAIN}"


def plan_event_uid(plan_id: str, item_number: str, k: int) -> str:
    """The k-th (from 1) event of a work plan's item: item "2.1" -> "plan-2024-p2-1-1@ikko-kuzbass"."""
    return f"{plan_id}-p{item_number.replace('.', '-')}-{k}@{UID_DOMAIN}"


def feed_uid(feed_path: str) -> str:
    """The calendar's own UID (RFC 7986): "zs-2023/all.ics@ikko-kuzbass"."""
    return f"{feed_path}@{UID_DOMAIN}"
