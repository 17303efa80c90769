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
# Everything a reader's first search downloads from pagefind/ (code, wasm, index, fragments), compressed.
FIRST_QUERY_BUDGET = 250 * 1024


def search(page, base_url: str, query: str) -> list[str]:
    """Type the query into the search page as a reader would; the result and section links, in order."""
    page.goto(base_url + SEARCH)
    box = page.locator("#ikko-search-input")
    box.click()
    page.keyboard.type(query)
    wait_for_results(page, query)
    return page.eval_on_selector_all(".ikko-search__link", "els => els.map(e => e.getAttribute('href'))")


def wait_for_results(page, query: str) -> None:
    """Until the search for ``query`` has finished: its count is announced once its first results are shown."""
    page.wait_for_function("""(query) => {
        const message = document.querySelector('.ikko-search__message');
        return message && message.textContent.includes(query) && !message.textContent.startsWith('Ищем');
    }""", arg=query)


def plain(href: str) -> str:
    """A result link without Pagefind's highlight parameters: path#fragment."""
    parts = urlsplit(href)
    return unquote(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")


def test_material_search_is_replaced(site_dir):
    assert not (site_dir / "search" / "search_index.json").exists(), "lunr's whole-site index is still shipped"
    assert (site_dir / "pagefind" / "pagefind.js").exists()


def test_inflected_phrase_finds_calendar_items(page, base_url):
    """Section II «ИЗБИРАТЕЛЬНЫЕ УЧАСТКИ» holds items 4–8: the results lead to the items themselves."""
    links = [plain(h) for h in search(page, base_url, "избирательных участков")]
    assert any(link.startswith(f"/{CALENDAR}#p-") for link in links), links


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
    marked = {m.lower() for m in page.eval_on_selector_all(".ikko-search__result mark",
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
    assert page.locator(".ikko-search__result").count() > 0
    assert page.locator("#ikko-search-input").input_value() == "комиссия"


def test_result_opens_section_with_words_marked(page, base_url):
    links = search(page, base_url, "расформирование")
    target = next(h for h in links if plain(h) == f"/{LAW}#st-16")
    page.goto(base_url.rstrip("/") + target)
    page.locator("mark.pagefind-highlight").first.wait_for()
    assert page.evaluate("location.hash") == "#st-16"


def pagefind_sizes(page) -> dict[str, int]:
    """Bytes of each file the page loads from pagefind/ from now on, as a server would send them: Pagefind's
    index files are gzip already, its code is counted gzipped."""
    sizes: dict[str, int] = {}

    def record(response):
        if "/pagefind/" in response.url and response.ok:
            body = response.body()
            name = response.url.rsplit("/pagefind/", 1)[1]
            sizes[name] = len(body) if name.endswith(("pf_meta", "pf_index", "pf_fragment", ".pagefind")) \
                else len(gzip.compress(body, 9))

    page.on("response", record)
    return sizes


def test_index_transferred_for_a_query(page, base_url):
    """Only the chunks a query needs are loaded; the sum must stay within budget (numbers in -s output)."""
    sizes = pagefind_sizes(page)
    search(page, base_url, "избирательных участков")
    index = sum(v for k, v in sizes.items() if not k.endswith((".js", ".css", ".json")))
    code = sum(v for k, v in sizes.items() if k.endswith((".js", ".css", ".json")))
    print(f"\nPagefind, query «избирательных участков»: index {index / 1024:.0f} KiB "
          f"(files: {len([k for k in sizes if not k.endswith(('.js', '.css', '.json'))])}), "
          f"UI code {code / 1024:.0f} KiB gzip")
    assert index <= INDEX_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])


def sub_links(page) -> list[list[str]]:
    """Per result, its section links (path#anchor), in the order shown."""
    return [[plain(h) for h in hrefs] for hrefs in page.eval_on_selector_all(
        ".ikko-search__result", "rs => rs.map(r => [...r.querySelectorAll("
        "'.ikko-search__section-link')].map(a => a.getAttribute('href')))")]


@pytest.mark.parametrize("query, target", [
    ("досрочное голосование", f"/{CALENDAR}#p-153"),         # item 153: «Проведение досрочного голосования …»
    ("\"досрочное голосование\"", f"/{CALENDAR}#p-20"),      # a quoted phrase: item 20 has it word for word
    ("сбор подписей", f"/{CALENDAR}#p-53"),
    ("выдвижения кандидатов", f"/{CALENDAR}#p-43"),          # «Выдвижение кандидатов, списков кандидатов …»
    ("расформирование", f"/{LAW}#st-16"),                   # the article's own title
    ("заявление в суд о расформировании", f"/{LAW}#st-16-p-5"),  # a law part
])
def test_results_lead_to_the_item(page, base_url, query, target):
    """The item itself is among the sections shown under the first three results, linked by its anchor."""
    search(page, base_url, query)
    top = [link for subs in sub_links(page)[:3] for link in subs]
    assert target in top, top


def test_real_plan_above_illustrative_ones(page, base_url):
    """The 2028 plans are worked examples of the 2023 plan's text: for its words, the 2023 plan comes first."""
    for query in ("выдвижения кандидатов", "досрочное голосование", "\"досрочное голосование\"", "подписей"):
        pages = [urlsplit(h).path for h in search(page, base_url, query)]
        real = pages.index(f"/{CALENDAR}")
        examples = [i for i, p in enumerate(pages) if p.startswith("/vybory/zs-2028")]
        assert all(real < i for i in examples), (query, pages)


def test_content_above_per_person_lists(page, base_url):
    pages = [urlsplit(h).path for h in search(page, base_url, "заседаний избирательной комиссии")]
    first_person = next((i for i, p in enumerate(pages) if "/otvetstvennye/" in p), len(pages))
    assert first_person > 0 and pages[0] in (f"/{PLAN}", f"/{CALENDAR}", f"/{LAW}", "/otchety/report-2023/"), pages


def test_kind_filter(page, base_url):
    page.goto(base_url + SEARCH)
    kinds = page.evaluate("""async (bundle) => {
        const pagefind = await import(bundle + 'pagefind.js');
        const filters = await pagefind.filters();
        const out = {};
        for (const kind of Object.keys(filters['Вид'] || {})) {
            const found = await pagefind.search('комиссии', {filters: {'Вид': kind}});
            out[kind] = await Promise.all(found.results.map(async r => (await r.data()).url));
        }
        return out;
    }""", base_url + "pagefind/")
    assert set(kinds) == {"закон", "календарный план", "план работы", "отчет"}, kinds
    prefixes = {"закон": "/zakony/", "календарный план": "/vybory/", "план работы": "/plany/", "отчет": "/otchety/"}
    for kind, urls in kinds.items():
        assert urls and all(u.startswith(prefixes[kind]) for u in urls), (kind, urls)
    # The filter is offered in the search page itself.
    search(page, base_url, "комиссии")
    assert page.locator(".ikko-search__filters").get_by_text("закон").count() >= 1


@pytest.mark.parametrize("query", ["избирательных участков", "досрочное голосование", "комиссии", "Герасимова",
                                   "заявление в суд о расформировании"])
def test_first_query_transfers_at_most_250_kb(page, base_url, query):
    """Everything under pagefind/ that a reader's first query loads (engine, wasm, index chunks, the text of
    the three results shown), as a server would send it compressed. Was 322 KB with Pagefind's UI, its worker
    and law parts whose text the index held twice."""
    sizes = pagefind_sizes(page)
    search(page, base_url, query)
    total = sum(sizes.values())
    print(f"\nFirst query «{query}»: {total / 1024:.0f} KiB compressed in {len(sizes)} files")
    assert page.locator(".ikko-search__result").count() > 0
    assert "pagefind-worker.js" not in sizes and "pagefind-ui.js" not in sizes, sorted(sizes)
    assert total <= FIRST_QUERY_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])


