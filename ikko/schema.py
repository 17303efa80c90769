"""JSON Schemas of every data file kind, and their Russian error messages.

The schemas are defined here once; ``python -m ikko schemas`` writes them to
``schemas/*.schema.json`` so editors' editors (VS Code + YAML extension) offer
completion and show mistakes while typing, and writes their compiled checks to
``ikko/schema_checks/`` (also ``python -m ikko.schema --write-checks``). The
validator uses the same dicts.
"""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import fastjsonschema

from .rules import ANCHORS as RULE_ANCHORS
from .rules import BOUNDS, COUNT_FORMS, TIME_ZONES, Form
from .rules import TEXT as TEXT_RULE

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "Дата ГГГГ-ММ-ДД"}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Идентификатор: латиница, цифры, дефис"}
TEXT = {"type": "string", "minLength": 1}
NUMBER_TEXT = {"type": ["string", "integer"]}
TEXT_LIST = {"type": "array", "items": TEXT}


def obj(required: list[str], **props) -> dict:
    return {"type": "object", "required": required, "properties": props, "additionalProperties": False}


RESOLUTION = obj(["date", "number"], body=TEXT, date=DATE, number=NUMBER_TEXT, title=TEXT)

# --- registries -------------------------------------------------------------
EXECUTORS = {"type": "array", "items": obj(["id", "name"], id=SLUG, abbr=TEXT, name=TEXT)}
ABBREVIATIONS = {"type": "array", "items": obj(["abbr", "full"], abbr=TEXT, full=TEXT)}
PEOPLE = {"type": "array", "items": obj(["id", "name"], id=SLUG, name=TEXT, aliases=TEXT_LIST, position=TEXT)}
DEPARTMENTS = {"type": "array", "items": obj(["id", "name"], id=SLUG, name=TEXT, aliases=TEXT_LIST)}

# --- laws -------------------------------------------------------------------
# Source bookmarks become extra anchors (id="p64"): patterned, so data cannot add attributes.
ALIAS = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_-]{0,40}$",
         "description": "Закладка источника: латиница, цифры, дефис, подчеркивание"}
ALIASES = {"type": "array", "items": ALIAS}
NOTE = obj(["kind", "text"], kind={"enum": ["edited", "introduced", "repealed"]},
           laws={"type": "array", "items": SLUG}, text=TEXT)
NOTES = {"type": "array", "items": NOTE}
POINT = obj(["text"], number={"type": ["string", "null"]}, text=TEXT, notes=NOTES, aliases=ALIASES)
PART = obj(["text"], number={"type": ["string", "null"]}, text=TEXT, notes=NOTES, aliases=ALIASES,
           points={"type": "array", "items": POINT})
PENDING = obj(["law", "effective", "text"], law=SLUG, effective=DATE, target=TEXT,
              part={"type": ["string", "null"]}, change=TEXT, text=TEXT)
ARTICLE = obj(["number", "title", "parts"], number={"type": "string"}, title=TEXT, notes=NOTES, aliases=ALIASES,
              parts={"type": "array", "items": PART}, pending={"type": "array", "items": PENDING})
CHAPTER = obj(["number", "title", "articles"], number={"type": "string"}, title=TEXT,
              articles={"type": "array", "items": ARTICLE})
LAW = obj(
    ["id", "kind", "title"],
    id=SLUG,
    kind={"enum": ["federal_law", "federal_constitutional_law", "regional_law", "cik_act", "code", "other"]},
    number={"type": ["string", "null"]},
    date={"anyOf": [DATE, {"type": "null"}]},
    title={"type": ["string", "null"]},
    short_names=TEXT_LIST,
    text=obj(["chapters"], preamble={"type": "array", "items": PART},
             chapters={"type": "array", "items": CHAPTER}),
)

# --- election calendar plans ------------------------------------------------
# names from the one vocabulary (ikko/rules/vocabulary.py)
COUNT = {"type": "integer", "minimum": -400, "maximum": 400}  # days; no election term is longer than a year
POINT_RULE = obj(
    [], **{k: COUNT for k in COUNT_FORMS if k != Form.DATE}, date=DATE,
    of={"enum": list(RULE_ANCHORS)}, event=TEXT, item={"type": "integer", "minimum": 1},
    time={"type": "string", "pattern": r"^(([01]\d|2[0-3]):[0-5]\d|24:00)$", "description": "Время ЧЧ:ММ, от 00:00 до 24:00"},
    tz={"enum": list(TIME_ZONES)},
)
RULE = {"anyOf": [{"const": TEXT_RULE},
                  {**obj([], **{b: POINT_RULE for b in BOUNDS}), "minProperties": 1}]}
