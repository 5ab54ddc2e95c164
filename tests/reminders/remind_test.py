"""Issue 16, the morning digest end to end: `kedja remind` against a local
SMTP sink (python3-aiosmtpd on 127.0.0.1). Usage: remind_test.py KEDJA SOURCE_DIR"""
import collections
import email
import email.policy
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from harness import Kedja, free_port, person

TODAY = "2026-12-07"  # a Monday
MAILBOXES = {  # unit → functional mailbox, in a copy of the shipped region file
    "reception:krokom": "mottagningen@krokom.example",
    "reception:ostersund": "mottagningen@ostersund.example",
    "hc:ostersund": "hc.ostersund@regionjh.example",
    "school:berg": "grundskolan@berg.example",  # nothing to report
}
PEOPLE = [("Zainab", "Qasemi", "2016-04-02"), ("Yonas", "Tesfaye", "2012-09-30"),
          ("Amira", "Haddad", "2019-01-15"), ("Omid", "Rahimi", "2011-06-20")]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Sink:
    """Keeps every message the relay accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == b"kedja" and auth_data.password == b"hemligt:ord")


def config_with_mailboxes(source, into):
    shutil.copytree(os.path.join(source, "config"), into)
    path = os.path.join(into, "region.json")
    with open(path, encoding="utf-8") as f:
        region = json.load(f)
    for m in region["municipalities"]:
        for kind, unit in m["units"].items():
            if unit["id"] in MAILBOXES:
                unit["email"] = MAILBOXES[unit["id"]]
        for hc in m["health_centres"]:
            if hc["id"] in MAILBOXES:
                hc["email"] = MAILBOXES[hc["id"]]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(region, f, ensure_ascii=False)


def expected_counts(k, today):
    """Per unit and step title: [overdue, today, soon], from `kedja overdue` and `kedja due`."""
    horizon = k.run("calendar", "--from", today, "--add-working-days", "5").stdout.strip()
    counts = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0, 0]))
    for unit in MAILBOXES:
        overdue = json.loads(k.run("overdue", "--actor", unit, "--as-of", today, "--format", "json",
                                   "--limit", "1000", today=today).stdout)
        for item in overdue["items"]:
            counts[unit][item["step"]][0] += 1
        due = json.loads(k.run("due", "--actor", unit, "--from", today, "--to", horizon, "--format", "json",
                               "--limit", "1000", today=today).stdout)
        for item in due["items"]:
            counts[unit][item["step"]][1 if item["due_on"] == today else 2] += 1
    return counts


def digest_lines(body):
    """'- <title>: försenade N, i dag N, kommande fem arbetsdagar N' → {title: [N, N, N]}."""
    found = {}
    body = body.replace("\r\n", "\n")
    for title, a, b, c in re.findall(r"^- (.+): försenade (\d+), i dag (\d+), kommande fem arbetsdagar (\d+)$",
                                     body, re.M):
        found[title] = [int(a), int(b), int(c)]
    return found


def own_network_address():
    """This machine's IPv4 address toward the network (no packet is sent), or
    None when it has only loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only the route is looked up
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def remind(k, port, *extra, today=TODAY):
    return k.run("remind", "--smtp", f"127.0.0.1:{port}", "--from", "kedja@regionjh.example",
                 "--base-url", "https://kedja.regionjh.example", "--today", today, *extra, check=False)


