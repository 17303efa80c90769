"""Site search in Russian: Pagefind finds word forms, and its results lead to the exact section.

Material's lunr search (which this replaced) matches prefixes only: "комиссией" would not find
"комиссия", and "расформирование" would not find "расформирования".
"""
from __future__ import annotations

import gzip
import re
from urllib.parse import unquote, urlsplit

import pytest

from .browser_support import CALENDAR, LAW, PLAN, SEARCH

pytestmark = pytest.mark.browser

# What one typical query may transfer of the index (Pagefind's meta, index chunks, fragments, wasm).
INDEX_BUDGET = 600_000


def search(page, base_url: str, query: str) -> list[str]:
    """Type the query into the search page as a reader would; the result and section links, in order."""
    page.goto(base_url + SEARCH)
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    page.keyboard.type(query)
    wait_for_results(page, query)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")


def wait_for_results(page, query: str) -> None:
    """Until the search for ``query`` has finished and every result shown has loaded its data."""
    page.wait_for_function("""(query) => {
        const message = document.querySelector('.pagefind-ui__message');
        if (!message || !message.textContent.includes(query) || message.textContent.startsWith('Ищем')) return false;
        const results = document.querySelectorAll('.pagefind-ui__result').length;
        const loaded = document.querySelectorAll(
            '.pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link').length;
        return results === loaded;
    }""", arg=query)


def plain(href: str) -> str:
    """A result link without Pagefind's highlight parameters: path#fragment."""
    parts = urlsplit(href)
    return unquote(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")


def test_material_search_is_replaced(site_dir):
    assert not (site_dir / "search" / "search_index.json").exists(), "lunr's whole-site index is still shipped"
    assert (site_dir / "pagefind" / "pagefind-ui.js").exists()


def test_inflected_phrase_finds_calendar_section(page, base_url):
    links = [plain(h) for h in search(page, base_url, "избирательных участков")]
    assert f"/{CALENDAR}#razdel-ii" in links, links


def test_noun_finds_law_article_by_other_forms(page, base_url):
    """Article 16's title is "Расформирование комиссии"; the text says "расформирования", "расформировании"."""
    links = [plain(h) for h in search(page, base_url, "расформирование")]
    assert f"/{LAW}#st-16" in links, links


def test_person_finds_her_plan_items(page, base_url):
    links = [plain(h) for h in search(page, base_url, "Герасимова")]
    assert any(link.startswith(f"/{PLAN}") for link in links), links


def test_instrumental_case_finds_nominative(page, base_url, site_dir):
    """"комиссией" finds the other forms: the words marked in the results differ from what was typed, and
    among all pages found are some that say "комиссия" and never "комиссией" (prefix search cannot)."""
    search(page, base_url, "комиссией")
    marked = {m.lower() for m in page.eval_on_selector_all(".pagefind-ui__result mark",
                                                             "ms => ms.map(m => m.textContent.trim())")}
    assert marked - {"комиссией"}, f"only the typed form is marked: {marked}"
    urls = page.evaluate("""async (bundle) => {
        const pagefind = await import(bundle + 'pagefind.js');
        const found = await pagefind.search('комиссией');
        return Promise.all(found.results.map(async r => (await r.data()).url));
    }""", base_url + "pagefind/")
    only_other_forms = []
    for url in urls:
        html = (site_dir / unquote(urlsplit(url).path).strip("/") / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", html.split("<article", 1)[1].split("</article>", 1)[0]).lower()
        if re.search(r"\bкомиссия\b", text) and "комиссией" not in text:
            only_other_forms.append(url)
    assert only_other_forms, f"every page found contains «комиссией» itself: {sorted(urls)}"


def test_header_search_form_leads_to_results(page, base_url):
    page.goto(base_url)
    field = page.get_by_role("searchbox", name="Поиск по сайту")
    field.click()
    page.keyboard.type("комиссия")
    page.keyboard.press("Enter")
    page.wait_for_url("**/poisk/?q=*")
    wait_for_results(page, "комиссия")
    assert page.locator(".pagefind-ui__result").count() > 0
    assert page.locator(".pagefind-ui__search-input").input_value() == "комиссия"


def test_result_opens_section_with_words_marked(page, base_url):
    links = search(page, base_url, "расформирование")
    target = next(h for h in links if plain(h) == f"/{LAW}#st-16")
    page.goto(base_url.rstrip("/") + target)
    page.locator("mark.pagefind-highlight").first.wait_for()
    assert page.evaluate("location.hash") == "#st-16"


def test_index_transferred_for_a_query(page, base_url):
    """Only the chunks a query needs are loaded; the sum must stay within budget (numbers in -s output)."""
    sizes: dict[str, int] = {}

    def record(response):
        if "/pagefind/" in response.url and response.ok:
            body = response.body()
            name = response.url.rsplit("/pagefind/", 1)[1]
            # Pagefind's index files are gzip already; UI code is counted as a server would gzip it.
            sizes[name] = len(body) if name.endswith(("pf_meta", "pf_index", "pf_fragment", ".pagefind")) \
                else len(gzip.compress(body, 9))

    page.on("response", record)
    search(page, base_url, "избирательных участков")
    index = sum(v for k, v in sizes.items() if not k.endswith((".js", ".css", ".json")))
    code = sum(v for k, v in sizes.items() if k.endswith((".js", ".css", ".json")))
    print(f"\nPagefind, query «избирательных участков»: index {index / 1024:.0f} KiB "
          f"(files: {len([k for k in sizes if not k.endswith(('.js', '.css', '.json'))])}), "
          f"UI code {code / 1024:.0f} KiB gzip")
    assert index <= INDEX_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])
