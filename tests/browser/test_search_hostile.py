"""Hostile text in the data reaches the search results as text: titles, sections and excerpts.

The search page builds its result list itself from Pagefind's index (``assets/ikko.js``), and the index holds
the pages' text as plain characters: an item whose words are ``<img onerror=…>`` must be listed as those
characters, never as an element, in the page title, the section title and both excerpts.
"""
from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import quote

import pytest
import yaml

from conftest import build_project, copy_project

from .conftest import _QuietHandler

pytestmark = pytest.mark.browser

PAYLOAD = 'ЗЮЗЮКА <img src=x onerror="window.__pwned=1"> </title><script>window.__pwned=2</script> &amp;'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-search"))
    path = project / "data/elections/zs-2023/election.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["title"] = PAYLOAD + " " + data["title"]
    data["sections"][0]["items"][0]["action"] = PAYLOAD + " " + data["sections"][0]["items"][0]["action"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    build_project(project)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_results_show_hostile_text_as_text(browser, hostile_site):
    context = browser.new_context(locale="ru-RU")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(hostile_site)
                  else route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(hostile_site + "poisk/?q=" + quote("зюзюка"))
    page.wait_for_function("""() => {
        const m = document.querySelector('.ikko-search__message');
        return m && m.textContent.includes('зюзюка') && !m.textContent.startsWith('Ищем');
    }""")
    result = page.locator(".ikko-search__result").filter(
        has=page.locator(".ikko-search__title a[href^='/vybory/zs-2023/']"))
    title = result.locator(".ikko-search__title a").text_content()
    sections = result.locator(".ikko-search__section-link").all_text_contents()
    excerpts = result.locator(".ikko-search__excerpt").all_text_contents()
    # the characters themselves are shown: in the page title, the item's section and the excerpts
    assert title.startswith('ЗЮЗЮКА <img src=x onerror="window.__pwned=1">'), title
    assert any("<img src=x onerror=" in s for s in sections), sections
    assert any("<script>window.__pwned=2</script>" in e for e in excerpts), excerpts
    # and nothing of it became an element or ran
    assert page.locator(".ikko-search img, .ikko-search script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".ikko-search mark").count() > 0      # the found word is still marked
    assert not errors, errors
    context.close()