BASIS = obj(["text"], text=TEXT, law=SLUG, article={"type": "string"},
            parts={"type": "array", "items": {"type": "string"}},
            points={"type": "array", "items": {"type": "string"}})
DEADLINE = obj(["rule", "executors"], words=TEXT, printed=TEXT, rule=RULE,
               executors={"type": "array", "items": TEXT},  # may be empty: some cells are blank
               executors_text=TEXT, action=TEXT)
CAL_ITEM = obj(["number", "action", "deadlines"], number={"type": "integer", "minimum": 1}, action=TEXT,
               basis={"type": "array", "items": BASIS},
               deadlines={"type": "array", "items": DEADLINE, "minItems": 1}, note=TEXT)
# Numbers that become anchors ({#razdel-iv}, id="p64") are patterned: data must not add attributes.
SECTION_NUMBER = {"type": "string", "pattern": r"^([IVXLC]+|\d+)$", "description": "Номер раздела: римские или арабские цифры"}
CAL_SECTION = obj(["number", "title", "items"], number=SECTION_NUMBER, title=TEXT,
                  items={"type": "array", "items": CAL_ITEM})
DECISION = obj(["date", "published"], body=TEXT, date=DATE, number=NUMBER_TEXT, title=TEXT,
               published=DATE, publication=TEXT)
ELECTION = obj(
    ["id", "title", "timezone", "voting_days", "decision"],
    id=SLUG, title=TEXT, short_title=TEXT, plan_title=TEXT, timezone=TEXT,
    template=SLUG, remove={"type": "array", "items": {"type": "integer"}},
    illustrative={"type": "boolean"}, note=TEXT, prepared=DATE,
    voting_days={"type": "array", "items": DATE, "minItems": 1},
    approved=obj(["date", "number"], body=TEXT, date=DATE, number=NUMBER_TEXT),
    decision=DECISION,
    sections={"type": "array", "items": CAL_SECTION, "minItems": 1},
)

# --- work plans -------------------------------------------------------------
PLAN_ITEM = obj(["number", "text"], number={"type": "string", "pattern": r"^\d+\.\d+$"}, text=TEXT,
                period=TEXT, month=TEXT, responsible=TEXT, dates={"type": "array", "items": DATE})
PLAN = obj(["id", "title", "year", "approved", "sections"], id=SLUG, title=TEXT,
           year={"type": "integer", "minimum": 1990, "maximum": 2100}, approved=RESOLUTION,
           sections={"type": "array", "items": obj(["number", "title", "items"], number={"type": "integer"},
                                                   title=TEXT, items={"type": "array", "items": PLAN_ITEM})})

# --- reports ----------------------------------------------------------------
VALUE = {"type": "number"}
FIGURE = obj(["id", "label", "value", "quote"], id=SLUG, label=TEXT, value=VALUE, unit=TEXT, quote=TEXT, note=TEXT,
             period=TEXT)   # when the figure covers another span than the report ("периоды избирательных кампаний")
ROW = obj(["label", "value", "quote"], label=TEXT, value=VALUE, quote=TEXT, note=TEXT)
BREAKDOWN = obj(["id", "title", "rows"], id=SLUG, title=TEXT, unit=TEXT, total={"type": "string"}, note=TEXT,
                rows={"type": "array", "items": ROW, "minItems": 1})
REPORT = obj(
    ["id", "title", "period", "sections"], id=SLUG, title=TEXT,
    period=obj(["start", "end"], start=DATE, end=DATE),
    resolution=obj(["date", "number"], body=TEXT, date=DATE, number=NUMBER_TEXT, title=TEXT,
                   paragraphs=TEXT_LIST,
                   signatures={"type": "array", "items": obj(["name"], position=TEXT, name=TEXT)}),
    sections={"type": "array", "items": obj(
        ["paragraphs"], number={"type": ["string", "null"]}, title={"type": ["string", "null"]},
        paragraphs=TEXT_LIST, figures={"type": "array", "items": FIGURE},
        breakdowns={"type": "array", "items": BREAKDOWN})},
)

# --- amendments (one file per plan: a list of amending resolutions in date order) ------
AMENDING = obj(["date", "number"], body=TEXT, date=DATE, number=NUMBER_TEXT, title=TEXT)
DEADLINE_CHANGE = obj(["index"], index={"type": "integer", "minimum": 1}, words=TEXT, printed=TEXT, rule=RULE,
                      executors={"type": "array", "items": TEXT}, executors_text=TEXT, action=TEXT)