def main(binary, source):
    k = Kedja(binary, source, TODAY)
    config_with_mailboxes(source, os.path.join(k.dir, "config"))
    k.config = os.path.join(k.dir, "config")
    sink, auth_sink = Sink(), Sink()
    relay = Controller(sink, hostname="127.0.0.1", port=free_port())
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # the sink's own chatter
    warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")  # on purpose, on 127.0.0.1
    secured = Controller(auth_sink, hostname="127.0.0.1", port=free_port(), authenticator=authenticate,
                         auth_required=True, auth_require_tls=False)
    relay.start()
    secured.start()
    try:
        k.run("init")
        admin = k.token("--role", "admin")
        k.start()
        # Krokom: notices on Friday 4 December (overdue today) and today;
        # Östersund: a notice on 1 December, the health centre told
        # (book_health_talk due 8 December), and a referral due 10 December.
        scenario = [
            ("krokom", [{"type": "arrival_notice_received", "date": "2026-12-04", "expected_arrival": "2026-12-20"}]),
            ("krokom", [{"type": "arrival_notice_received", "date": TODAY, "expected_arrival": "2026-12-20"}]),
            ("ostersund", [{"type": "arrival_notice_received", "date": "2026-12-01", "expected_arrival": "2026-12-15"},
                           {"type": "health_centre_notified", "date": "2026-12-01"}]),
            ("ostersund", [{"type": "municipality_assigned", "date": "2026-12-02", "municipality": "ostersund",
                            "latest_reception": "2026-12-10"}]),
        ]
        for (given, family, birth), (municipality, events) in zip(PEOPLE, scenario):
            status, body = k.json("POST", "/v1/cases", admin, person(given, family, birth, municipality, events))
            check(status == 201, f"create case: {status} {body}")
        k.stop()

        counts = expected_counts(k, TODAY)
        reporting = {unit for unit in MAILBOXES if any(sum(c) for c in counts[unit].values())}
        check(reporting == {"reception:krokom", "reception:ostersund", "hc:ostersund"},
              f"the scenario gives these units something to report: {sorted(reporting)}")
        check(counts["reception:krokom"]["notify_school"] == [1, 1, 0], f"krokom counts {counts['reception:krokom']}")

        done = remind(k, relay.port)
        check(done.returncode == 0, f"remind: exit {done.returncode}\n{done.stdout}{done.stderr}")
        check(len(sink.messages) == len(reporting), f"{len(sink.messages)} messages for {sorted(reporting)}")
        if os.environ.get("KEDJA_SHOW_MAIL"):
            print(sink.messages[0][1].decode(), "\n", done.stdout)
        with open(os.path.join(k.config, "rules", "default-2018.json"), encoding="utf-8") as f:
            titles = {s["key"]: s["title"] for s in json.load(f)["steps"]}
        by_address = {v: u for u, v in MAILBOXES.items()}
        for rcpt, content in sink.messages:
            check(len(rcpt) == 1 and rcpt[0] in by_address, f"one recipient, a unit's mailbox: {rcpt}")
            unit = by_address[rcpt[0]]
            message = email.message_from_bytes(content, policy=email.policy.default)
            check(message["From"].addresses[0].addr_spec == "kedja@regionjh.example", f"From {message['From']}")
            check("försenade" in str(message["Subject"]), f"a Swedish subject: {message['Subject']}")
            body = "".join(p.get_content() for p in message.walk() if p.get_content_type() == "text/plain")
            check("https://kedja.regionjh.example/att-gora" in body, "links /att-gora")
            want = {titles[key]: c for key, c in counts[unit].items() if sum(c)}
            check(digest_lines(body) == want, f"{unit}: {digest_lines(body)} != {want}\n{body}")
            for given, family, birth in PEOPLE:
                for personal in (given, family, birth):
                    check(personal.encode() not in content, f"{personal!r} in the mail to {unit}")
        check("nothing to report: school:berg" in done.stdout and "sent: school:berg" not in done.stdout,
              f"no mail to a unit with nothing to report:\n{done.stdout}")

        # A second run the same day sends nothing.
        again = remind(k, relay.port)
        check(again.returncode == 0 and len(sink.messages) == len(reporting), f"second run sent:\n{again.stdout}")
        check("already sent today: reception:krokom" in again.stdout, again.stdout)

        # A holiday (julafton) and a Saturday send nothing, and say so.
        for day, name in (("2026-12-24", "julafton"), ("2026-12-12", "lördag")):
            quiet = remind(k, relay.port, today=day)
            check(quiet.returncode == 0 and len(sink.messages) == len(reporting), f"{day}: sent\n{quiet.stdout}")
            check("not a working day" in quiet.stdout and name in quiet.stdout, f"{day}: {quiet.stdout}")

        # An unreachable relay: a clear error naming it, exit 1, nothing recorded.
        closed = free_port()
        down = remind(k, closed, today="2026-12-08")
        check(down.returncode == 1, f"unreachable relay: exit {down.returncode}\n{down.stdout}{down.stderr}")
        check(f"SMTP relay 127.0.0.1:{closed}" in down.stderr and "connect" in down.stderr.lower(),
              f"the error names the relay: {down.stderr}")

        # A relay that wants a login: refused without it (exit 1), delivered
        # with a login file; a login file others can read is refused (exit 2).
        refused = remind(k, secured.port, today="2026-12-08")
        check(refused.returncode == 1 and not auth_sink.messages, f"no login: {refused.returncode} {refused.stderr}")
        login = os.path.join(k.dir, "smtp-login")
        with open(login, "w") as f:
            f.write("kedja:hemligt:ord\n")
        os.chmod(login, 0o644)
        loose = remind(k, secured.port, "--login-file", login, today="2026-12-08")
        check(loose.returncode == 2 and "readable by others" in loose.stderr and "chmod 600" in loose.stderr,
              f"a 0644 login file: {loose.returncode} {loose.stderr}")
        os.chmod(login, 0o600)
        logged_in = remind(k, secured.port, "--login-file", login, today="2026-12-08")
        check(logged_in.returncode == 0, f"with a login: {logged_in.returncode} {logged_in.stderr}")
        next_day = expected_counts(k, "2026-12-08")
        reporting_next = {unit for unit in MAILBOXES if any(sum(c) for c in next_day[unit].values())}
        check(len(auth_sink.messages) == len(reporting_next),
              f"the next day, after the failures: {len(auth_sink.messages)} for {sorted(reporting_next)}")
        # A login to a relay elsewhere goes over TLS or not at all: a relay
        # that offers no STARTTLS never sees the password (whoever strips the
        # offer on the path would read it). On this machine's own network
        # address, which is not a loopback one.
        address = own_network_address()
        if address is None:
            print("note: no non-loopback address here; the TLS-before-login check needs one")
        else:
            tried = []
            plain = Controller(Sink(), hostname=address, port=free_port(), auth_required=True,
                               auth_require_tls=False,
                               authenticator=lambda *args: tried.append(1) or AuthResult(success=True))
            plain.start()
            try:
                bare = k.run("remind", "--smtp", f"{address}:{plain.port}", "--from", "kedja@regionjh.example",
                             "--base-url", "https://kedja.regionjh.example", "--today", "2026-12-09",
                             "--login-file", login, check=False)
            finally:
                plain.stop()
            check(bare.returncode == 1 and not tried,
                  f"no STARTTLS, no login: exit {bare.returncode}, logins tried {len(tried)}\n{bare.stderr}")
            check("SSL" in bare.stderr or "TLS" in bare.stderr, f"the error says TLS was missing: {bare.stderr}")
        print("ok: remind", len(sink.messages), "messages")
    finally:
        relay.stop()
        secured.stop()
        k.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
