// Reads .ics files with Mozilla's ical.js (the parser Thunderbird uses) and prints what it understood as JSON:
// the calendar's name and, per event, its UID, title, status and start/end as UTC instants (or dates).
const fs = require("fs");
const ICAL = require("ical.js");

const out = {};
for (const path of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(path, "utf8")));
  for (const tz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(tz);
  }
  const when = (t) => (t === null ? null : t.isDate ? t.toString() : t.toUnixTime());
  out[path] = {
    name: root.getFirstPropertyValue("x-wr-calname"),
    refresh: String(root.getFirstPropertyValue("refresh-interval")),
    events: root.getAllSubcomponents("vevent").map((c) => {
      const ev = new ICAL.Event(c);
      return {uid: ev.uid, summary: ev.summary, status: c.getFirstPropertyValue("status"),
              start: when(ev.startDate), end: ev.endDate ? when(ev.endDate) : null,
              zone: ev.startDate.isDate ? null : ev.startDate.zone.tzid, recurring: ev.isRecurring()};
    }),
  };
}
process.stdout.write(JSON.stringify(out));
