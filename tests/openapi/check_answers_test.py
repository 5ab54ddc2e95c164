#!/usr/bin/python3
"""check_answers.py can fail: deliberately wrong answers, checked against the
repository's own server/openapi.json, are each refused with a message that
names what is wrong, and right ones pass (issue 17).

Usage: check_answers_test.py DOCUMENT (run by ctest as openapi_check_refuses_wrong_answers)
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_answers  # noqa: E402

DOCUMENT_PATH = None

PROBLEM_401 = {"type": "/problems/unauthorized", "title": "Unauthorized", "status": 401, "detail": "the token is not valid"}
ACTOR = {"id": "hc:ostersund", "kind": "hc", "name": "Hälsocentralen Östersund", "municipality": "ostersund"}
STEP = {"key": "notify_school", "title": "Informera skolan och förskolekön", "actor": "reception:ostersund",
        "opened_on": "2026-11-02", "due_on": "2026-11-02", "status": "open", "done_on": None}
EVENT = {"seq": 1, "type": "arrival_notice_received", "date": "2026-11-02", "expected_arrival": "2026-11-16",
         "event_id": None, "recorded_at": "2026-11-25T08:01:02Z", "recorded_by": "reception:ostersund"}
CASE = {"id": "c1", "external_ref": None, "given_name": "Amina", "family_name": "Haddad", "birth_date": "2016-03-01",
        "sex": "F", "language": "arabiska", "interpreter_needed": True, "household": None, "unaccompanied": False,
        "municipality": "ostersund", "health_centre": "hc:ostersund", "rule_set": "default-2018", "status": "open",
        "events": [EVENT], "steps": [STEP]}


def record(method, target, status, body=None, content_type="application/json"):
    return {"test": "Wrong.Answer", "method": method, "target": target, "status": status,
            "content_type": content_type, "body": "" if body is None else json.dumps(body, ensure_ascii=False)}


def without(value, key):
    return {k: v for k, v in value.items() if k != key}


# (what is wrong, the record, a word the failure must name)
WRONG = [
    ("a member of the wrong type", record("GET", "/v1/actors", 200, {"items": [dict(ACTOR, municipality=5)]}), "municipality"),
    ("a member the document does not know", record("GET", "/v1/actors", 200, {"items": [dict(ACTOR, colour="red")]}), "colour"),
    ("a required member missing", record("GET", "/v1/cases/c1", 200, without(CASE, "steps")), "steps"),
    ("an impossible date", record("GET", "/v1/cases/c1", 200, dict(CASE, birth_date="2016-02-30")), "birth_date"),
    ("an unknown enum value", record("GET", "/v1/cases/c1", 200, dict(CASE, sex="Q")), "sex"),
    ("an event whose payload is missing", record("POST", "/v1/cases/c1/events", 201,
        {"event": without(EVENT, "expected_arrival"), "steps": [STEP]}), "expected_arrival"),
    ("a done step without late", record("POST", "/v1/cases/c1/events", 201,
        {"event": EVENT, "steps": [dict(STEP, status="done", done_on="2026-11-03")]}), "steps"),
    ("a pseudonymised case with a name", record("GET", "/v1/cases/c1", 200,
        dict(without(without(without(CASE, "birth_date"), "external_ref"), "household"), birth_year=2016)), "(the body)"),
    ("a status the operation does not list", record("GET", "/v1/actors", 201, {"items": []}), "201"),
    ("a path the document lacks answered 200", record("GET", "/v1/secret", 200, {"items": []}), "/v1/secret"),
    ("a method the path does not take answered 200", record("PUT", "/v1/actors", 200, {"items": []}), "PUT"),
    ("a content type the answer does not have", record("GET", "/v1/actors?format=csv", 200, None, "text/csv; charset=utf-8"), "text/csv"),
    ("a problem without detail", record("GET", "/v1/actors", 401, without(PROBLEM_401, "detail"), "application/problem+json"), "detail"),
    ("a body that is not JSON", {**record("GET", "/v1/health", 200), "body": "ok"}, "not JSON"),
    ("a body on a 204", {**record("DELETE", "/v1/tokens/x", 204), "body": "{}"}, "no content"),
    ("a request body the document refuses, taken by the server", {**record("POST", "/v1/cases/c1/events", 201,
        {"event": EVENT, "steps": [STEP]}), "request_body": json.dumps({"type": "arrived", "date": "2026-11-02", "mood": "ok"})},
     "mood"),
]

RIGHT = [
    ("the liveness check", record("GET", "/v1/health", 200, {"status": "ok"})),
    ("a case", record("GET", "/v1/cases/c1", 200, CASE)),
    ("a 401 for a path that does not exist", record("GET", "/v1/nothing", 401, PROBLEM_401, "application/problem+json")),
    ("a CSV list", record("GET", "/v1/overdue?format=csv", 200, None, "text/csv; charset=utf-8")),
    ("a revoked token", record("DELETE", "/v1/tokens/a%20b", 204)),
    ("an event with its payload", {**record("POST", "/v1/cases/c1/events", 201, {"event": EVENT, "steps": [STEP]}),
        "request_body": json.dumps({"type": "arrival_notice_received", "date": "2026-11-02", "expected_arrival": "2026-11-16"})}),
    ("a refused request body is not the document's to describe", {**record("POST", "/v1/cases", 400,
        {"type": "/problems/invalid-input", "title": "Bad Request", "status": 400, "detail": "x: unknown field",
         "errors": [{"field": "x", "message": "unknown field"}]}, "application/problem+json"), "request_body": "{\"x\": 1}"}),
]


class CheckAnswers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(DOCUMENT_PATH, encoding="utf-8") as file:
            cls.document = json.load(file)

    def test_each_wrong_answer_fails_naming_what_is_wrong(self):
        for what, wrong, word in WRONG:
            with self.subTest(what):
                failures, _ = check_answers.check(self.document, [wrong])
                self.assertTrue(failures, what + ": passed")
                self.assertIn(word, " ".join(failures), what)

    def test_each_right_answer_passes(self):
        for what, right in RIGHT:
            with self.subTest(what):
                failures, _ = check_answers.check(self.document, [right])
                self.assertEqual(failures, [], what)

    def test_no_recorded_answer_is_a_failure(self):
        failures, _ = check_answers.check(self.document, [])
        self.assertIn("no answers were recorded", " ".join(failures))

    def test_the_command_exits_1_on_a_wrong_answer_among_right_ones(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "1.jsonl"), "w", encoding="utf-8") as out:
                for _, right in RIGHT:
                    out.write(json.dumps(right) + "\n")
                out.write(json.dumps(WRONG[0][1]) + "\n")
            run = subprocess.run([sys.executable, check_answers.__file__, DOCUMENT_PATH, directory],
                                 capture_output=True, text=True)
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertIn("FAIL Wrong.Answer: GET /v1/actors 200", run.stdout)


if __name__ == "__main__":
    DOCUMENT_PATH = sys.argv.pop(1)
    unittest.main(verbosity=1)
