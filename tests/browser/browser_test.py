#!/usr/bin/env python3
"""Browser tests of the web pages (issue 13), in Debian's headless Chromium.

Each user group logs in through the login form and does its day's work;
axe-core checks every page against WCAG 2.1 A and AA; screenshots of each
page go to --shots. Exits non-zero with the failures listed.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zoneinfo

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

TODAY = "2026-11-25"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return condition


class Kedja:
    def __init__(self, args):
        self.base = args.base
        self.axe_source = open(args.axe, encoding="utf-8").read()
        self.shots = args.shots
        self.args = args
        os.makedirs(self.shots, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1366,900", "--lang=sv-SE", "--disable-extensions"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_script_timeout(120)
        self.driver.set_page_load_timeout(60)
        self.checked = set()

    # --- the JSON API, for setting up cases -------------------------------
    def api(self, method, path, token, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def new_child(self, given, family, events):
        status, body = self.api("POST", "/v1/cases", os.environ["KEDJA_TOKEN_ADMIN"], {
            "given_name": given, "family_name": family, "birth_date": "2018-05-14", "sex": "F",
            "language": "tigrinja", "interpreter_needed": True, "household": "HH-" + family,
            "unaccompanied": False, "municipality": "ostersund", "events": events})
        check(status == 201, f"creating {given} {family}: {status} {body}")
        return body["id"] if status == 201 else ""

    # --- the browser --------------------------------------------------------
    def go(self, path):
        self.driver.get(self.base + path)

    def submit(self, button, key=None):
        """Clicks a button that submits a form (or presses `key` in a field)
        and waits for the next page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        if key:
            button.send_keys(key)
        else:
            button.click()

        # staleness_of catches only StaleElementReferenceException; mid-
        # navigation Chromium may instead answer "Node with given id does not
        # belong to the document" (a plain WebDriverException): gone too.
        def gone(_):
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 30).until(gone)

    def login(self, token):
        self.driver.delete_all_cookies()
        self.go("/logga-in")
        field = self.driver.find_element(By.ID, "token")
        field.send_keys(token)
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))

    def logout(self):
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "form[action='/logga-ut'] button"))

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def source(self):
        return self.driver.page_source

    def axe(self, name):
        """axe-core on the page; every WCAG 2.1 A/AA violation is a failure."""
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))
        self.driver.execute_script(self.axe_source + "\nreturn true;")
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));" % json.dumps(AXE_TAGS))
        self.checked.add(name)
        for v in violations:
            check(False, f"axe on {name}: {v['id']} ({v.get('impact')}): {v['help']} at {v['nodes']}")

    def row_of(self, name):
        for row in self.driver.find_elements(By.CSS_SELECTOR, "tbody tr"):
            if name in row.text:
                return row
        return None

    def cookie(self):
        found = self.driver.get_cookie("kedja_session")
        return found["value"] if found else ""

    def raw_get(self, url):
        """A GET from outside the page with the session cookie: (status, headers, body bytes)."""
        request = urllib.request.Request(url)
        request.add_header("Cookie", "kedja_session=" + self.cookie())
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def raw_post(self, path, fields):
        """A POST from outside the page: with the session cookie, fields as given."""
        data = "&".join(f"{k}={urllib.request.quote(v)}" for k, v in fields.items()).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        request.add_header("Cookie", "kedja_session=" + self.cookie())
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def every_role_logs_in_and_every_page_passes_axe(k):
    k.go("/logga-in")
    k.axe("logga-in")
    k.login("fel-nyckel")
    check("Inloggningsnyckeln gäller inte" in k.text(), "a wrong token shows the message")
    k.axe("logga-in-fel")
    roles = [
        ("reception", "Mottagningsenheten Östersund", "Mottagningsenhet"),
        ("hc", "Hälsocentralen Östersund", "Hälsocentral"),
        ("school", "Grundskolan Östersund", "Skola"),
        ("af", "Arbetsförmedlingen", "Arbetsförmedlingen"),
        ("coordinator", "Länsstyrelsen", "Samordnare, Länsstyrelsen"),
        ("admin", "web-admin", "Administratör"),
    ]
    for role, unit, role_word in roles:
        k.login(os.environ["KEDJA_TOKEN_" + role.upper()])
        check(k.driver.current_url.endswith("/att-gora"), f"{role}: login lands on /att-gora")
        header = k.driver.find_element(By.CSS_SELECTOR, "header.site").text
        check(unit in header and role_word in header, f"{role}: header shows {unit} / {role_word}: {header!r}")
        for tab in ("forsenade", "snart", "utan-tidsgrans", "klara"):
            k.go("/att-gora?flik=" + tab)
            k.axe(f"{role}-att-gora-{tab}")
        links = k.driver.find_elements(By.CSS_SELECTOR, "tbody th a")
        if not links:
            k.go("/att-gora?flik=klara")
            links = k.driver.find_elements(By.CSS_SELECTOR, "tbody th a")
        if check(links, f"{role}: some row links to a case"):
            k.submit(links[0])
            k.axe(f"{role}-arende")
        if role in ("coordinator", "admin"):
            k.go("/oversikt")
            k.axe(f"{role}-oversikt")
        # Uppföljning: every role, each in its own scope.
        k.submit(k.driver.find_element(By.LINK_TEXT, "Uppföljning"))
        check(k.driver.current_url.endswith("/uppfoljning"), f"{role}: the menu leads to Uppföljning")
        k.axe(f"{role}-uppfoljning")
        k.logout()
        check("/logga-in" in k.driver.current_url and "Du är utloggad" in k.text(), f"{role}: logout")


