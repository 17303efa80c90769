"""An executors cell -> ids of data/registry/executors.yaml (and the printed text when it says more)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..common import clean, starts_with_words, words
from .brackets import is_open
from .deadline_cell import _lower_start

SKIP_WORDS = re.compile(r"^(?:зарегистрированн\w+|соответствующ\w+)\s+", re.IGNORECASE)


@dataclass
class Executors:
    entries: list[dict]

    def _match(self, text: str) -> tuple[dict, str] | None:
        """Registry entry whose name (or abbreviation) opens ``text``; the longest one."""
        text = SKIP_WORDS.sub("", text)
        first = (words(text) or [""])[0].lower()
        best = None
        for e in self.entries:
            head = (words(e["name"]) or [""])[0].lower()
            if first.endswith(OBLIQUE) and first[-2:] != head[-2:]:
                continue        # "… заявок кандидатов, избирательных объединений": a qualifier, not a name
            abbr = e.get("abbr")
            if abbr and re.match(re.escape(abbr) + r"(?![А-ЯЁа-яё])", text):
                cand = (e, abbr)
            elif starts_with_words(text, e["name"]):
                cand = (e, e["name"])
            elif "," in e["name"] and len(words(e["name"].split(",")[0])) >= 4 and \
                    starts_with_words(text, e["name"].split(",")[0]):
                cand = (e, e["name"].split(",")[0])
            elif abbr and " " in abbr and abbr in text and starts_with_words(text, e["name"], 1):
                cand = (e, e["name"])     # "Филиалы ПАО «Сбербанк России»": the name with its abbreviation
            else:
                continue
            if best is None or len(words(cand[1])) > len(words(best[1])):
                best = cand
        return best

    def ids(self, text: str) -> list[str]:
        """Executors named at the start of each comma-separated piece (and after "и")."""
        text = re.sub(DEFINITION_PAREN, "", text)
        text = re.sub(r"\s*\(", ", ", text).replace(")", "")   # "Лица, … участки (ТИК, командиры …)"
        found: list[str] = []
        pieces = [p.strip() for p in re.split(r"[,;]", text)]
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            hit = self._match(", ".join(pieces[k:])) if piece else None
            if hit:
                found.append(hit[0]["id"])
                span = len(hit[1].split(","))      # names with commas span several pieces
                rest = re.split(r"\s+и\s+", SKIP_WORDS.sub("", piece), maxsplit=1)
                if span == 1 and len(rest) == 2:
                    more = self._match(rest[1])   # "Организации телерадиовещания и редакции …"
                    if more:
                        found.append(more[0]["id"])
                k += span
            else:
                # "Председатели и секретари УИК": an abbreviation is the executor the piece is about.
                found += [e["id"] for e in self.entries if e.get("abbr") and
                          re.search(r"(?<![А-ЯЁа-яё])" + re.escape(e["abbr"]) + r"(?![А-ЯЁа-яё])", piece)]
                k += 1
        return list(dict.fromkeys(found))

    def plain(self, text: str) -> bool:
        """Is the cell just a list of registry names/abbreviations (no executors_text needed)?"""
        rest = clean(re.sub(DEFINITION_PAREN, "", text))
        labels = sorted({e["name"] for e in self.entries} | {e["abbr"] for e in self.entries if e.get("abbr")},
                        key=len, reverse=True)
        first = True
        while rest:
            hit = next((lab for lab in labels if (rest.startswith(lab) if first else
                                                  rest.lower().startswith(lab.lower()))
                        and (len(rest) == len(lab) or rest[len(lab)] in ",;")), None)
            if hit is None:
                return False
            rest = rest[len(hit):].lstrip(",; ")
            first = False
        return True


DEFINITION_PAREN = r"\s*\(далее\s*[–—-][^()]*\)"
OBLIQUE = ("ых", "их", "ов", "ам", "ям", "ами", "ями")      # genitive/dative plural: never a cell's subject


def executor_groups(cell: list[tuple[int, str]]) -> list[str]:
    groups: list[str] = []
    for _, line in cell:
        prev = groups[-1] if groups else None
        abbr_only = bool(re.fullmatch(r"[А-ЯЁ]{2,}", line))
        if prev is not None and (is_open(prev) or _lower_start(line) or line.startswith("(") or
                                 (abbr_only and prev[-1:].isalpha() and prev.split()[-1].islower())):
            groups[-1] = prev + " " + line     # "Командиры воинских частей по решению" / "ИККО"
        else:
            groups.append(line)
    return groups