ELECTION_AMENDMENTS = {"type": "array", "items": obj(
    ["resolution"], resolution=AMENDING,
    changes={"type": "array", "items": obj(["item"], item={"type": "integer"}, action=TEXT,
                                           basis={"type": "array", "items": BASIS}, note=TEXT,
                                           deadlines={"type": "array", "items": DEADLINE_CHANGE})},
    add={"type": "array", "items": obj(["section", "item"], section={"type": "string"}, item=CAL_ITEM)},
    remove={"type": "array", "items": {"type": "integer"}})}
PLAN_AMENDMENTS = {"type": "array", "items": obj(
    ["resolution"], resolution=AMENDING,
    changes={"type": "array", "items": obj(["item"], item=PLAN_ITEM["properties"]["number"], text=TEXT,
                                           period=TEXT, month=TEXT, responsible=TEXT,
                                           dates={"type": "array", "items": DATE})},
    add={"type": "array", "items": obj(["section", "item"], section={"type": "integer"}, item=PLAN_ITEM)},
    remove={"type": "array", "items": PLAN_ITEM["properties"]["number"]})}



def law_amendments_schema() -> dict:
    """``data/laws/<id>/amendments.yaml``: the changes amending laws make to a law we hold (see law_editions)."""
    number = {"type": "string", "minLength": 1}
    target = obj(["article"], article=number, part=number, point=number,
                 paragraph={"type": "integer", "minimum": 1})
    edit = obj(["op"], op={"enum": ["replace_words", "exclude_words", "exclude_sentence", "repeal", "new_wording",
                                    "add"]},
               words=TEXT, sentence={"type": "integer", "minimum": 1}, text=TEXT, number=number,
               **{"with": TEXT})
    change = obj(["target", "source"], target=target, edits={"type": "array", "items": edit, "minItems": 1},
                 source=TEXT, editorial=obj(["note"], target=target, note=TEXT), not_applied=TEXT)
    amending = obj(["law", "effective", "changes"], law=SLUG, effective=DATE,
                   changes={"type": "array", "items": change, "minItems": 1})
    return obj(["amending_laws"], complete_to={"anyOf": [DATE, {"type": "null"}]}, complete_note=TEXT,
               amending_laws={"type": "array", "items": amending})


LAW_AMENDMENTS = law_amendments_schema()

SCHEMAS = {
    "executors": EXECUTORS, "abbreviations": ABBREVIATIONS, "people": PEOPLE, "departments": DEPARTMENTS,
    "law": LAW, "election": ELECTION, "plan": PLAN, "report": REPORT,
    "election-amendments": ELECTION_AMENDMENTS, "plan-amendments": PLAN_AMENDMENTS,
    "law-amendments": LAW_AMENDMENTS,
}
# Compiled checks for the common case (valid data): ~20× faster than walking the schema.
# Only when one fails does jsonschema walk it again to name every error with its path.
# The checks are Python code fastjsonschema generates from SCHEMAS at development time
# (``write_checks``) into the package ikko/schema_checks, committed and imported like any
# module; tests/test_schemas.py fails when it is stale.
CHECKS_PACKAGE = "schema_checks"
CHECKS_HEADER = ("# generated by `python -m ikko.schema --write-checks` from ikko/schema.py; do not edit\n"
                 "# (`python -m ikko schemas` writes it too)\n")


def check_module(kind: str) -> str:
    """The module of ikko/schema_checks holding the compiled check of ``kind``: "election-amendments" ->
    "election_amendments"."""
    return kind.replace("-", "_")


def checks_code() -> dict[str, str]:
    """File name -> text of every module of ikko/schema_checks, generated from SCHEMAS."""
    files = {f"{check_module(kind)}.py": CHECKS_HEADER + fastjsonschema.compile_to_code(schema)
             for kind, schema in SCHEMAS.items()}
    files["__init__.py"] = (CHECKS_HEADER + '"""Compiled checks of the schemas in ikko/schema.py: one module a kind, '
                            'each with its ``validate``."""\n\nMODULES = {\n'
                            + "".join(f"    {kind!r}: {check_module(kind)!r},\n" for kind in SCHEMAS) + "}\n")
    return files


def write_checks(package: Path | None = None) -> list[Path]:
    """(Re)write ikko/schema_checks from SCHEMAS; modules of kinds that no longer exist are removed."""
    package = package or Path(__file__).resolve().parent / CHECKS_PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    files = checks_code()
    for old in package.glob("*.py"):
        if old.name not in files:
            old.unlink()
    written = []
    for name, text in files.items():
        path = package / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _fast_check(kind: str):
    """The compiled check of a schema, from the committed package ikko/schema_checks."""
    return importlib.import_module(f"{__package__}.{CHECKS_PACKAGE}.{check_module(kind)}").validate