def reception_records_health_centre_informed(k, child):
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    k.go("/att-gora?flik=snart&sortera=oppnad&ordning=fallande")
    row = k.row_of("Nour Tesfay")
    if not check(row is not None, "reception: the newly notified child is under Förfaller snart"):
        return
    check("i dag" in row.text, "reception: due today")
    button = row.find_element(By.XPATH, ".//button[normalize-space()='Registrera hälsocentralen informerad']")
    k.submit(button)
    check("Sparat: Hälsocentralen informerad" in k.text(), "reception: the notice after saving")
    k.axe("reception-sparat")
    _, the_case = k.api("GET", f"/v1/cases/{child}", os.environ["KEDJA_TOKEN_ADMIN"])
    types = [e["type"] for e in the_case["events"]]
    check(types.count("health_centre_notified") == 1, f"reception: recorded once: {types}")
    k.logout()


def health_centre_does_the_chain(k, child):
    k.login(os.environ["KEDJA_TOKEN_HC"])
    k.go("/att-gora?flik=snart&sortera=oppnad&ordning=fallande")
    row = k.row_of("Nour Tesfay")
    if not check(row is not None, "hc: the child is under Förfaller snart"):
        return
    check("tigrinja, tolk behövs" in row.text, "hc: language and interpreter on the row")
    # Enter in the row's date field sends that row's own form (not the first
    # row's event: the rows without a field share one form with no field).
    check(row.find_element(By.XPATH, ".//button[normalize-space()='Registrera hälsosamtal bokat']") is not None,
          "hc: the row offers the booking")
    date_input = row.find_element(By.CSS_SELECTOR, "input[type=date]")
    k.driver.execute_script("arguments[0].value = '2026-12-01';", date_input)
    k.submit(date_input, Keys.ENTER)
    check("Sparat: Hälsosamtal bokat" in k.text(), "hc: booked from the row with Enter in its date field")
    check("flik=snart" in k.driver.current_url and "sortera=oppnad" in k.driver.current_url,
          f"hc: back to the same view ({k.driver.current_url})")
    _, booked = k.api("GET", f"/v1/cases/{child}", os.environ["KEDJA_TOKEN_ADMIN"])
    check([e["type"] for e in booked["events"]][-1] == "health_talk_booked"
          and booked["events"][-1].get("appointment") == "2026-12-01",
          "hc: Enter recorded the booking on this row's case, with its date")
    k.go(f"/arenden/{child}")
    k.axe("hc-arende-bokat")
    for label in ("Hälsosamtal genomfört", "Provsvar mottagna"):
        summary = k.driver.find_element(By.XPATH, f"//summary[normalize-space()='{label}']")
        details = summary.find_element(By.XPATH, "..")
        if details.get_attribute("open") is None:
            summary.click()
        k.submit(details.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check("Sparat: " + label in k.text(), f"hc: recorded {label}")
    summary = k.driver.find_element(By.XPATH, "//summary[normalize-space()='Mottagningsenheten informerad']")
    details = summary.find_element(By.XPATH, "..")
    if details.get_attribute("open") is None:
        summary.click()
    k.submit(details.find_element(By.CSS_SELECTOR, "button[type=submit]"))  # no flag chosen: refused
    check("Hinder för skolstart måste fyllas i" in k.text(), "hc: the obstacle flag is required")
    k.axe("hc-arende-fel")
    summary = k.driver.find_element(By.XPATH, "//summary[normalize-space()='Mottagningsenheten informerad']")
    details = summary.find_element(By.XPATH, "..")
    details.find_element(By.XPATH, ".//label[normalize-space()='Ja']").click()
    k.submit(details.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("Sparat: Mottagningsenheten informerad" in k.text(), "hc: reception informed")
    check("Hinder för skolstart: ja" in k.text(), "hc: the obstacle flag shows in the events")
    k.axe("hc-arende-klart")
    _, the_case = k.api("GET", f"/v1/cases/{child}", os.environ["KEDJA_TOKEN_ADMIN"])
    types = [e["type"] for e in the_case["events"]]
    check(types[-4:] == ["health_talk_booked", "health_talk_held", "test_results_received", "reception_informed"],
          f"hc: the chain in order: {types}")
    k.logout()


def coordinator_sees_no_names(k):
    k.login(os.environ["KEDJA_TOKEN_COORDINATOR"])
    k.go("/oversikt")
    cells = k.driver.find_elements(By.CSS_SELECTOR, "table.overview td a")
    if not check(cells, "coordinator: the overview has overdue cells"):
        return
    overview_source = k.source()
    k.submit(cells[0])
    check("flik=forsenade" in k.driver.current_url, "coordinator: a cell links to the overdue list")
    k.axe("coordinator-lista")
    ids = [a.text for a in k.driver.find_elements(By.CSS_SELECTOR, "tbody th a")]
    check(ids, "coordinator: the list has rows")
    source = k.source()
    # The list's download: the same list, pseudonymised, as a file for Excel.
    download = k.driver.find_element(By.LINK_TEXT, "Ladda ned (CSV)").get_attribute("href")
    status, headers, body = k.raw_get(download)
    check(status == 200 and headers.get("Content-Type") == "text/csv; charset=utf-8",
          f"coordinator: the download answers a CSV file ({status} {headers.get('Content-Type')})")
    check("attachment" in headers.get("Content-Disposition", ""), "coordinator: the download is an attachment")
    csv_text = body.decode("utf-8", "replace")
    check(csv_text.startswith("\ufeffÄrende;Födelseår;Kommun;Steg;"),
          f"coordinator: the file has a BOM and Swedish headers ({csv_text[:60]!r})")
    check(all(f"\r\n{case_id};" in csv_text for case_id in ids),
          "coordinator: every case of the page's list is in the file")
    for case_id in ids[:20]:
        status, the_case = k.api("GET", f"/v1/cases/{case_id}", os.environ["KEDJA_TOKEN_ADMIN"])
        if not check(status == 200, f"admin reads {case_id}"):
            continue
        shown_dates = set(re.findall(r'datetime="([0-9-]+)"', source + overview_source))
        for field in ("given_name", "family_name", "birth_date", "external_ref", "household"):
            value = the_case.get(field)
            # A birth date that is also some step's date on the page is that date.
            if field == "birth_date" and value in shown_dates:
                value = None
            if value:
                check(value not in source and value not in overview_source,
                      f"coordinator: {field} of {case_id} is not in the page source")
            # The file has no birth date column; its dates are steps' dates.
            if value and field != "birth_date":
                check(f";{value};" not in csv_text and f";{value}\r\n" not in csv_text,
                      f"coordinator: {field} of {case_id} is not in the downloaded file")
    k.logout()


def coordinator_follows_up(k):
    k.login(os.environ["KEDJA_TOKEN_COORDINATOR"])
    k.go("/uppfoljning")
    charts = k.driver.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    check(len(charts) >= 3, f"uppföljning: the bar chart, trends and aging are drawn ({len(charts)} charts)")
    for chart in charts:
        title = chart.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        desc = chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
        check(title and len(desc) > 40, f"uppföljning: a chart has a title and a text alternative ({title!r})")
    bars = k.driver.find_elements(By.CSS_SELECTOR, "#andel-per-grupp-titel ~ rect.bar")
    check(bars and len(bars) <= 8, f"uppföljning: a bar per municipality with steps ({len(bars)})")
    # A full-page picture for reviewers, then the step and target chosen in the form.
    k.driver.set_window_size(1366, 4200)
    k.driver.save_screenshot(os.path.join(k.shots, "coordinator-uppfoljning-hel.png"))
    k.driver.set_window_size(1366, 900)
    Select(k.driver.find_element(By.ID, "steg")).select_by_value("book_health_talk")
    target = k.driver.find_element(By.ID, "mal")
    target.clear()
    target.send_keys("80")
    k.submit(k.driver.find_element(By.XPATH, "//form[@action='/uppfoljning']//button[normalize-space()='Visa']"))
    check("steg=book_health_talk" in k.driver.current_url and "mal=80" in k.driver.current_url,
          "uppföljning: the choices are in the URL: " + k.driver.current_url)
    check("Mål 80\u00a0%" in k.source() or "Mål 80 %" in k.text(), "uppföljning: the target line moved to 80 %")
    k.axe("coordinator-uppfoljning-steg")
    download = k.driver.find_element(By.LINK_TEXT, "Ladda ned (CSV)").get_attribute("href")
    check("/uppfoljning.csv?" in download and "steg=book_health_talk" in download,
          f"uppföljning: the download keeps the choices ({download})")
    status, headers, body = k.raw_get(download)
    csv_text = body.decode("utf-8", "replace")
    check(status == 200 and csv_text.startswith("\ufeffKommun;Steg;I tid;Försenade;"),
          f"uppföljning: the download is the follow-up as CSV ({status} {csv_text[:50]!r})")
    check(all(line.split(";")[1] == "Boka hälsosamtal med smittskyddsprover"
              for line in csv_text.split("\r\n")[1:] if line),
          "uppföljning: the file holds the chosen step only")
    k.logout()


def a_school_follows_up_about_itself(k):
    """A unit's Uppföljning is about its own steps, unless it asks for every
    step in the cases it sees; the numbers beside a chart fit beside it."""
    k.login(os.environ["KEDJA_TOKEN_SCHOOL"])
    k.go("/uppfoljning")
    whose = Select(k.driver.find_element(By.ID, "enhet"))
    check(whose.first_selected_option.get_attribute("value") == "school:ostersund",
          "uppföljning: a school sees its own steps first")
    check("Här räknas era egna steg" in k.text(), "uppföljning: the page says whose steps it counts")
    clipped = k.driver.execute_script(
        "return [...document.querySelectorAll('.chart-pair .scroll')]"
        ".filter(s => s.scrollWidth > s.clientWidth + 1).length")
    check(clipped == 0, f"uppföljning: every table beside a chart shows all its columns ({clipped} cut)")
    k.axe("school-uppfoljning-egna")
    whose.select_by_value("alla")
    k.submit(k.driver.find_element(By.XPATH, "//form[@action='/uppfoljning']//button[normalize-space()='Visa']"))
    check("enhet=alla" in k.driver.current_url, "uppföljning: every step chosen is in the URL: " + k.driver.current_url)
    check("Här räknas alla steg i de ärenden ni ser" in k.text(), "uppföljning: all steps, said so")
    k.axe("school-uppfoljning-alla")
    k.logout()


def a_post_without_csrf_is_refused(k, child):
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    _, before = k.api("GET", f"/v1/cases/{child}", os.environ["KEDJA_TOKEN_ADMIN"])
    status = k.raw_post(f"/arenden/{child}/handelser", {"type": "school_notified", "date": TODAY})
    check(status == 403, f"a POST without the CSRF token is 403, not {status}")
    _, after = k.api("GET", f"/v1/cases/{child}", os.environ["KEDJA_TOKEN_ADMIN"])
    check(len(after["events"]) == len(before["events"]), "the refused POST wrote nothing")
    k.go("/att-gora")
    k.axe("reception-efter-csrf")
    k.logout()


def a_script_tag_name_renders_as_text(k):
    k.new_child("<script>alert(1)</script>", "Skript", [
        {"type": "arrival_notice_received", "date": TODAY, "expected_arrival": "2026-12-07"}])
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    k.go("/att-gora?flik=snart&sortera=namn&ordning=fallande")
    try:
        alert = k.driver.switch_to.alert
        check(False, "a script-tag name ran as script: " + alert.text)
        alert.dismiss()
    except NoAlertPresentException:
        pass
    check("<script>alert(1)</script> Skript" in k.text(), "the script-tag name shows as text")
    k.logout()


def a_revoked_tokens_session_ends(k):
    k.login(os.environ["KEDJA_TOKEN_REVOKED"])
    check(k.driver.current_url.endswith("/att-gora"), "revoked: logged in first")
    result = subprocess.run([k.args.kedja, "--db", k.args.db, "--config", k.args.config, "token", "revoke",
                             "web-to-revoke"], capture_output=True, text=True)
    if not check(result.returncode == 0, f"kedja token revoke: {result.stderr}"):
        return
    k.go("/att-gora")
    check("/logga-in" in k.driver.current_url, "revoked: the session ended: " + k.driver.current_url)


def a_unit_subscribes_to_its_calendar(k):
    """Kalender (issue 16): a feed address made, shown once, copied, read, revoked."""
    k.login(os.environ["KEDJA_TOKEN_HC"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "nav.main a[href='/kalender']"))
    check("Från internet" in k.text(), "kalender: the Outlook instructions")
    k.axe("hc-kalender")
    date_input = k.driver.find_element(By.ID, "giltig-till")
    k.driver.execute_script("arguments[0].value = '2026-11-24';", date_input)
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Skapa kalenderadress']"))
    check("Sista dagen kan inte ligga före i dag" in k.text(), "kalender: a past last day is refused")
    focused = k.driver.switch_to.active_element.get_attribute("class") or ""
    check("error-summary" in focused, f"kalender: the keyboard starts at the errors ({focused!r})")
    k.axe("hc-kalender-fel")
    _, listed = k.api("GET", "/v1/tokens?limit=1000", os.environ["KEDJA_TOKEN_ADMIN"])
    check(not any(t["kind"] == "feed" for t in listed["items"]), "kalender: the refused form wrote nothing")
    k.driver.find_element(By.ID, "kalender-namn").send_keys("Outlook HC Östersund")
    k.driver.execute_script("arguments[0].value = '';", k.driver.find_element(By.ID, "giltig-till"))
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Skapa kalenderadress']"))
    field = k.driver.find_element(By.ID, "kalenderadress")
    address = field.get_attribute("value")
    focused = k.driver.switch_to.active_element.get_attribute("class") or ""
    check("new-secret" in focused, f"kalender: the keyboard starts at the new address ({focused!r})")
    check(address.startswith(k.base + "/v1/feeds/hc:ostersund.ics?token=kedja_"),
          f"kalender: the subscription address is shown: {address!r}")
    check(field.get_attribute("readonly") is not None, "kalender: the address field is read-only")
    copy = k.driver.find_element(By.XPATH, "//button[normalize-space()='Kopiera adressen']")
    check(copy.is_displayed(), "kalender: the script shows the copy button")
    copy.click()
    said = k.driver.find_element(By.ID, "kopierad").text
    check(said.startswith("Kopierat") or said.startswith("Markerat"),
          f"kalender: the copy button says what it did: {said!r}")
    k.axe("hc-kalender-ny")
    status, _, body = k.raw_get(address)
    check(status == 200 and body.startswith(b"BEGIN:VCALENDAR"), f"kalender: the address reads the feed ({status})")
    k.go("/kalender")
    check(not k.driver.find_elements(By.ID, "kalenderadress"), "kalender: the address is shown once")
    row = k.row_of("Outlook HC Östersund")
    if check(row is not None, "kalender: the new address is listed"):
        check("Gäller" in row.text, "kalender: listed as in force")
        k.submit(row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check("Återkalla kalenderadressen" in k.text(), "kalender: asked before revoking")
        k.axe("hc-kalender-fraga")
        k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Ja, återkalla']"))
        check("är återkallad" in k.text(), "kalender: revoked")
        k.axe("hc-kalender-aterkallad")
        status, _, _ = k.raw_get(address)
        check(status == 401, f"kalender: a revoked address is refused ({status})")
    k.logout()
    k.login(os.environ["KEDJA_TOKEN_COORDINATOR"])
    status, _, _ = k.raw_get(k.base + "/kalender")
    check(status == 403, f"kalender: the coordinator has none ({status})")
    check(not k.driver.find_elements(By.CSS_SELECTOR, "nav.main a[href='/kalender']"),
          "kalender: not in the coordinator's menu")
    k.logout()


def the_admin_makes_uses_and_revokes_a_token(k):
    """Administration (issue 14 §5): a token made for a person at a unit,
    shown once and copied, used to log in, then revoked."""
    k.login(os.environ["KEDJA_TOKEN_ADMIN"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "nav.main a[href='/administration']"))
    check("Regionens enheter" in k.text(), "administration: the region's units")
    k.axe("admin-administration")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Skapa nyckel']"))
    check("Välj en enhet ur listan" in k.text(), "administration: a token needs a unit")
    k.axe("admin-administration-fel")
    Select(k.driver.find_element(By.ID, "nyckel-enhet")).select_by_value("school:krokom")
    k.driver.find_element(By.ID, "nyckel-namn").send_keys("Lärare Krokom")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Skapa nyckel']"))
    secret = k.driver.find_element(By.ID, "ny-nyckel").get_attribute("value")
    check(secret.startswith("kedja_"), f"administration: the token is shown once: {secret[:6]!r}")
    copy = k.driver.find_element(By.XPATH, "//button[normalize-space()='Kopiera nyckeln']")
    check(copy.is_displayed(), "administration: the script shows the copy button")
    k.axe("admin-administration-ny")
    k.logout()
    k.login(secret)
    check("Grundskolan Krokom" in k.text(), "administration: the new token logs in as the unit")
    k.logout()
    k.login(os.environ["KEDJA_TOKEN_ADMIN"])
    k.go("/administration")
    check(not k.driver.find_elements(By.ID, "ny-nyckel"), "administration: the token is shown once")
    row = k.row_of("Lärare Krokom")
    if check(row is not None, "administration: the new token is listed"):
        k.submit(row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check("Återkalla nyckeln" in k.text(), "administration: asked before revoking")
        k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Ja, återkalla']"))
        check("är återkallad" in k.text(), "administration: revoked")
        status, _ = k.api("GET", "/v1/cases", secret)
        check(status == 401, f"administration: a revoked token is refused ({status})")
    k.logout()


def an_import_previewed_with_a_bad_row_fixed_then_confirmed(k):
    """Importera (issue 14 §4): the reception unit uploads an arrival list with
    a bad row, sees it in Swedish with nothing written, uploads the corrected
    file from the preview, confirms, and follows a link to a new case."""
    header = ("Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Hushåll;Kommun;"
              "Aviseringsdatum;Förväntat ankomstdatum\n")
    good = "WEB-IMP-1;Selam;Berhane;2017-03-09;K;tigrinja;HH-Berhane;Östersund;2026-11-24;2026-12-10\n"
    bad = "WEB-IMP-2;Yonas;Berhane;2015-02-30;M;tigrinja;HH-Berhane;Östersund;2026-11-24;2026-12-10\n"
    fixed = bad.replace("2015-02-30", "2015-02-28")
    paths = {}
    for name, text in (("med-fel", header + good + bad), ("rattad", header + good + fixed)):
        paths[name] = os.path.abspath(os.path.join(k.shots, f"ankomster-{name}.csv"))
        with open(paths[name], "wb") as out:
            out.write(text.encode("cp1252"))  # as Swedish Excel saves it
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "nav.main a[href='/importera']"))
    check("Importera ankomstlista" in k.text(), "importera: the page is in the reception's menu")
    k.axe("reception-importera")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Ladda upp och granska']"))
    check("Välj en CSV-fil att ladda upp." in k.text(), "importera: a file is needed")
    k.axe("reception-importera-ingen-fil")
    k.driver.find_element(By.ID, "fil").send_keys(paths["med-fel"])
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Ladda upp och granska']"))
    text = k.text()
    check("rad 3: Födelsedatum: ”2015-02-30” är inte ett datum" in text,
          f"importera: the bad row in Swedish: {text[:600]!r}")
    check("Windows-1252" in text, "importera: the encoding read is shown")
    check(not k.driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Importera ')]"),
          "importera: nothing to confirm while a row is bad")
    status, found = k.api("GET", "/v1/cases?external_ref=WEB-IMP-1", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and not found["items"], "importera: a preview writes nothing")
    k.axe("reception-importera-fel")
    k.driver.find_element(By.ID, "fil").send_keys(paths["rattad"])
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Ladda upp och granska']"))
    check("Selam Berhane" in k.text() and "Yonas Berhane" in k.text(), "importera: the preview lists both")
    k.axe("reception-importera-granska")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Importera 2 ärenden']"))
    check("2 ärenden skapades" in k.text(), f"importera: done: {k.text()[:300]!r}")
    k.axe("reception-importera-klar")
    k.submit(k.driver.find_element(By.LINK_TEXT, "Yonas Berhane"))
    check("Yonas" in k.text() and "Avisering mottagen" in k.text(), "importera: the link leads to the new case")
    status, found = k.api("GET", "/v1/cases?household=HH-Berhane", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and len(found["items"]) == 2, f"importera: two cases made: {found}")

def a_household_of_four_registered_in_one_submit_with_two_children_notified_in_one_more(k):
    """Ny ankomst and Hushåll (issue 14 §1–2): the reception unit registers a
    household of four in one form — a bad row first, named in Swedish with
    nothing written — then informs the health centre and the school of both
    children in one more submit, from the household's page."""
    people = [("Hanna", "Mekonnen", "1987-06-01", "K"), ("Dawit", "Mekonnen", "1984-02-11", "M"),
              ("Ruth", "Mekonnen", "2027-02-28", "K"), ("Abel", "Mekonnen", "2022-09-03", "M")]
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "nav.main a[href='/ny-ankomst']"))
    check("Ny ankomst" in k.text(), "ny ankomst: the page is in the reception's menu")
    k.axe("reception-ny-ankomst")

    def fill(field_id, value):
        element = k.driver.find_element(By.ID, field_id)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":
            k.driver.execute_script("arguments[0].value = arguments[1];", element, value)
        else:
            element.clear()
            element.send_keys(value)

    fill("hushall", "HH-Mekonnen")
    fill("sprak", "tigrinja")
    fill("ankomst", "2026-12-10")
    for row, (given, family, birth, sex) in enumerate(people, start=1):
        fill(f"p{row}-fornamn", given)
        fill(f"p{row}-efternamn", family)
        fill(f"p{row}-fodelsedatum", birth)
        fill(f"p{row}-kon", sex)
    # "Fler rader" posts the form: four more rows, every value kept, nothing written.
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Fler rader']"))
    check(k.driver.find_elements(By.ID, "p10-fornamn")
          and k.driver.find_element(By.ID, "p3-fornamn").get_attribute("value") == "Ruth"
          and k.driver.find_element(By.ID, "hushall").get_attribute("value") == "HH-Mekonnen",
          "ny ankomst: Fler rader adds rows and keeps what was typed")
    status, found = k.api("GET", "/v1/cases?household=HH-Mekonnen", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and not found["items"], "ny ankomst: Fler rader writes nothing")
    k.axe("reception-ny-ankomst-fler-rader")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Registrera hushållet']"))
    # A date field sends no impossible date; a birth date after today is the bad row.
    check("person 3: födelsedatum: får inte ligga efter i dag" in k.text(),
          f"ny ankomst: the bad row in Swedish: {k.text()[:600]!r}")
    status, found = k.api("GET", "/v1/cases?household=HH-Mekonnen", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and not found["items"], "ny ankomst: a bad row writes nothing")
    k.axe("reception-ny-ankomst-fel")
    fill("p3-fodelsedatum", "2015-02-28")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Registrera hushållet']"))
    check("Registrerat: 4 personer i hushåll HH-Mekonnen." in k.text(),
          f"ny ankomst: one submit registers four: {k.text()[:400]!r}")
    status, found = k.api("GET", "/v1/cases?household=HH-Mekonnen", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and len(found["items"]) == 4, f"ny ankomst: four cases made: {found}")
    k.axe("reception-hushall")
    boxes = k.driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name^='hc-'], "
                                   "input[type=checkbox][name^='skola-']")
    check(len(boxes) == 4 and not any(box.is_selected() for box in boxes),
          f"hushall: both children's same-day steps offered, none ticked before anyone ticks ({len(boxes)})")
    for box in boxes:  # by the keyboard: the box has focus, the space bar ticks it
        box.send_keys(Keys.SPACE)
    check(all(box.is_selected() for box in boxes), "hushall: the boxes are ticked by the keyboard")
    k.submit(k.driver.find_element(By.XPATH, "//form[.//input[starts-with(@name, 'hc-')]]//button"))
    check("Sparat för 4 händelser." in k.text(), f"hushall: one submit records four: {k.text()[:400]!r}")
    check("Samma dag: informera" not in k.text(), "hushall: the same-day steps are done")
    k.axe("reception-hushall-sparat")
    k.submit(k.driver.find_element(By.LINK_TEXT, "Ruth Mekonnen"))
    check("Hälsocentralen informerad" in k.text() and "Skolan informerad" in k.text(),
          "hushall: the child's case shows both events")
    check(k.driver.find_elements(By.CSS_SELECTOR, "a[href='/hushall?hushall=HH-Mekonnen']"),
          "arende: the case links to its household")
    k.logout()

