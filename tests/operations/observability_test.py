"""Issue 17 §2 and §3 end to end: `kedja serve --metrics-listen ...
--access-log FILE` on random 127.0.0.1 ports, real requests from two roles,
then the metrics scraped and parsed by an independent parser (Debian's
python3-prometheus-client) and the access log read as JSON lines. Neither
may hold a case id, a name or a query value.
Usage: observability_test.py KEDJA SOURCE_DIR"""
import json
import os
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reminders"))
from harness import Kedja, free_port, person  # noqa: E402

TODAY = "2026-11-25"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def scrape(port, method="GET"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode(), answer.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("Content-Type")


def samples(text):
    """{(name, frozenset(labels.items())): value} of every sample."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def main(binary, source):
    k = Kedja(binary, source, TODAY)
    try:
        k.run("init")
        admin = k.token("--role", "admin", "--name", "drift")
        school = k.token("--role", "school", "--actor", "school:ostersund", "--name", "skolan")
        metrics_port = free_port()
        access_log = os.path.join(k.dir, "access.log")
        k.start("--metrics-listen", f"127.0.0.1:{metrics_port}", "--access-log", access_log)

        status, created = k.json("POST", "/v1/cases", admin,
                                 person("Zainab", "Qasemi", "2016-04-02", "ostersund", []))
        check(status == 201, f"create: {status} {created}")
        case_id = created["id"]
        for _ in range(3):
            check(k.get(f"/v1/cases/{case_id}", admin)[0] == 200, "read the case")
        check(k.get("/v1/cases?q=Zainab&limit=5", school)[0] == 200, "school's search")
        check(k.get("/v1/cases", "not-a-token")[0] == 401, "a bad token")
        check(k.get("/logga-in")[0] == 200, "the login page")

        status, text, content_type = scrape(metrics_port)
        check(status == 200, f"GET /metrics: {status}")
        check(content_type.startswith("text/plain; version=0.0.4"), f"content type {content_type}")
        got = samples(text)

        def value(name, **labels):
            return got.get((name, frozenset(labels.items())))

        check(value("kedja_http_requests_total", route="/v1/cases/{id}", method="GET", status="200") == 3,
              "three reads of a case, counted under its template")
        check(value("kedja_http_requests_total", route="/v1/cases", method="POST", status="201") == 1, "the create")
        check(value("kedja_http_requests_total", route="/v1/cases", method="GET", status="401") == 1, "the 401")
        check(value("kedja_http_requests_total", route="/logga-in", method="GET", status="200") == 1, "a page")
        check(value("kedja_http_request_duration_seconds_count", route="/v1/cases/{id}", method="GET") == 3,
              "the reads' latency histogram")
        check(value("kedja_writer_group_size_count") >= 1, "group commits")
        for name in ("kedja_writer_queue_depth", "kedja_audit_queue_depth", "kedja_audit_failing",
                     "kedja_writer_last_failed_commit_timestamp_seconds", "kedja_web_sessions_open",
                     "kedja_http_connections_open"):
            check(value(name) is not None, f"{name} is exposed")
        check(value("kedja_database_size_bytes") > 0, "the database's size")
        check(value("kedja_database_wal_size_bytes") is not None, "the WAL's size")
        for secret in (case_id, "Zainab", "Qasemi", admin, school, "drift", "skolan"):
            check(secret not in text, f"{secret!r} must not be in the metrics")

        check(scrape(metrics_port, "POST")[0] == 405, "POST /metrics is 405")
        check(k.get("/metrics")[0] == 404, "the service's own port has no /metrics")

        k.stop()
        with open(access_log, encoding="utf-8") as log:
            lines = [json.loads(line) for line in log]
        routes = [(entry["method"], entry["route"], entry["status"]) for entry in lines]
        check(("GET", "/v1/cases/{id}", 200) in routes, f"a read of a case is logged: {routes}")
        check(("GET", "/v1/health", 200) in routes, "the harness's health checks are logged")
        search = [entry for entry in lines if entry["route"] == "/v1/cases" and entry["method"] == "GET"
                  and entry["status"] == 200]
        check(len(search) == 1 and search[0]["token"] == "skolan", f"the search names its token: {search}")
        for entry in lines:
            check(set(entry) == {"time", "method", "route", "status", "duration_us", "bytes", "token"},
                  f"the fields of {entry}")
            check(entry["time"].endswith("Z") and entry["duration_us"] >= 0 and entry["bytes"] > 0,
                  f"time, duration and bytes of {entry}")
        raw = open(access_log, encoding="utf-8").read()
        for secret in (case_id, "Zainab", "Qasemi", admin, school, "limit=5"):
            check(secret not in raw, f"{secret!r} must not be in the access log")
        print(f"ok: {len(lines)} access log lines, {len(got)} metric samples")
    finally:
        k.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
