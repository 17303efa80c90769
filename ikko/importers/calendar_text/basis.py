"""Legal basis parentheses of an action cell -> references with law, article, parts, points."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..common import FlowList, Result, clean, definitions, ru_date, starts_with_words, words
from .brackets import paren_end, top_level

REF_START = (r"(?:пп\.|п\.\s*п\.|п\.|ч\.|ст\.|Закон|закон|Федеральн|Положени|Распоряжени|Постановлени|"
             r"постановлени|Поряд|Инструкци|Указ)")
REF_START_RE = re.compile(r"^\s*" + REF_START)
REF_RE = re.compile(
    r"^(?:пп\.\s*(?P<points>[\dа-я]+(?:\s*,\s*[\dа-я]+)*)\s*)?"
    r"(?:(?P<pk>п\.\s*п\.|п\.|ч\.)\s*(?P<parts>\d+(?:[.\-]\d+)*(?:\s*[,–-]\s*\d+(?:[.\-]\d+)*)*)\s*)?"
    r"(?:ст\.\s*(?P<article>\d+(?:[.\-]\d+)*)\s*)?(?P<rest>.*)$", re.S)
LAW_NUMBER_RE = re.compile(r"№\s*(\d+(?:/\d+)?-[0-9A-Za-zА-Яа-яёЁ]+)")


def strip_basis(text: str) -> tuple[str, list[str]]:
    """Text without its basis parentheses, and their contents."""
    found, out, k = [], [], 0
    while k < len(text):
        if text[k] == "(" and REF_START_RE.match(text[k + 1:]):
            end, closed = paren_end(text, k)
            inner = text[k + 1:end - 1] if closed else text[k + 1:end]
            found.append(clean(inner))
            k = end
            continue
        out.append(text[k])
        k += 1
    rest = clean("".join(out))
    rest = re.sub(r"\s+([.;,])", r"\1", rest)
    if found and re.search(r"\)\.\s*$", text) and rest.endswith("."):
        rest = rest[:-1].rstrip()      # "… Федерации (п. 36 ст. 68 ФЗ …)." : the full stop closed the basis
    return rest, found


def split_refs(inner: str) -> list[str]:
    """"п. 4 ст. 20, п. 6 ст. 22 ЗКО" -> two references; commas inside «…» or "п.п. 2, 3" stay."""
    cuts = [k for k in top_level(inner, ",") if REF_START_RE.match(inner[k + 1:])]
    pieces = [clean(inner[a + 1:b]) for a, b in zip([-1] + cuts, cuts + [len(inner)])]
    return [r for r in pieces if r]


def expand_parts(pk: str, raw: str) -> list[str]:
    """"2, 3" -> [2, 3]; "п.п. 5-14" -> 5 … 14; "2.1 - 2.2" -> [2.1, 2.2]; "п. 11-1" stays "11-1"."""
    out = []
    for token in (t.strip() for t in raw.split(",")):
        m = re.fullmatch(r"(\S+)\s+[–-]\s+(\S+)", token)
        if m:
            out += [m.group(1), m.group(2)]
            continue
        m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", token)
        if m and pk.replace(" ", "") == "п.п." and int(m.group(2)) > int(m.group(1)):
            out += [str(n) for n in range(int(m.group(1)), int(m.group(2)) + 1)]
            continue
        out.append(token.replace("–", "-").replace(" ", ""))
    return out


@dataclass
class Laws:
    """The laws of ``data/laws`` and the short names the document defines."""

    entries: list[dict]
    defined: dict[str, str] = field(default_factory=dict)       # short name -> law id

    def by_number(self, text: str) -> str | None:
        m = LAW_NUMBER_RE.search(text)
        if not m:
            return None
        number = m.group(1).lower()
        hits = [e for e in self.entries if str(e.get("number") or "").lower().replace(" ", "") == number]
        if len(hits) > 1:
            day = ru_date(text[:m.start()])
            hits = [e for e in hits if day and str(e.get("date")) == day.isoformat()] or hits[:0]
        return hits[0]["id"] if len(hits) == 1 else None

    def by_short_name(self, text: str) -> str | None:
        names = list(self.defined.items())
        names += [(n, e["id"]) for e in self.entries for n in e.get("short_names") or ()]
        best = None
        for name, law_id in names:
            if starts_with_words(text, name) and (best is None or len(words(name)) > len(words(best[0]))):
                best = (name, law_id)
        return best[1] if best else None


def proposed_law_id(number: str) -> str | None:
    """Id by the project's scheme for a law not in data/laws yet: 24-ОЗ -> zko-24-oz, 87/728-8 -> cik-87-728-8."""
    m = re.fullmatch(r"(\d+)-(ОЗ|ФЗ|ФКЗ)", number, re.IGNORECASE)
    if m:
        return {"оз": f"zko-{m.group(1)}-oz", "фз": f"fz-{m.group(1)}", "фкз": f"fkz-{m.group(1)}"}[m.group(2).lower()]
    m = re.fullmatch(r"(\d+)/(\d+)-([0-9IVX]+)", number)
    if m:
        return f"cik-{m.group(1)}-{m.group(2)}-{m.group(3).lower()}"
    return None


def parse_basis(inner: str, laws: Laws, result: Result, line: int, item: int) -> list[dict]:
    out: list[dict] = []
    for ref in split_refs(inner):
        m = REF_RE.match(ref)
        entry: dict = {"text": ref}
        rest = clean(m.group("rest")) if m else ref
        law = laws.by_number(ref) or (laws.by_short_name(rest) if rest else None)
        if law is None and LAW_NUMBER_RE.search(ref):
            law = proposed_law_id(LAW_NUMBER_RE.search(ref).group(1))
            if law:
                result.problem(line, f"пункт {item}: закон № {LAW_NUMBER_RE.search(ref).group(1)} не описан в "
                                     f"data/laws/ — в черновике law: {law}, добавьте data/laws/{law}.yaml")
        if law:
            entry["law"] = law
            for _, short in definitions(ref):
                laws.defined.setdefault(short, law)
        elif rest:
            result.problem(line, f"пункт {item}: не удалось определить закон ссылки «{ref[:80]}»")
        if m and m.group("article"):
            entry["article"] = m.group("article")
        if m and m.group("parts"):
            entry["parts"] = FlowList(expand_parts(m.group("pk"), m.group("parts")))
        if m and m.group("points"):
            entry["points"] = FlowList(p.strip() for p in m.group("points").split(","))
        out.append(entry)
    # "п. 4 ст. 20, п. 6 ст. 22 ЗКО": a reference without a law takes the law of the next one.
    following = None
    for entry in reversed(out):
        if "law" in entry:
            following = entry["law"]
        elif following and REF_RE.match(entry["text"]) and not clean(REF_RE.match(entry["text"]).group("rest")):
            entry["law"] = following
    ordered = []
    for entry in out:
        ordered.append({k: entry[k] for k in ("text", "law", "article", "parts", "points") if k in entry})
    return ordered