def a_possible_duplicate_is_warned_and_confirmed(k):
    """Possible duplicates (issue 14 §3): registering Ruth Mekonnen, born
    2015-02-28, again (a new household) shows the case that matches and
    writes nothing; ticking "Det är en ny person" registers her."""
    k.login(os.environ["KEDJA_TOKEN_RECEPTION"])
    k.go("/ny-ankomst")
    k.driver.find_element(By.ID, "hushall").send_keys("HH-Ruth-2")
    k.driver.find_element(By.ID, "sprak").send_keys("tigrinja")
    k.driver.execute_script("arguments[0].value = '2026-12-10';", k.driver.find_element(By.ID, "ankomst"))
    k.driver.find_element(By.ID, "p1-fornamn").send_keys("Ruth")
    k.driver.find_element(By.ID, "p1-efternamn").send_keys("Mekonnen ")  # as pasted, with a space
    k.driver.execute_script("arguments[0].value = '2015-02-28';", k.driver.find_element(By.ID, "p1-fodelsedatum"))
    Select(k.driver.find_element(By.ID, "p1-kon")).select_by_value("K")
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Registrera hushållet']"))
    check("Kan vara personer som redan finns i Kedja" in k.text(),
          f"dubblett: the match is shown: {k.text()[:500]!r}")
    status, found = k.api("GET", "/v1/cases?household=HH-Ruth-2", os.environ["KEDJA_TOKEN_ADMIN"])
    check(status == 200 and not found["items"], "dubblett: nothing written before the answer")
    k.axe("reception-ny-ankomst-dubblett")
    box = k.driver.find_element(By.XPATH, "//label[contains(., 'Det är en ny person')]")
    box.click()
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Registrera hushållet']"))
    check("Registrerat: 1 person i hushåll HH-Ruth-2." in k.text(),
          f"dubblett: confirmed, registered: {k.text()[:400]!r}")
    k.logout()


