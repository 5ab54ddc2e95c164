"""docs/domain.md holds, for every rule set in config/rules/, one table row
per step made from the set itself (key, title, owner, opening and closing
events, due rule, for whom, voluntary): a change to a rule set that the page
does not follow fails here. Prints the rows expected, so a new row can be
copied in. Usage: domain_page_test.py SOURCE_DIR"""
import json
import pathlib
import sys

source = pathlib.Path(sys.argv[1])
page = (source / "docs" / "domain.md").read_text(encoding="utf-8").splitlines()


def code(text):
    return f"`{text}`"


def owner(actor):
    if isinstance(actor, str):
        return code(actor)
    return ", ".join(f"{code(band['kind'])} ({age_band(band)})" for band in actor)


def age_band(band):
    low, high = band.get("min_age"), band.get("max_age")
    text = f"{low if low is not None else 0}–{high}" if high is not None else f"{low}+"
    return text + (" unaccompanied" if band.get("unaccompanied_only") else "")


def due(rule):
    if not rule:
        return "no due date"
    by_unit = ""
    if "unit" in rule:
        amount, unit = rule["amount"], rule["unit"].replace("_", " ")
        if amount == 1:
            unit = unit.rstrip("s")
        by_unit = "the same working day" if (amount, rule["unit"]) == (0, "working_days") else f"{amount} {unit}"
        if rule.get("roll_to_working_day"):
            by_unit += ", moved to a working day"
    if "payload_date" in rule:
        return f"on its {code(rule['payload_date'])}" + (f", else {by_unit}" if by_unit else "")
    return by_unit


def for_whom(step):
    bands = step.get("applies_to")
    text = " or ".join(age_band(band) for band in bands) if bands else "everyone"
    if bands and step.get("age_on") == "arrival_notice":
        text += " (age on the arrival notice)"
    return text


def opens(step):
    text = code(step["opens_on"])
    if step.get("unless_done"):
        text += " (not once " + ", ".join(code(k) for k in step["unless_done"]) + " is done)"
    return text


def row(step):
    cells = [code(step["key"]), step["title"], owner(step["actor"]), opens(step),
             ", ".join(code(e) for e in step["closes_on"]), due(step.get("due")), for_whom(step),
             "yes" if step.get("voluntary") else "no"]
    return "| " + " | ".join(cells) + " |"


missing = []
for path in sorted((source / "config" / "rules").glob("*.json")):
    rule_set = json.loads(path.read_text(encoding="utf-8"))
    for step in rule_set["steps"]:
        expected = row(step)
        if expected not in page:
            missing.append((path.name, expected))
    print(f"{path.name}: {len(rule_set['steps'])} steps")

if missing:
    print("FAIL: docs/domain.md lacks these rows (or has them in another form):")
    for name, expected in missing:
        print(f"  {name}: {expected}")
    sys.exit(1)
print("ok: docs/domain.md shows every step of every rule set in config/rules/")
