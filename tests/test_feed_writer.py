"""Our VEVENT writer gives exactly icalendar's bytes, and feeds do not depend on the process."""
import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ikko.feeds import FeedEvent, all_feeds, event_bytes, icalendar_event

TZ = ZoneInfo("Asia/Novokuznetsk")
EDGE_CASES = [
    FeedEvent("edge-1@ikko-kuzbass", "а" * 36 + "\\" + "б" * 40, "x" * 73 + "\\n" + "ж" * 80 + ";,", date(2023, 1, 1),
              date(2023, 1, 2), "https://example.org/" + "a" * 90, date(2023, 1, 1), ("ТИК", "a,b;c")),
    FeedEvent("edge-2@ikko-kuzbass", "😀" * 30 + "^" * 3, "строка\nстрока", datetime(2023, 9, 7, 10, tzinfo=TZ), None,
              "https://example.org/", date(2023, 6, 13), (), sequence=3, status="CANCELLED",
              last_modified=date(2023, 7, 20)),
] + [FeedEvent(f"edge-fold-{n}@x", "я" * n + "\\," + "z" * n, "d", date(2023, 1, 1), None, "u", date(2023, 1, 1))
     for n in range(30, 40)]


def test_writer_matches_icalendar_for_every_real_event_and_edge_cases(corpus):
    events = {e for f in all_feeds(corpus, "https://ikko-kuzbass.github.io/baza-znaniy/") for e in f.events}
    assert len(events) > 300
    for ev in list(events) + EDGE_CASES:
        assert event_bytes(ev) == icalendar_event(ev).to_ical(), ev.uid


@pytest.mark.parametrize("seed", ["1", "2"])
def test_feeds_are_identical_across_processes(tmp_path, seed):
    """Hash randomisation must not reorder anything (e.g. VTIMEZONEs of several zones)."""
    code = ("import sys, hashlib; from pathlib import Path; from ikko.load import load_corpus; "
            "from ikko.feeds import all_feeds, to_ical; c = load_corpus(Path('data')); "
            "print(hashlib.sha256(b''.join(to_ical(f) for f in all_feeds(c, 'https://x/'))).hexdigest())")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digests = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": s}).stdout for s in (seed, "99")}
    assert len(digests) == 1
