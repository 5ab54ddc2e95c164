#!/usr/bin/python3
"""The conformance layer's checking half (issue 17).

Validates every answer the server tests recorded (tests/server/
openapi_recorder.h: one JSON object a line, {"test", "method", "target",
"status", "content_type", "body"}, in *.jsonl files of a directory) against
the OpenAPI 3.1 document (server/openapi.json):

- the request's path matches a path template of the document and the
  method one of its operations — else the answer must be one the document's
  `x-unmatched-requests` lists (a 401 or 404 for a path that does not exist,
  a 405 for a method a path does not take, …);
- the document lists the answer's status for that operation, with the
  answer's media type (or no content, for a 204);
- a JSON body validates against that media type's schema (JSON Schema
  2020-12, as OpenAPI 3.1's schemas are, with Debian's python3-jsonschema;
  formats such as `date` checked);
- a request body the server accepted (a 2xx answer) validates against the
  operation's request body schema: the document must not refuse what the
  server takes.

An answer the document lacks is a failure, and so is a directory without
any answer (the recorder is then broken, and nothing would be checked).
Operations of the document that no test exercised are listed, not failed:
a test run of a subset (`ctest -R …`) exercises few.

Usage: check_answers.py DOCUMENT RECORD_DIR
Exit 0 when every answer conforms, 1 with one line per failure otherwise,
2 for a usage error.
"""

import glob
import json
import os
import re
import sys
import urllib.parse

import jsonschema

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def template_pattern(template):
    """A regex for a path template: each {name} one non-empty segment part."""
    parts = re.split(r"(\{[^}/]+\})", template)
    body = "".join("([^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile("^" + body + "$")


class Document:
    """The OpenAPI document, with its path templates ready to match."""

    def __init__(self, document):
        self.document = document
        # Templates with more literal text first, so /v1/overdue/summary
        # wins over a template that could also match it.
        templates = sorted(document.get("paths", {}),
                           key=lambda t: -len(re.sub(r"\{[^}]*\}", "", t)))
        self.templates = [(t, template_pattern(t)) for t in templates]
        resolver = jsonschema.RefResolver(base_uri="", referrer=document)
        self._resolver = resolver
        self._format_checker = jsonschema.FormatChecker()
        self._validators = {}

    def resolve(self, node):
        """Follows a local $ref ("#/components/…") to what it names."""
        while isinstance(node, dict) and "$ref" in node:
            _, node = self._resolver.resolve(node["$ref"])
        return node

    def match(self, path):
        """The path template `path` matches, or None."""
        for template, pattern in self.templates:
            if pattern.match(path):
                return template
        return None

    def validator(self, schema):
        """A validator for one media type's schema, made once."""
        key = id(schema)
        if key not in self._validators:
            self._validators[key] = jsonschema.Draft202012Validator(
                schema, resolver=self._resolver, format_checker=self._format_checker)
        return self._validators[key]


def media_type_of(content, content_type):
    """The key of `content` that describes `content_type`: the same text, or
    else the same type and subtype (parameters ignored); None if none."""
    if content_type in content:
        return content_type
    base = content_type.split(";")[0].strip().lower()
    for key in content:
        if key.split(";")[0].strip().lower() == base:
            return key
    return None


def describe(error):
    """One line for a schema error: where in the body, and what is wrong.
    Where no branch of a oneOf fits (a case is identified or pseudonymised,
    an event one of its types), the branch meant is one whose `const` (an
    event's type) fits, with the fewest errors; its first error is named."""
    while error.context:
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = min(branches.values(),
                    key=lambda errors: (any(e.validator == "const" for e in errors), len(errors)))
        error = jsonschema.exceptions.best_match(meant)
    where = "/".join(str(p) for p in error.absolute_path) or "(the body)"
    return "at %s: %s" % (where, error.message[:300])


def check_one(doc, record):
    """The failures (strings) of one recorded answer; empty when it conforms."""
    method = record["method"].lower()
    target = record["target"]
    status = str(record["status"])
    path = urllib.parse.urlsplit(target).path if target else ""
    template = doc.match(path)
    operation = doc.document["paths"][template].get(method) if template else None
    if operation is not None:
        where = "%s %s" % (method.upper(), template)
        responses = operation.get("responses", {})
    else:
        where = "%s %s (no operation: x-unmatched-requests)" % (method.upper(), target)
        responses = doc.document.get("x-unmatched-requests", {}).get("responses", {})
    response = responses.get(status) or responses.get(status[0] + "XX")
    if response is None:
        return ["%s: status %s is not in the document" % (where, status)]
    failures = []
    if operation and "requestBody" in operation and status.startswith("2") and record.get("request_body"):
        failures += check_request(doc, operation, where, status, record["request_body"])
    return failures + check_answer(doc, response, where, status, record)


def check_request(doc, operation, where, status, request_body):
    """The failures of a request body the server accepted with `status`."""
    content = doc.resolve(operation["requestBody"]).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return []
    try:
        value = json.loads(request_body)
    except ValueError:
        return ["%s %s: the server took a request body that is not JSON" % (where, status)]
    errors = sorted(doc.validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    return ["%s %s: the request body the server took %s" % (where, status, describe(e)) for e in errors[:3]]


def check_answer(doc, response, where, status, record):
    """The failures of an answer against the document's `response`."""
    content_type = record.get("content_type", "")
    response = doc.resolve(response)
    content = response.get("content", {})
    body = record.get("body", "")
    if not content:
        if body:
            return ["%s %s: the document says no content, the answer has a body" % (where, status)]
        return []
    key = media_type_of(content, content_type)
    if key is None:
        return ["%s %s: content type %r is not in the document (%s)"
                % (where, status, content_type, ", ".join(content))]
    schema = content[key].get("schema")
    base = key.split(";")[0].strip().lower()
    if schema is None or not (base == "application/json" or base.endswith("+json")):
        return []
    try:
        value = json.loads(body)
    except ValueError as error:
        return ["%s %s: the body is not JSON: %s" % (where, status, error)]
    errors = sorted(doc.validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    return ["%s %s: %s" % (where, status, describe(e)) for e in errors[:3]]


def read_records(directory):
    """Every recorded answer of the directory's *.jsonl files, in order."""
    records = []
    for name in sorted(glob.glob(os.path.join(directory, "*.jsonl"))):
        with open(name, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except ValueError as error:
                        raise SystemExit("%s:%d: not a record: %s" % (name, number, error))
    return records


def check(document, records):
    """(failures, operations no record exercised) for all the records."""
    doc = Document(document)
    failures = []
    if not records:
        failures.append("no answers were recorded: is KEDJA_OPENAPI_RECORD_DIR set for the server tests?")
    exercised = set()
    for record in records:
        for failure in check_one(doc, record):
            failures.append("%s: %s" % (record.get("test", "?"), failure))
        template = doc.match(urllib.parse.urlsplit(record["target"]).path)
        if template:
            exercised.add((record["method"].lower(), template))
    unexercised = sorted("%s %s" % (m.upper(), t) for t, item in document["paths"].items()
                         for m in item if m in METHODS and (m, t) not in exercised)
    return failures, unexercised


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        document = json.load(file)
    records = read_records(argv[2])
    failures, unexercised = check(document, records)
    for operation in unexercised:
        print("note: no recorded answer exercises " + operation)
    # One failure a distinct message: a wrong schema fails many answers alike.
    seen = set()
    for failure in failures:
        key = failure.split(": ", 1)[-1]
        if key not in seen:
            seen.add(key)
            print("FAIL " + failure)
    print("%d answers checked against %s: %d failures" % (len(records), argv[1], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
