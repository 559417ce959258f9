"""A participant's journey in a real browser (chromium + chromedriver through Selenium), on a running `rueda serve`.

Open the personal link, mark a candidate as must-meet and see it stored (read back from PostgreSQL); after the
organiser matches, solves and publishes through the API, see the agenda, download the .ics (read by Python's
icalendar) and follow the calendar feed; then check that the participant's agenda page and the exported HTML agenda
fit an A4 page in print and a 390 px phone screen. Exits non-zero with the failed check's reason.

Environment: RUEDA_SERVICE_URL, RUEDA_SERVICE_KEY, RUEDA_PUBLISHED_EVENT, RUEDA_OPEN_EVENT, RUEDA_INVITES_OPEN,
RUEDA_SCREENSHOTS (folder for the screenshots and the A4 PDF), DATABASE_URL (for psql).
"""

import base64
import csv
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

import icalendar
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = os.environ["RUEDA_SERVICE_URL"]
KEY = os.environ["RUEDA_SERVICE_KEY"]
OPEN_EVENT = os.environ["RUEDA_OPEN_EVENT"]
SHOTS = os.environ["RUEDA_SCREENSHOTS"]
# A4 portrait less the 14 mm margins of the agenda's @page rule, in CSS pixels (96 per inch).
A4_CONTENT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)
PHONE_WIDTH = 390


def check(condition, message):
    if not condition:
        print(f"browser journey: FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def api(method, path, body=None, raw=False):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {KEY}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        payload = response.read()
    return payload.decode() if raw else json.loads(payload)


def sql(query, *args):
    """One value from PostgreSQL through psql, with the arguments passed as psql variables (quoted by psql)."""
    command = ["psql", os.environ["DATABASE_URL"], "-Atq", "-v", "ON_ERROR_STOP=1"]
    for index, value in enumerate(args):
        command += ["-v", f"a{index}={value}"]
    result = subprocess.run(command, input=query, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=es"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def viewport(driver, width, height=900, mobile=False, media=""):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile},
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def overflow(driver):
    """Elements whose right edge passes the viewport, and how far the page scrolls sideways."""
    return driver.execute_script(
        """
        const width = document.documentElement.clientWidth;
        const cut = [];
        for (const element of document.querySelectorAll('body *')) {
            const box = element.getBoundingClientRect();
            if (box.width > 0 && box.right > width + 0.5) cut.push(element.tagName + ': ' +
                (element.textContent || '').trim().slice(0, 40));
        }
        return {scroll: document.documentElement.scrollWidth - width, cut: cut.slice(0, 5)};
        """
    )


def fits(driver, name, width, mobile, media):
    viewport(driver, width, mobile=mobile, media=media)
    driver.refresh()
    result = overflow(driver)
    check(result["scroll"] <= 0 and not result["cut"], f"{name} overflows {width} px ({media or 'screen'}): {result}")


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, name))


def main():
    driver = browser()
    try:
        journey(driver)
    finally:
        driver.quit()
    print(f"browser journey: passed; screenshots in {SHOTS}", file=sys.stderr)


