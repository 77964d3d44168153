"""Converts a plan written by `duban plan generate` to Taskwarrior 2.6 import JSON (an array).

    python3 Benchmarks/peers/to_taskwarrior.py PLAN_DIR OUT.json

Reads PLAN_DIR/plan.yaml line by line (the generator's YAML is regular; a line parser reads 100,000
tasks in a few seconds; PyYAML takes ~8 s for 10,000 here), and writes one pending task per duban task:
uuid5 of the task id, description = title, due, entry (the plan's start), project = the lead
department, tags = the action, measure and kind, depends = the uuids of its dependencies (an array,
as `task export` writes it in 2.6). A recurring duty (`every:`) becomes one task due on its `until`
day: Taskwarrior with recurrence off has one deadline per task. Prints a one-line summary.
"""
import json
import re
import sys
import uuid

NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # RFC 4122 URL namespace
FIELD = re.compile(r'^\s*(?:- )?([a-z_]+): (.*)$')


def task_uuid(task_id):
    return str(uuid.uuid5(NAMESPACE, "duban:task:" + task_id))


def unquote(value):
    value = value.strip()
    return value[1:-1] if value.startswith('"') and value.endswith('"') else value


def tw_date(day):  # 2025-01-15 -> 20250115T000000Z
    return day.replace("-", "") + "T000000Z"


def read_plan(path):
    """Yields dicts: id, title, lead, due, every, until, target, depends_on, action, measure."""
    start = "2024-01-01"
    action = measure = None
    task = None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            indent = len(line) - len(line.lstrip(" "))
            match = FIELD.match(line.rstrip("\n"))
            if not match:
                continue
            key, value = match.groups()
            if indent == 2 and key == "start":
                start = unquote(value)
            elif indent == 2 and key == "id" and line.lstrip().startswith("- "):
                action = unquote(value)
            elif indent == 6 and key == "number":
                measure = unquote(value)
            elif indent == 10 and key == "id":
                if task:
                    yield task
                task = {"id": unquote(value), "action": action, "measure": measure, "depends_on": []}
            elif task is not None and indent == 12:
                if key == "depends_on":
                    task["depends_on"] = [unquote(v) for v in value.strip("[]").split(",") if v.strip()]
                else:
                    task[key] = unquote(value)
    if task:
        yield task
    read_plan.start = start


def convert(plan_dir):
    tasks = list(read_plan(plan_dir + "/plan.yaml"))
    entry = tw_date(read_plan.start)
    out = []
    for t in tasks:
        kind = "duty" if "every" in t else "target" if "target" in t else "milestone"
        record = {
            "uuid": task_uuid(t["id"]),
            "description": f'{t["id"]} {t["title"]}',
            "status": "pending",
            "entry": entry,
            "due": tw_date(t["until"] if kind == "duty" else t["due"]),
            "project": t["lead"],
            "tags": [t["action"], "m" + t["measure"], kind],
        }
        if t["depends_on"]:
            record["depends"] = [task_uuid(d) for d in t["depends_on"]]
        out.append(record)
    return out


def main():
    plan_dir, output = sys.argv[1], sys.argv[2]
    records = convert(plan_dir)
    with open(output, "w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False)
    with_deps = sum(1 for r in records if "depends" in r)
    print(f"{len(records)} tasks ({with_deps} with dependencies, "
          f"{len({r['project'] for r in records})} projects) -> {output}")


if __name__ == "__main__":
    main()
