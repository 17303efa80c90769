"""Open data as a re-user downloads it from the built site."""
import csv
import io
import json


def test_every_dataset_in_json_and_csv(built):
    root = built / "site/opendata"
    calendar = json.loads((root / "vybory/zs-2023.json").read_text(encoding="utf-8"))
    assert len(calendar["rows"]) == 202
    row = next(r for r in calendar["rows"] if r["item"] == 19)
    assert row["end"] == "2023-08-29" and row["executors"] == "tik" and row["uid"] == "zs-2023-p19-1@ikko-kuzbass"
    raw = (root / "vybory/zs-2023.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # BOM: spreadsheets read Cyrillic
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 202 and rows[0].keys() == {f["name"] for f in calendar["fields"]}
    plan = json.loads((root / "plany/plan-2024.json").read_text(encoding="utf-8"))
    assert len(plan["rows"]) == 118
    figures = json.loads((root / "otchety/report-2023.json").read_text(encoding="utf-8"))
    assert any(r["id"] == "meetings" and r["value"] == 47 for r in figures["rows"])
    law = json.loads((root / "zakony/zko-1-oz.json").read_text(encoding="utf-8"))
    assert any(r["anchor"] == "st-16" for r in law["rows"])


def test_open_data_page_links_and_describes_fields(built):
    html = (built / "site/spravochnik/otkrytye-dannye/index.html").read_text(encoding="utf-8")
    assert "opendata/vybory/zs-2023.json" in html and "opendata/plany/plan-2024.csv" in html
    assert "<code>executors_text</code>" in html and "<code>period_kind</code>" in html