def the_admin_checks_the_log(k, child):
    """Loggkontroll (issue 14 §6): the log extract of the child the reception
    unit and the health centre worked on in this test shows their reads, from
    their units, printable; a search by token and the month's sample of reads
    with its file. The audit rows are stamped by the clock, not KEDJA_TODAY."""
    now = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Stockholm")).date()
    period = {"fran": (now - datetime.timedelta(days=1)).isoformat(), "till": now.isoformat()}
    k.login(os.environ["KEDJA_TOKEN_ADMIN"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "nav.main a[href='/loggkontroll']"))
    k.axe("admin-loggkontroll")
    k.driver.find_element(By.ID, "nyckel").send_keys("web-hc")
    for name, value in period.items():
        k.driver.execute_script("arguments[0].value = arguments[1];", k.driver.find_element(By.ID, name), value)
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Sök']"))
    rows = k.driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    check(rows and all("Hälsocentralen Östersund" in r.text and "web-hc" in r.text for r in rows),
          f"loggkontroll: the health centre's rows, by its unit's name ({len(rows)} rows)")
    check(any(f"/arenden/{child}" in (a.get_attribute("href") or "")
              for a in k.driver.find_elements(By.CSS_SELECTOR, "tbody a")),
          "loggkontroll: a row links to the child's case")
    check(any("Registrerade händelse" in r.text and "Hälsosamtal bokat" in r.text for r in rows),
          "loggkontroll: the booking is named in Swedish")
    k.axe("admin-loggkontroll-sok")
    # The person's log extract, printable.
    k.submit(k.driver.find_element(By.LINK_TEXT, "Loggutdrag för en person"))
    k.driver.find_element(By.ID, "arende").send_keys(child)
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Visa loggutdrag']"))
    text = k.text()
    check("Nour Tesfay" in text, "utdrag: names the person")
    for unit, token, what in (("Mottagningsenheten Östersund", "web-reception", "Att göra-listan"),
                              ("Hälsocentralen Östersund", "web-hc", "Läste ärendet"),
                              ("Hälsocentralen Östersund", "web-hc", "Hälsosamtal bokat"),
                              ("Mottagningsenheten Östersund", "web-reception", "Hälsocentralen informerad")):
        check(any(unit in r.text and token in r.text and what in r.text
                  for r in k.driver.find_elements(By.CSS_SELECTOR, "tbody tr")),
              f"utdrag: {token} at {unit}: {what}")
    k.axe("admin-loggutdrag")
    k.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = [css for css in ("nav.main", "header.site", "form", "footer.site")
              if any(e.is_displayed() for e in k.driver.find_elements(By.CSS_SELECTOR, css))]
    check(not hidden, f"utdrag: printed without menus and forms ({hidden})")
    check(k.driver.find_element(By.CSS_SELECTOR, "table").is_displayed(), "utdrag: the rows are printed")
    k.driver.save_screenshot(os.path.join(k.shots, "admin-loggutdrag-utskrift.png"))
    k.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The sample of reads: a number of its own, the same rows again, a file.
    k.submit(k.driver.find_element(By.LINK_TEXT, "Stickprov"))
    k.axe("admin-stickprov-formular")
    for name, value in period.items():
        k.driver.execute_script("arguments[0].value = arguments[1];", k.driver.find_element(By.ID, name), value)
    k.submit(k.driver.find_element(By.XPATH, "//button[normalize-space()='Dra stickprov']"))
    url = k.driver.current_url
    check("urval=" in url, f"stickprov: the sample's number is in the address ({url})")
    first = [r.text for r in k.driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
    check(first and all("Läsning" in r for r in first), f"stickprov: reads only ({len(first)} rows)")
    k.axe("admin-stickprov")
    k.go(url.replace(k.base, ""))
    check([r.text for r in k.driver.find_elements(By.CSS_SELECTOR, "tbody tr")] == first,
          "stickprov: the same number draws the same rows")
    download = k.driver.find_element(By.LINK_TEXT, "Ladda ned (CSV)").get_attribute("href")
    status, headers, body = k.raw_get(download)
    csv_text = body.decode("utf-8", "replace")
    check(status == 200 and csv_text.startswith("\ufeffTid (svensk tid);") and
          len(csv_text.strip().split("\r\n")) == len(first) + 1,
          f"stickprov: the file is the sample ({status} {csv_text[:40]!r})")
    k.logout()
    k.login(os.environ["KEDJA_TOKEN_COORDINATOR"])
    status, _, _ = k.raw_get(k.base + "/loggkontroll/utdrag?arende=" + child)
    check(status == 403, f"loggkontroll: the coordinator is refused ({status})")
    k.logout()


def the_accessibility_statement_is_for_everyone(k):
    """Tillgänglighetsredogörelse (lag 2018:1937): from the login page's footer, without logging in."""
    k.driver.delete_all_cookies()
    k.go("/logga-in")
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "footer a[href='/tillganglighet']"))
    check("Tillgänglighetsredogörelse för Kedja" in k.text(), "tillganglighet: reached from the login page")
    check(k.driver.find_elements(By.CSS_SELECTOR, "a[href^='mailto:']"), "tillganglighet: a contact address")
    k.axe("tillganglighet")
    k.login(os.environ["KEDJA_TOKEN_SCHOOL"])
    k.submit(k.driver.find_element(By.CSS_SELECTOR, "footer a[href='/tillganglighet']"))
    check("Logga ut" in k.text() and "Rapportera brister" in k.text(), "tillganglighet: logged in, in the frame")
    k.axe("school-tillganglighet")
    k.logout()


