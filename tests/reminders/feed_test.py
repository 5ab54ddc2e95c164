"""Issue 16, the calendar feed end to end: `kedja serve` on a random
127.0.0.1 port, a unit's feed fetched with its feed token and parsed by an
independent parser (python3-icalendar). Usage: feed_test.py KEDJA SOURCE_DIR"""
import datetime
import sys

import icalendar

from harness import Kedja, person

TODAY = "2026-11-25"  # a Wednesday
WINDOW_END = "2027-01-24"  # 60 calendar days on
PEOPLE = [  # given, family, birth: none of it may reach a feed
    ("Zainab", "Qasemi", "2016-04-02"),
    ("Yonas", "Tesfaye", "2012-09-30"),
    ("Amira", "Haddad", "2019-01-15"),
]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def parse(body):
    calendar = icalendar.Calendar.from_ical(body)
    check(calendar.get("VERSION") == "2.0", "VERSION:2.0")
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def main(binary, source):
    k = Kedja(binary, source, TODAY)
    try:
        k.run("init")
        admin = k.token("--role", "admin", "--name", "drift")
        feed = k.token("--actor", "hc:ostersund", "--role", "hc", "--feed", "--name", "kalender hc:ostersund")
        other_feed = k.token("--actor", "hc:krokom", "--role", "hc", "--feed")
        api = k.token("--actor", "hc:ostersund", "--role", "hc")
        k.start()

        notice = [{"type": "arrival_notice_received", "date": "2026-11-23", "expected_arrival": "2026-12-01"},
                  {"type": "health_centre_notified", "date": "2026-11-23"}]
        booked = notice + [{"type": "health_talk_booked", "date": "2026-11-24", "appointment": "2026-12-03"}]
        exam = booked + [{"type": "health_talk_held", "date": "2026-11-24"},
                         {"type": "test_results_received", "date": "2026-11-24"},
                         {"type": "health_exam_booked", "date": "2026-11-25", "appointment": "2027-01-12"}]
        ids = []
        for (given, family, birth), events in zip(PEOPLE, [notice, booked, exam]):
            status, body = k.json("POST", "/v1/cases", admin, person(given, family, birth, "ostersund", events))
            check(status == 201, f"create case: {status} {body}")
            ids.append(body["id"])

        # What the feed must hold, from the API: hc:ostersund's open steps due
        # from today through the 60th day.
        status, due = k.json("GET", f"/v1/due?actor=hc:ostersund&from={TODAY}&to={WINDOW_END}&limit=1000", admin)
        check(status == 200, f"due list: {status}")
        expected = {f"{i['case_id']}.{i['step']}@kedja": i["due_on"] for i in due["items"]}
        check(len(expected) >= 5, f"the scenario has the steps it should: {sorted(expected)}")
        check(f"{ids[1]}.hold_health_talk@kedja" in expected, "a booked talk is due")
        check(f"{ids[2]}.hold_health_exam@kedja" in expected, "a booked exam is due")

        path = "/v1/feeds/hc:ostersund.ics?token=" + feed
        status, body, headers = k.get(path)
        check(status == 200, f"feed: {status} {body[:200]}")
        check(headers.get("Content-Type", "").startswith("text/calendar"), f"content type {headers}")
        check(body.count(b"\n") == body.count(b"\r\n"), "every line ends in CRLF (RFC 5545 3.1)")
        events = parse(body)
        uids = [str(e["UID"]) for e in events]
        check(len(uids) == len(set(uids)), f"every UID once: {uids}")
        check(set(uids) == set(expected), f"feed {sorted(uids)} != due {sorted(expected)}")
        for e in events:
            uid = str(e["UID"])
            start = e["DTSTART"].dt
            check(type(start) is datetime.date, f"{uid}: all-day (a date), got {start!r}")
            check(start.isoformat() == expected[uid], f"{uid}: on {start}, due {expected[uid]}")
            check(e["DTEND"].dt == start + datetime.timedelta(days=1), f"{uid}: one day")
            case_id = uid.split(".")[0]
            check(str(e["URL"]).endswith("/arenden/" + case_id), f"{uid}: links its case page")
            appointment = uid.endswith(("hold_health_talk@kedja", "hold_health_exam@kedja"))
            check(("Bokad tid" in e["CATEGORIES"].to_ical().decode()) == appointment, f"{uid}: category")
        for given, family, birth in PEOPLE:
            for personal in (given, family, birth, birth.replace("-", "")):
                check(personal.encode() not in body, f"personal data {personal!r} in the feed")

        # Stable across fetches.
        status, again, _ = k.get(path)
        check(status == 200 and [str(e["UID"]) for e in parse(again)] == uids, "UIDs stable across fetches")

        # A closed step is gone: the talk is held.
        status, body = k.json("POST", f"/v1/cases/{ids[1]}/events", admin,
                              {"type": "health_talk_held", "date": TODAY})
        check(status == 201, f"talk held: {status} {body}")
        status, after, _ = k.get(path)
        after_uids = [str(e["UID"]) for e in parse(after)]
        check(f"{ids[1]}.hold_health_talk@kedja" not in after_uids, "the held talk left the feed")
        check(f"{ids[1]}.receive_test_results@kedja" in after_uids, "the next step came in")

        # Each fetch is audited as a read of the cases it lists.
        status, audit = k.json("GET", f"/v1/audit?case={ids[0]}", admin)
        feeds = [a for a in audit["items"] if a["action"] == "feed" and a["token"] == "kalender hc:ostersund"]
        check(len(feeds) == 3, f"three fetches audited for {ids[0]}: {audit['items']}")

        # Other tokens: another unit's feed token, the unit's API token, none.
        for token, what in ((other_feed, "another actor's feed token"), (api, "an API token"),
                            ("kedja_" + "0" * 64, "an unknown token")):
            status, _, _ = k.get("/v1/feeds/hc:ostersund.ics?token=" + token)
            check(status == 401, f"{what}: {status}")
        status, _, _ = k.get("/v1/feeds/hc:ostersund.ics")
        check(status == 401, f"no token: {status}")
        status, _, _ = k.get(f"/v1/cases/{ids[0]}", feed)
        check(status == 401, f"a feed token reads no case: {status}")
        status, _, _ = k.get("/v1/overdue", feed)
        check(status == 401, f"a feed token reads no list: {status}")

        # Revoked: 401 at once.
        k.run("token", "revoke", "kalender hc:ostersund")
        status, _, _ = k.get(path)
        check(status == 401, f"revoked feed token: {status}")
        print("ok: feed", len(uids), "events")
    finally:
        k.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
