"""The published JSON Schemas are the ones the validator uses, and every data file names its schema."""
import json
from pathlib import Path

from ikko.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def test_published_schemas_are_current():
    for name, schema in SCHEMAS.items():
        published = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        published.pop("$schema"), published.pop("title")
        assert published == json.loads(json.dumps(schema)), f"run: python -m ikko schemas ({name})"


def test_every_data_file_points_editors_to_its_schema():
    for path in (ROOT / "data").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target.exists(), f"{path}: {target}"


def test_compiled_checks_are_up_to_date():
    """ikko/schema_checks is generated from ikko/schema.py: regenerated here in memory, it must equal the
    committed files. If not, run `python -m ikko schemas` (or `python -m ikko.schema --write-checks`)."""
    from ikko import schema
    package = Path(schema.__file__).parent / schema.CHECKS_PACKAGE
    fresh = schema.checks_code()
    committed = {p.name: p.read_text(encoding="utf-8") for p in package.glob("*.py")}
    assert sorted(committed) == sorted(fresh), "run `python -m ikko schemas`: modules added or removed"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"stale compiled checks {stale}: run `python -m ikko schemas` and commit ikko/schema_checks"


def test_compiled_checks_are_imported_not_executed_from_a_cache(tmp_path, monkeypatch):
    """The checks are committed modules: nothing is generated, cached or exec'd at run time."""
    from ikko import schema
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for kind in schema.SCHEMAS:
        check = schema._fast_check(kind)
        assert check.__module__ == f"ikko.schema_checks.{schema.check_module(kind)}"
    assert list(tmp_path.iterdir()) == []
