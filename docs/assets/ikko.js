/* Site behaviour for readers. Every feature improves a page that already works without JavaScript:
 * - header search form leading to the search page (Pagefind; Russian word forms);
 * - the search page itself (Pagefind's search API with our own list of results, ?q= in the address);
 * - highlighting of the searched words on a page opened from a search result;
 * - the executor filter of calendar plans (hides items of other executors; ?ispolnitel= in the address);
 * - the next deadlines on the home page, computed in the reader's browser from assets/deadlines.json;
 * - the state of each deadline (прошел / сегодня / идет / предстоит) and the "Выборы завершены" banner of a
 *   calendar plan, on the reader's day in the election's time zone (the page carries them as of the build date);
 * - item-level search results: a calendar item, plan item or law part found is linked by its own anchor.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // This file is assets/ikko.js: the site root is one level up, wherever the site is served from.
  var ROOT = new URL("../", script && script.src ? script.src : location.href);
  var SEARCH_URL = new URL("poisk/", ROOT);
  var PAGEFIND = new URL("pagefind/", ROOT);
  var HIGHLIGHT_PARAM = "pf_highlight";
  var KIND_FILTER = "Вид";         // ikko/pages/search_marks.py KIND
  var PAGE_SIZE = 3;               // each result shown loads its page's text: three keep a first search light
  var EXCERPT_WORDS = 30;
  // Pagefind's ranking, tuned on the site's own queries (tests/browser/test_search.py): a word's other forms
  // count, but a longer word sharing the stem ("подписи" / "подписка") much less (termSimilarity 4, default 1),
  // and a page whose title shares a stem is not lifted above pages that use the word (title 1, Pagefind lifts
  // titles far more by default: "подписи" led to «Подписка на календари»).
  var RANKING = { termSimilarity: 4, metaWeights: { title: 1 } };
  var SEARCH_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 ' +
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /* --- search ------------------------------------------------------------------------------ */

  function headerSearch(onSearchPage) {
    var header = document.querySelector(".md-header__inner");
    if (!header || onSearchPage) return;
    var form = el("form", { "class": "ikko-header-search", role: "search", action: SEARCH_URL.href, method: "get" });
    var input = el("input", {
      type: "search", name: "q", placeholder: "Поиск", "aria-label": "Поиск по сайту",
      autocomplete: "off", spellcheck: "false", enterkeyhint: "search"
    });
    var button = el("button", { type: "submit", "class": "md-header__button md-icon", title: "Найти", "aria-label": "Найти" });
    button.innerHTML = SEARCH_ICON;
    form.appendChild(input);
    form.appendChild(button);
    header.appendChild(form);
  }

  /* Pagefind's own sections of a page are its headings only, in document order. Our pages are long (a whole
   * law, a whole calendar plan) and their units are calendar items (div#p-N), plan items (div#p-1-2) and law
   * parts (div#st-8-p-3): make every such unit
   * that holds a hit a section of its own, linked by its anchor, and show the three where the words
   * weigh most, best first. The page's own title (h1) is not a section: the page link already leads there. */
  var UNIT = /^(p-\d+(-\d+)?|st-[0-9a-z-]+)$/;

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  /** A section that holds more of the query's different words wins; then the weight of its hits. */
  function queryStems() {
    var input = document.getElementById("ikko-search-input");
    var typed = (input && input.value) || new URLSearchParams(location.search).get("q") || "";
    return typed.toLowerCase().split(/[^0-9a-zа-яё]+/)
      .filter(function (w) { return w.length >= 3; })          // "в", "о": matched everywhere, they decide nothing
      .map(function (w) { return w.slice(0, Math.max(3, Math.min(5, w.length - 2))); });
  }

  function score(sub, words, stems) {
    var distinct = {};
    (sub.locations || []).forEach(function (at) {
      var word = (words[at] || "").toLowerCase().replace(/[^0-9a-zа-яё]/g, "");
      stems.forEach(function (stem) { if (word.indexOf(stem) === 0) distinct[stem] = true; });
    });
    // Density: a short unit (an article's title, a one-line item) full of the words beats a long one.
    var locs = sub.locations || [];
    var length = sub.length || (locs.length ? locs[locs.length - 1] - locs[0] + 1 : 1);
    // Words in an item's own first line (its action, a part's opening) count three times.
    var lead = sub.anchor && sub.length ? (sub.weighted_locations || []).filter(function (l) {
      return l.location < sub.anchor.location + 12;
    }).length : 0;
    // Element weights (heading 7 … text 1), not Pagefind's balanced scores, which grow without bound.
    var plain = (sub.weighted_locations || []).reduce(function (sum, l) { return sum + (l.weight || 1); }, 0);
    return Object.keys(distinct).length * 100 + Math.min(lead * 3 + plain / Math.sqrt(length + 4), 99);
  }

  /** The innermost unit (calendar item, plan item, law part or article) around each hit. */
  function unitSections(result, words) {
    // A paragraph inside a numbered law part ("st-3-p-1-abz-2") leads to its part.
    // Headings end the unit before them (a heading's own hits are Pagefind's sections).
    var anchors = (result.anchors || []).filter(function (a) {
      return /^h[1-6]$/i.test(a.element) || (UNIT.test(a.id) && !/-p-[^-]+-abz-/.test(a.id));
    })
      .sort(function (a, b) { return a.location - b.location; });
    if (!anchors.length || !words.length) return [];
    var byId = {};
    var order = [];
    (result.weighted_locations || []).forEach(function (loc) {
      var unit = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc.location; i++) unit = anchors[i];
      if (!unit || (/^h[1-6]$/i.test(unit.element) && !UNIT.test(unit.id))) return;
      if (!byId[unit.id]) { byId[unit.id] = { unit: unit, hits: [] }; order.push(unit.id); }
      byId[unit.id].hits.push(loc);
    });
    return order.map(function (id) {
      var found = byId[id];
      var unit = found.unit;
      var next = anchors[anchors.indexOf(unit) + 1];
      var title = unit.text || words.slice(unit.location, unit.location + 14).join(" ");
      return {
        title: title.length > 140 ? title.slice(0, 139) + "…" : title,
        url: result.url.split("#")[0] + "#" + id,
        anchor: { element: unit.element, id: id, text: unit.text, location: unit.location },
        weighted_locations: found.hits,
        locations: found.hits.map(function (l) { return l.location; }),
        length: (next ? next.location : words.length) - unit.location
      };
    });
  }

  /** The three sections shown under a result; ``words`` is its page's text split as Pagefind counts words. */
  function bestSections(result, words) {
    if (result && Array.isArray(result.sub_results)) {
      var units = unitSections(result, words);
      var headings = result.sub_results.filter(function (sub) {
        return !(sub.anchor && sub.anchor.element === "h1") && !(sub.anchor && UNIT.test(sub.anchor.id));
      });
      var stems = queryStems();
      function best(subs) {
        return subs.map(function (sub, i) { return { sub: sub, w: score(sub, words, stems), i: i }; })
          .sort(function (a, b) { return (b.w - a.w) || (a.i - b.i); })
          .map(function (x) { return x.sub; });
      }
      // The items themselves first; a section heading only where fewer than three items hold the words.
      result.sub_results = best(units).concat(best(headings)).slice(0, 3);
    }
    return result;
  }

  /** Words ``from`` … ``from + 30`` of a page's text, every word escaped, the found ones marked. */
  function excerptHtml(words, locations, from) {
    var hit = {};
    (locations || []).forEach(function (l) { hit[l] = true; });
    return words.slice(from, from + EXCERPT_WORDS).map(function (w, k) {
      return hit[from + k] ? "<mark>" + escapeHtml(w) + "</mark>" : escapeHtml(w);
    }).join(" ");
  }

  /** Where a page's excerpt starts: the window of EXCERPT_WORDS words holding the most hits. */
  function densestStart(locations) {
    var locs = (locations || []).slice().sort(function (a, b) { return a - b; });
    var best = locs.length ? locs[0] : 0, most = 0;
    locs.forEach(function (start, i) {
      var n = 0;
      for (var j = i; j < locs.length && locs[j] < start + EXCERPT_WORDS; j++) n++;
      if (n > most) { most = n; best = start; }
    });
    return Math.max(0, best - 6);
  }

  /** One result as a list item: the page's link and excerpt, then its best sections. All text from the
   * index is inserted as text or escaped here: titles and words of the data are never markup. */
  function resultItem(data) {
    var words = (data.content || "").split(/\s+/);
    var item = el("li", { "class": "ikko-search__result" });
    var title = el("p", { "class": "ikko-search__title" });
    title.appendChild(el("a", { "class": "ikko-search__link", href: data.url }, (data.meta && data.meta.title) || data.url));
    var kind = data.filters && data.filters[KIND_FILTER] && data.filters[KIND_FILTER][0];
    if (kind) title.appendChild(el("span", { "class": "ikko-search__kind" }, kind));
    item.appendChild(title);
    var excerpt = el("p", { "class": "ikko-search__excerpt" });
    excerpt.innerHTML = excerptHtml(words, data.locations, densestStart(data.locations));
    item.appendChild(excerpt);
    var sections = bestSections(data, words).sub_results || [];
    if (sections.length) {
      var list = el("ul", { "class": "ikko-search__sections" });
      sections.forEach(function (sub) {
        var li = el("li", { "class": "ikko-search__section" });
        li.appendChild(el("a", { "class": "ikko-search__link ikko-search__section-link", href: sub.url }, sub.title));
        var p = el("p", { "class": "ikko-search__excerpt" });
        var from = sub.locations && sub.locations.length ? Math.max(sub.anchor ? sub.anchor.location : 0,
                                                                    Math.min.apply(null, sub.locations) - 12) : 0;
        p.innerHTML = excerptHtml(words, sub.locations, from);
        li.appendChild(p);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  /** The query as Pagefind gets it: one-letter words outside quotes ("в", "о", "и", "с") left out. Pagefind
   * matches every word as a prefix and requires them all, so "в" matched any word starting with "в" (and
   * loaded the index of all of them) without narrowing anything; inside a quoted phrase they stay. */
  function engineQuery(term) {
    var kept = term.split(/("[^"]*")/).map(function (part) {
      return part.charAt(0) === '"' ? part : part.split(/\s+/).filter(function (w) { return w.length > 1; }).join(" ");
    }).join(" ").replace(/\s+/g, " ").trim();
    return kept || term;
  }

  function searchPage(box) {
    var params = new URLSearchParams(location.search);
    var form = el("form", { "class": "ikko-search__form", role: "search" });
    form.appendChild(el("label", { "for": "ikko-search-input", "class": "ikko-search__label" }, "Слова для поиска"));
    var input = el("input", {
      type: "search", id: "ikko-search-input", "class": "ikko-search__input", name: "q",
      placeholder: "Что найти? Например: избирательные участки", autocomplete: "off", spellcheck: "false",
      enterkeyhint: "search"
    });
    form.appendChild(input);
    var filters = el("fieldset", { "class": "ikko-search__filters", hidden: "" });
    filters.appendChild(el("legend", null, "Вид документа"));
    form.appendChild(filters);
    var message = el("p", { "class": "ikko-search__message", role: "status", "aria-live": "polite" });
    var list = el("ol", { "class": "ikko-search__results" });
    var more = el("button", { type: "button", "class": "md-button ikko-search__more", hidden: "" }, "Показать еще");
    [form, message, list, more].forEach(function (node) { box.appendChild(node); });

    var engine = null;        // Pagefind, loaded on the first search
    var generation = 0;       // the newest search: an older one that finishes later is dropped
    var pending = [];         // results found but not shown yet ("Показать еще")
    var timer = null;

    function load() {
      if (!engine) {
        engine = import(new URL("pagefind.js", PAGEFIND).href).then(function (module) {
          // No web worker: it would download a second copy of Pagefind's code for a search that takes
          // milliseconds here; one query must stay light on a slow connection.
          var pagefind = module.createInstance({ basePath: PAGEFIND.href, noWorker: true });
          return pagefind.options({ excerptLength: EXCERPT_WORDS, highlightParam: HIGHLIGHT_PARAM, ranking: RANKING })
            .then(function () { return pagefind.filters(); })
            .then(function (available) {
              Object.keys((available && available[KIND_FILTER]) || {}).sort().forEach(function (kind) {
                var labelEl = el("label", { "class": "ikko-search__filter" });
                var box = el("input", { type: "checkbox", name: "kind", value: kind });
                labelEl.appendChild(box);
                labelEl.appendChild(document.createTextNode(" " + kind));
                filters.appendChild(labelEl);
              });
              if (filters.querySelector("input")) filters.hidden = false;
              return pagefind;
            });
        });
      }
      return engine;
    }

    function chosenKinds() {
      var kinds = Array.prototype.map.call(filters.querySelectorAll("input:checked"), function (b) { return b.value; });
      var chosen = {};
      if (kinds.length) chosen[KIND_FILTER] = { any: kinds };
      return kinds.length ? { filters: chosen } : {};
    }

    function showNext(mine) {
      var batch = pending.splice(0, PAGE_SIZE);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== generation) return;
        datas.forEach(function (data) { list.appendChild(resultItem(data)); });
        more.hidden = !pending.length;
      });
    }

    function run() {
      clearTimeout(timer);
      var term = input.value.trim();
      var url = new URL(location.href);
      if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
      var mine = ++generation;
      if (!term) { message.textContent = ""; list.textContent = ""; more.hidden = true; return; }
      message.textContent = "Ищем «" + term + "»…";
      load().then(function (pagefind) { return pagefind.search(engineQuery(term), chosenKinds()); }).then(function (found) {
        if (mine !== generation) return;
        pending = found.results.slice();
        list.textContent = "";
        return showNext(mine).then(function () {
          if (mine !== generation) return;
          var n = found.results.length;
          message.textContent = !n ? "По запросу «" + term + "» ничего не найдено"
            : n === 1 ? "Найдена одна страница (запрос «" + term + "»)"
            : "Найдено страниц: " + n + " (запрос «" + term + "»)";
        });
      }).catch(function (error) {
        message.textContent = "Поиск не загрузился: " + error.message;
      });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    input.addEventListener("focus", function () { load(); }, { once: true });
    filters.addEventListener("change", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    more.addEventListener("click", function () { showNext(generation); });
    if (params.get("q")) { input.value = params.get("q"); run(); } else input.focus();
  }

  function highlightFound() {
    if (!new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) return;
    import(new URL("pagefind-highlight.js", PAGEFIND).href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({ highlightParam: HIGHLIGHT_PARAM, markContext: "article.md-content__inner" });
      // Mark.js runs after the browser already scrolled to the #fragment; return there.
      if (location.hash) {
        var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (target) target.scrollIntoView();
      }
    }).catch(function () { /* highlighting is a convenience only */ });
  }

  /* --- executor filter of a calendar plan -------------------------------------------------- */

  function executorFilter(form) {
    var select = form.querySelector("select");
    var output = form.querySelector("output");
    var article = form.closest("article") || document;
    var items = Array.prototype.slice.call(article.querySelectorAll(".ikko-item[data-executors]"));
    if (!select || !items.length) return;
    var headings = Array.prototype.slice.call(article.querySelectorAll("h2"));

    function sectionOf(item) {
      var node = item.previousElementSibling;
      while (node && node.tagName !== "H2") node = node.previousElementSibling;
      return node;
    }
    var sections = items.map(sectionOf);
    // Lists that only point to items (e.g. "deadlines without a fixed date") follow the filter too.
    var byId = {};
    items.forEach(function (item) { byId[item.id] = item; });
    var pointers = Array.prototype.slice.call(article.querySelectorAll("li > a:first-child[href^='#']"))
      .filter(function (a) { return byId[a.getAttribute("href").slice(1)]; });
    var undatedHeading = article.querySelector("h2#bez-daty");
    var undatedBlock = [];
    for (var node = undatedHeading; node; node = node.nextElementSibling) {
      if (node !== undatedHeading && node.tagName === "H2") break;
      undatedBlock.push(node);
    }

    function apply(value, updateAddress) {
      var shown = 0;
      var visibleSections = new Set();
      items.forEach(function (item, i) {
        var match = !value || item.getAttribute("data-executors").split(/\s+/).indexOf(value) >= 0;
        item.hidden = !match;
        if (match) {
          shown += 1;
          if (sections[i]) visibleSections.add(sections[i]);
        }
      });
      var itemSections = new Set(sections);
      headings.forEach(function (h) {
        if (itemSections.has(h)) h.hidden = !!value && !visibleSections.has(h);
      });
      var anyPointer = false;
      pointers.forEach(function (a) {
        var hide = byId[a.getAttribute("href").slice(1)].hidden;
        a.parentElement.hidden = hide;
        if (!hide && undatedBlock.indexOf(a.parentElement.parentElement) >= 0) anyPointer = true;
      });
      undatedBlock.forEach(function (n) { n.hidden = !!value && !anyPointer; });
      var label = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
      if (output) {
        output.textContent = value ? "Показано пунктов: " + shown + " из " + items.length + " (" + label + ")"
          : "Показаны все пункты: " + items.length;
      }
      form.setAttribute("data-active", value ? "true" : "false");
      if (updateAddress) {
        var url = new URL(location.href);
        if (value) url.searchParams.set("ispolnitel", value);
        else url.searchParams.delete("ispolnitel");
        history.replaceState(null, "", url.href);
      }
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    select.addEventListener("change", function () { apply(select.value, true); });
    var wanted = new URLSearchParams(location.search).get("ispolnitel");
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      select.value = wanted;
    }
    apply(select.value, false);
  }

  /* --- next deadlines on the home page ----------------------------------------------------- */

  function todayIn(timeZone) {
    var now = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", { timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
        String(now.getDate()).padStart(2, "0");
    }
  }

  function ruDate(iso) {
    var p = iso.split("-");
    return p[2] + "." + p[1] + "." + p[0];
  }

  /** Deadlines still ahead: a window not yet open counts by its first day, an open one by its last day. */
  function upcomingDeadlines(data, limit) {
    var out = [];
    (data.elections || []).forEach(function (election) {
      var today = todayIn(election.timezone);
      if (election.voting_day < today) return;
      election.deadlines.forEach(function (d) {
        var key = d.start && d.start >= today ? d.start : d.end;
        if (!key || key < today) return;
        out.push({ key: key, today: today, election: election, d: d });
      });
    });
    out.sort(function (a, b) {
      return a.key < b.key ? -1 : a.key > b.key ? 1 : (a.d.item - b.d.item) || (a.d.deadline - b.d.deadline);
    });
    return out.slice(0, limit);
  }

  function upcoming(box) {
    fetch(new URL("assets/deadlines.json", ROOT).href).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      var next = upcomingDeadlines(data, 10);
      if (!next.length) {
        box.insertBefore(el("p", { "class": "ikko-upcoming__empty" }, box.getAttribute("data-empty")), box.firstChild);
        return;
      }
      var many = new Set(next.map(function (n) { return n.election.id; })).size > 1;
      var list = el("ol", { "class": "ikko-upcoming__list" });
      next.forEach(function (n) {
        var li = el("li", { "class": "ikko-upcoming__item", "data-date": n.key });
        var time = el("time", { datetime: n.key }, ruDate(n.key));
        if (n.key === n.today) time.textContent += " (сегодня)";
        li.appendChild(time);
        li.appendChild(document.createTextNode(" — "));
        li.appendChild(el("a", { href: new URL(n.d.url, ROOT).href }, "п. " + n.d.item + ". " + n.d.action));
        var details = n.d.when + (many ? "; " + n.election.title : "");
        li.appendChild(el("span", { "class": "ikko-upcoming__when" }, " (" + details + ")"));
        list.appendChild(li);
      });
      var shown = [];
      next.forEach(function (n) { if (shown.indexOf(n.election) < 0) shown.push(n.election); });
      var more = el("p", { "class": "ikko-upcoming__more" }, "Все сроки: ");
      shown.forEach(function (e, i) {
        if (i) more.appendChild(document.createTextNode("; "));
        more.appendChild(el("a", { href: new URL(e.url, ROOT).href }, e.title));
        more.appendChild(document.createTextNode(" (день голосования " + ruDate(e.voting_day) + ")"));
      });
      box.textContent = "";
      box.appendChild(list);
      box.appendChild(more);
      box.setAttribute("data-computed", "true");
    }).catch(function () { /* the static list stays */ });
  }

  /* --- deadline states on the reader's day ----------------------------------------------- */

  var STATE_WORDS = { past: "прошел", today: "сегодня", open: "идет", ahead: "предстоит" };

  /** The same rule as ikko/deadline_views.py: past, today (the last day), open (inside a window), ahead. */
  function deadlineState(start, end, today) {
    if (end && end < today) return "past";
    if (end === today) return "today";
    if (!start || start > today) return "ahead";
    return "open";
  }

  function deadlineStates() {
    var banner = document.querySelector(".ikko-finished[data-last-day]");
    var cells = document.querySelectorAll(".ikko-state[data-start], .ikko-state[data-end]");
    if (!banner && !cells.length) return;
    var today = todayIn(banner ? banner.getAttribute("data-timezone") : "Asia/Novokuznetsk");
    Array.prototype.forEach.call(cells, function (cell) {
      var now = deadlineState(cell.getAttribute("data-start"), cell.getAttribute("data-end"), today);
      cell.textContent = STATE_WORDS[now];
      cell.className = "ikko-state ikko-state--" + now;
    });
    if (banner) banner.hidden = !(banner.getAttribute("data-last-day") < today);
    Array.prototype.forEach.call(document.querySelectorAll(".ikko-state-day"), function (node) {
      node.textContent = "на сегодня, " + ruDate(today);
    });
  }

  /* --- start ------------------------------------------------------------------------------- */

  function start() {
    var searchBox = document.getElementById("ikko-search");
    document.documentElement.classList.add("ikko-js");
    headerSearch(!!searchBox);
    if (searchBox) searchPage(searchBox);
    highlightFound();
    Array.prototype.forEach.call(document.querySelectorAll("form.ikko-filter"), executorFilter);
    Array.prototype.forEach.call(document.querySelectorAll(".ikko-upcoming"), upcoming);
    deadlineStates();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
