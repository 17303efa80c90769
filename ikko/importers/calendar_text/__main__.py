"""``python -m ikko.importers.calendar_text SOURCE.txt OUT.yaml``."""
from . import main

raise SystemExit(main())