def journey(driver):
    with open(os.environ["RUEDA_INVITES_OPEN"], encoding="utf-8-sig") as file:
        invites = list(csv.DictReader(file))
    check(invites, "the open round has no invites")

    # A participant with candidates opens its personal link.
    chosen = None
    for invite in invites:
        driver.delete_all_cookies()
        driver.get(invite["link"])
        check(driver.current_url.rstrip("/").endswith("/p"), f"the link did not open the home page: {driver.current_url}")
        driver.get(BASE + "/p/candidates")
        if driver.find_elements(By.CSS_SELECTOR, "button[data-level='must']"):
            chosen = invite
            break
    check(chosen is not None, "no participant of the open round has candidates")
    nit = chosen["nit"]
    driver.get(BASE + "/p")
    check(chosen["name"] in driver.page_source, "the home page does not name the participant's company")
    shot(driver, "participant-home.png")

    # It marks its first candidate as must-meet; the page shows the choice and PostgreSQL holds it.
    driver.get(BASE + "/p/candidates")
    card = driver.find_elements(By.CSS_SELECTOR, "li.card")[0]
    counterpart = card.get_attribute("id")[1:]
    card.find_element(By.CSS_SELECTOR, "button[data-level='must']").click()
    check(driver.current_url.endswith("/p/candidates"), f"after choosing, the browser is at {driver.current_url}")
    card = driver.find_element(By.ID, "c" + counterpart)
    check(
        card.find_elements(By.CSS_SELECTOR, "button.chosen[data-level='must']"),
        "the candidate page does not show the must-meet choice",
    )
    level = sql(
        "SELECT r.level FROM meeting_request r JOIN event e ON e.id = r.event_id "
        "JOIN company f ON f.id = r.from_company_id JOIN company t ON t.id = r.to_company_id "
        "WHERE e.code = :'a0' AND f.nit = :'a1' AND t.nit = :'a2'",
        OPEN_EVENT, nit.split("-")[0].replace(".", ""), counterpart.split("-")[0].replace(".", ""),
    )
    check(level == "must", f"PostgreSQL holds '{level}' for the request, not 'must'")
    shot(driver, "participant-candidates.png")

    # The organiser matches, solves and publishes the round through the API.
    api("POST", f"/api/v1/events/{OPEN_EVENT}/match-runs", {})
    version = api("POST", f"/api/v1/events/{OPEN_EVENT}/schedules", {"timeLimitSeconds": 2, "seed": 1})["version"]
    api("POST", f"/api/v1/events/{OPEN_EVENT}/schedules/{version}/publish")
    detail = api("GET", f"/api/v1/events/{OPEN_EVENT}/schedules/{version}?company={nit}")
    meetings = [a for a in detail["appointments"] if nit in (a["buyer"], a["supplier"])]
    check(meetings, "the participant has no meeting in the published schedule")

    # The agenda page lists every meeting; the .ics download and the feed hold the same events.
    driver.get(BASE + "/p/agenda")
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.meeting")
    check(len(rows) == len(meetings), f"the agenda page shows {len(rows)} meetings, the schedule {len(meetings)}")
    for meeting in meetings:
        other = meeting["supplierName"] if meeting["buyer"] == nit else meeting["buyerName"]
        check(other in driver.page_source, f"the agenda page does not name {other}")
    shot(driver, "participant-agenda.png")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(BASE + "/p/agenda.ics", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        check("attachment" in response.headers.get("Content-Disposition", ""), "the .ics is not a download")
        downloaded = icalendar.Calendar.from_ical(response.read())
    events = [c for c in downloaded.walk("VEVENT")]
    check(len(events) == len(meetings), f"the .ics holds {len(events)} events, the schedule {len(meetings)}")
    feed = driver.find_element(By.CSS_SELECTOR, "a[href*='/cal/']").get_attribute("href")
    with urllib.request.urlopen(feed) as response:
        subscribed = icalendar.Calendar.from_ical(response.read())
    check(
        sorted(str(e["UID"]) for e in subscribed.walk("VEVENT")) == sorted(str(e["UID"]) for e in events),
        "the calendar feed and the download disagree on the meetings' UIDs",
    )

    # The participant's agenda page fits an A4 page in print and a phone's screen.
    fits(driver, "the agenda page", A4_CONTENT_WIDTH, False, "print")
    fits(driver, "the agenda page", PHONE_WIDTH, True, "")
    shot(driver, "participant-agenda-phone.png")
    viewport(driver, 1280)

    # The exported HTML agenda (what an organiser e-mails or prints) does too, e-mail addresses included.
    html = api("GET", f"/api/v1/events/{OPEN_EVENT}/agendas/{nit}?format=html", raw=True)
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as file:
        file.write(html)
        exported = file.name
    driver.get("file://" + exported)
    fits(driver, "the exported agenda", A4_CONTENT_WIDTH, False, "print")
    fits(driver, "the exported agenda", PHONE_WIDTH, True, "")
    shot(driver, "exported-agenda-phone.png")
    viewport(driver, 1280)
    driver.refresh()
    pdf = base64.b64decode(
        driver.execute_cdp_cmd(
            "Page.printToPDF",
            {"paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4, "preferCSSPageSize": True, "printBackground": True},
        )["data"]
    )
    os.makedirs(SHOTS, exist_ok=True)
    pdf_path = os.path.join(SHOTS, "exported-agenda-a4.pdf")
    with open(pdf_path, "wb") as file:
        file.write(pdf)
    text = subprocess.run(["pdftotext", "-raw", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    emails = [e for e in (m.get("email", "") for m in company_contacts(meetings, nit)) if e]
    for email in emails:
        check(email in flat, f"the A4 PDF does not show {email} whole")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf_path,
         os.path.join(SHOTS, "exported-agenda-a4")],
        check=True,
    )
    os.unlink(exported)


def company_contacts(meetings, nit):
    """The counterparts' stored contact data, from the API's company directory."""
    others = {m["supplier"] if m["buyer"] == nit else m["buyer"] for m in meetings}
    return [api("GET", f"/api/v1/companies/{other}") for other in sorted(others)]


if __name__ == "__main__":
    main()
