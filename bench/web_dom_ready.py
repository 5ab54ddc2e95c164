#!/usr/bin/python3
"""Headless Chromium (Debian's, through chromedriver and python3-selenium)
logs in to a running Kedja and loads one page several times; prints the
median and slowest time to DOMContentLoaded (Navigation Timing:
domContentLoadedEventEnd - startTime) and to load, in ms.

Usage: web_dom_ready.py BASE_URL TOKEN PATH [RUNS]
  e.g. web_dom_ready.py http://127.0.0.1:18480 kedja_… '/att-gora?antal=100' 20
"""
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main():
    base, token, path = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1366,900", "--lang=sv-SE", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(base + "/logga-in")
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        driver.get(base + path)  # the first load fetches the stylesheet, cached after
        ready, loaded = [], []
        for _ in range(runs):
            driver.get(base + path)
            timing = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return [n.domContentLoadedEventEnd - n.startTime, n.loadEventEnd - n.startTime];")
            ready.append(timing[0])
            loaded.append(timing[1])
        rows = len(driver.find_elements(By.CSS_SELECTOR, "tbody tr"))
        print(f"Chromium, {path} ({rows} rows), {runs} loads: DOMContentLoaded median "
              f"{statistics.median(ready):.0f} ms (slowest {max(ready):.0f} ms), load median "
              f"{statistics.median(loaded):.0f} ms")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
