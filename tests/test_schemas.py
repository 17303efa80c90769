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
