"""Shared pieces of the reminder tests (issue 16): run the built `kedja`
binary on a database in a temporary directory, start `kedja serve` on a
random 127.0.0.1 port, and talk JSON to it. System Python and Debian
packages only (python3-icalendar, python3-aiosmtpd)."""
import json
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    """A port in 18000-18999 that nothing listens on now."""
    for _ in range(200):
        port = random.randint(18000, 18999)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 18000-18999")


class Kedja:
    def __init__(self, binary, source_dir, today, config_dir=None):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="kedja-reminders-")
        self.config = config_dir or os.path.join(source_dir, "config")
        self.db = os.path.join(self.dir, "kedja.db")
        self.env = dict(os.environ, KEDJA_TODAY=today)
        self.server = None
        self.port = None

    def run(self, *args, check=True, today=None):
        env = dict(self.env, KEDJA_TODAY=today) if today else self.env
        done = subprocess.run([self.binary, "--db", self.db, "--config", self.config, *args],
                              capture_output=True, text=True, env=env, timeout=120)
        if check and done.returncode != 0:
            raise AssertionError(f"kedja {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
        return done

    def token(self, *args):
        return self.run("token", "create", *args).stdout.strip()

    def start(self, *extra):
        """Starts `kedja serve`; `extra` are more of its options."""
        self.port = free_port()
        self.log = open(os.path.join(self.dir, "serve.log"), "w")
        self.server = subprocess.Popen(
            [self.binary, "--db", self.db, "--config", self.config, "serve", "--listen",
             f"127.0.0.1:{self.port}", "--threads", "1", "--handler-threads", "2", *extra],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kedja serve did not start")

    def request(self, method, path, token=None, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as answer:
                return answer.status, answer.read(), dict(answer.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def get(self, path, token=None):
        return self.request("GET", path, token)

    def json(self, method, path, token, body=None):
        status, raw, _ = self.request(method, path, token, body)
        return status, json.loads(raw) if raw else None

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None
            self.log.close()

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def person(given, family, birth, municipality, events):
    return {"given_name": given, "family_name": family, "birth_date": birth, "sex": "F",
            "language": "dari", "interpreter_needed": True, "unaccompanied": False,
            "municipality": municipality, "events": events}
