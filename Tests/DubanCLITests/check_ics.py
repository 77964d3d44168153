"""Checks a duban calendar feed with an independent iCalendar parser (PyPI's icalendar).

Usage: check_ics.py PLAN.json FEED.ics DEPARTMENT
PLAN.json is `duban plan show --json`. Prints JSON: {"events": N, "problems": [...]}. Every task the
department leads must have its events on the plan's dates: a milestone or target on its due day, a
recurring duty once per period (month, two months, quarter, half year, year) on the period's last day.
"""
import calendar
import datetime
import json
import sys

import icalendar

MONTHS = {"month": 1, "two-months": 2, "quarter": 3, "half-year": 6, "year": 12}


def day(text):
    return datetime.date.fromisoformat(text)


def periods(start, end, months):
    """(key-less) last days of the calendar-aligned periods overlapping start..end, clipped to end."""
    year, month = start.year, (start.month - 1) // months * months + 1
    out = []
    while datetime.date(year, month, 1) <= end:
        last_month = month + months - 1
        last_year = year + (last_month - 1) // 12
        last_month = (last_month - 1) % 12 + 1
        last = datetime.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
        out.append(min(last, end))
        month += months
        while month > 12:
            month -= 12
            year += 1
    return out


def main():
    plan = json.load(open(sys.argv[1], encoding="utf-8"))
    feed = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
    department = sys.argv[3]
    problems = []
    events = {}
    for event in feed.walk("VEVENT"):
        uid = str(event["UID"])
        if uid in events:
            problems.append(f"{uid}: UID appears twice")
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if isinstance(start, datetime.datetime) or end - start != datetime.timedelta(days=1):
            problems.append(f"{uid}: not an all-day event ({start} → {end})")
        for alarm in event.walk("VALARM"):
            trigger = alarm.decoded("TRIGGER")
            if not isinstance(trigger, datetime.datetime) or trigger.date() >= start:
                problems.append(f"{uid}: alarm {trigger} is not before {start}")
        events[uid] = start
    expected = {}
    for task in plan:
        if task["lead"] != department:
            continue
        if task["kind"] == "obligation":
            start = day(task["start"]) if task["start"] else None
            for last in periods(start, day(task["due"]), MONTHS[task["every"]]):
                expected[(task["id"], last)] = True
        else:
            expected[(task["id"], day(task["due"]))] = True
    seen = {}
    for uid, start in events.items():
        task = uid.split("@")[0].split("/")[0]
        seen[(task, start)] = True
        if (task, start) not in expected:
            problems.append(f"{uid}: {start} is not a date of {task} in the plan")
    for key in expected:
        if key not in seen:
            problems.append(f"{key[0]}: no event on {key[1]}")
    print(json.dumps({"events": len(events), "expected": len(expected), "problems": problems}, ensure_ascii=False))


main()