def no_page_scrolls_sideways_on_a_narrow_screen(k, child):
    """WCAG 1.4.10 (reflow): at 320 CSS px a wide table scrolls inside its
    own focusable region; the page itself never scrolls sideways."""
    k.driver.set_window_size(320, 900)
    try:
        for token, paths in (("KEDJA_TOKEN_HC", ["/att-gora", "/arenden/" + child, "/kalender", "/uppfoljning"]),
                             ("KEDJA_TOKEN_RECEPTION", ["/importera", "/ny-ankomst", "/hushall?hushall=HH-Mekonnen"]),
                             ("KEDJA_TOKEN_ADMIN", ["/administration", "/oversikt", "/loggkontroll/utdrag?arende=" + child])):
            k.login(os.environ[token])
            for path in paths:
                k.go(path)
                wide, seen = k.driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                check(wide <= seen, f"narrow: {path} scrolls sideways ({wide} px in {seen})")
            k.logout()
    finally:
        k.driver.set_window_size(1366, 900)


def main():
    parser = argparse.ArgumentParser()
    for name in ("--base", "--axe", "--shots", "--kedja", "--db", "--config"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    k = Kedja(args)
    try:
        child = k.new_child("Nour", "Tesfay", [
            {"type": "arrival_notice_received", "date": TODAY, "expected_arrival": "2026-12-07"}])
        every_role_logs_in_and_every_page_passes_axe(k)
        reception_records_health_centre_informed(k, child)
        health_centre_does_the_chain(k, child)
        coordinator_sees_no_names(k)
        coordinator_follows_up(k)
        a_school_follows_up_about_itself(k)
        a_post_without_csrf_is_refused(k, child)
        a_script_tag_name_renders_as_text(k)
        a_unit_subscribes_to_its_calendar(k)
        the_admin_makes_uses_and_revokes_a_token(k)
        an_import_previewed_with_a_bad_row_fixed_then_confirmed(k)
        a_household_of_four_registered_in_one_submit_with_two_children_notified_in_one_more(k)
        a_possible_duplicate_is_warned_and_confirmed(k)
        the_admin_checks_the_log(k, child)
        the_accessibility_statement_is_for_everyone(k)
        no_page_scrolls_sideways_on_a_narrow_screen(k, child)
        if os.environ.get("KEDJA_TEST_REVOKE", "1") == "1":
            a_revoked_tokens_session_ends(k)
    finally:
        k.driver.quit()
    print(f"browser tests: {len(k.checked)} pages checked with axe-core, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