def test_more_results_and_kind_checkbox(page, base_url):
    """Three results at first, three more on «Показать еще»; ticking «закон» leaves only laws, and the count
    message says how many pages were found."""
    search(page, base_url, "комиссии")
    results = page.locator(".ikko-search__result")
    assert results.count() == 3
    found = pages_found(page)
    assert found > 6, found
    page.get_by_role("button", name="Показать еще").click()
    page.wait_for_function("document.querySelectorAll('.ikko-search__result').length === 6")
    page.get_by_label("закон", exact=True).check()
    page.wait_for_function("""() => {
        const m = document.querySelector('.ikko-search__message').textContent;
        return !m.startsWith('Ищем') && [...document.querySelectorAll('.ikko-search__result .ikko-search__title a')]
            .every(a => a.getAttribute('href').startsWith('/zakony/'));
    }""")
    laws = page.eval_on_selector_all(".ikko-search__title a", "as => as.map(a => a.getAttribute('href'))")
    assert laws and all(urlsplit(h).path.startswith("/zakony/") for h in laws), laws
    assert 1 <= pages_found(page) < found


def pages_found(page) -> int:
    """The count the status line announces: «Найдено страниц: 12 (…)» or «Найдена одна страница (…)»."""
    message = page.locator(".ikko-search__message").text_content()
    return 1 if message.startswith("Найдена одна") else int(re.search(r"страниц: (\d+)", message).group(1))