_TYPES = {"string": "строка", "integer": "целое число", "number": "число", "array": "список",
          "object": "набор полей", "null": "пусто", "boolean": "да/нет"}


def _russian(error) -> str:
    v, val = error.validator, error.validator_value
    if v == "required":
        name = re.match(r"^'(.+)' is a required property", error.message)
        return f"нет обязательного поля «{name.group(1) if name else ''}»"
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        return f"неизвестное поле «{', '.join(extra)}» (допустимы: {allowed})"
    if v == "type":
        kinds = val if isinstance(val, list) else [val]
        return f"ожидается {' или '.join(_TYPES.get(k, k) for k in kinds)}, указано: {error.instance!r}"
    if v == "enum":
        return f"недопустимое значение {error.instance!r}; допустимы: {', '.join(map(str, val))}"
    if v == "pattern":
        hint = error.schema.get("description", f"шаблон {val}")
        return f"неверный формат {error.instance!r}: {hint}"
    if v in ("minItems", "minLength", "minProperties"):
        return "не может быть пустым"
    if v == "minimum":
        return f"значение должно быть не меньше {val}"
    if v == "maximum":
        return f"значение должно быть не больше {val}"
    if v == "anyOf" and error.schema is RULE:
        return "правило срока: «text» или набор полей on / not_before / not_after"
    if v == "anyOf":
        return f"недопустимое значение {error.instance!r}"
    if v == "const":
        return f"ожидается {val!r}"
    return error.message


def schema_errors(kind: str, data) -> list[tuple[tuple, str]]:
    """(path, Russian message) for each schema violation, deepest first per branch."""
    try:
        _fast_check(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema import Draft202012Validator  # only here: valid data never needs it (saves its import)
    out = []
    for error in Draft202012Validator(SCHEMAS[kind]).iter_errors(data):
        best = error
        if error.validator == "anyOf" and error.context and error.schema is not RULE:
            best = max(error.context, key=lambda e: len(e.absolute_path))
        elif error.validator == "anyOf" and error.context and isinstance(error.instance, dict):
            # a rule mapping: report what is wrong inside it, not just "anyOf"
            inner = [e for e in error.context if e.validator != "const"]
            best = max(inner, key=lambda e: len(e.absolute_path)) if inner else error
        where = tuple(best.absolute_path)
        if best.validator == "additionalProperties":  # point at the unknown key itself, not its mapping
            where += (sorted(set(best.instance) - set(best.schema.get("properties", {})))[0],)
        out.append((where, _russian(best)))
    return sorted(out, key=lambda pm: [str(p) for p in pm[0]])


# What a JSON Schema pattern cannot say: Python's ``$`` also matches before a final newline, so an
# id "zs-2023\n" passes ``^…$``; and text must not hold characters nobody sees.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def values_errors(kind: str, data) -> list[tuple[tuple, str]]:
    """Errors in values that passed the schema: patterns matched in full, no control characters."""
    out: list[tuple[tuple, str]] = []
    _walk(SCHEMAS[kind], data, (), out)
    return out


def _walk(schema: dict, value, path: tuple, out: list) -> None:
    if isinstance(value, str):
        # printable text holds none of _INVISIBLE's characters (all are Cc, Cf, Zl or Zp): no search needed
        bad = None if value.isprintable() else _INVISIBLE.search(value.rstrip("\n") if "pattern" not in schema
                                                                   else value)
        pattern = schema.get("pattern")
        if pattern and not re.fullmatch(pattern.lstrip("^").rstrip("$"), value):
            out.append((path, f"неверный формат {value!r}: {schema.get('description', pattern)}"))
        elif bad:
            out.append((path, f"управляющий символ U+{ord(bad.group()):04X} в тексте (невидимый): удалите его"))
        return
    for option in schema.get("anyOf", ()):
        _walk(option, value, path, out)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props and not _plain_text(props[key], item):
                _walk(props[key], item, path + (key,), out)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        items = schema["items"]
        for i, item in enumerate(value):
            if not _plain_text(items, item):
                _walk(items, item, path + (i,), out)


def _plain_text(schema: dict, value) -> bool:
    """Text that no check here can fault (printable, no pattern to match): most values, skipped cheaply."""
    return type(value) is str and value.isprintable() and "pattern" not in schema and "anyOf" not in schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        full = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": name, **schema}
        path.write_text(json.dumps(full, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys
    if sys.argv[1:] != ["--write-checks"]:
        sys.exit("usage: python -m ikko.schema --write-checks")
    for written in write_checks():
        print(written)
