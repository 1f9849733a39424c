#!/usr/bin/python3
"""The analyst console in a real browser (CTest label `browser`, docs/console.md).

Starts the built scamguardd on a free loopback port with auth on and a temp SQLite database,
feeds golden calls through the HTTP API (two readings of one scam script, which become a
campaign; a legit call; a scam call and a legit call left open), then drives headless
Chromium through Selenium over every page: the token form, the live list and its filter and
live update, one call with its findings and the risk chart's data points (read from the
page's own JavaScript and compared with the API), the symbol a finding links to, the
campaigns, one campaign and its printable case report. Each page is saved as a PNG in --out.

    tests/browser/console_test.py --daemon build/dev/apps/scamguardd/scamguardd --out DIR

Needs Debian's chromium, chromium-driver and python3-selenium (.ci/install-deps.sh).
"""

import argparse
import hashlib
import json
import os
import pathlib
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as error:  # a clear failure, not a skip: CI must run this test
    sys.exit(f"console_test: python3-selenium is needed ({error}); see .ci/install-deps.sh")

ROOT = pathlib.Path(__file__).resolve().parents[2]
CALLS = ROOT / "tests" / "calls"
READ_TOKEN = "console-test-read-token"
WRITE_TOKEN = "console-test-write-token"
WAIT = 20  # seconds any page may take to show what is checked


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def parse_call(path):
    """The events of a .call file, in order: ("setup", obj), ("turn", obj), ("event", obj)."""
    events = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("setup "):
            events.append(("setup", json.loads(line[6:])))
        elif line.startswith("turn "):
            speaker, text = line[5:].split(" ", 1)
            events.append(("turn", {"speaker": speaker, "text": json.loads(text)}))
        elif line.startswith("event "):
            events.append(("event", json.loads(line[6:])))
    return events


class Api:
    def __init__(self, base):
        self.base = base

    def request(self, method, path, body=None, token=WRITE_TOKEN, accept="application/json"):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + token)
        req.add_header("Accept", accept)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                text = response.read().decode()
                return json.loads(text) if accept == "application/json" else text
        except urllib.error.HTTPError as error:
            raise Failure(f"{method} {path}: {error.code} {error.read().decode()}") from None

    def feed(self, call_id, events, close=True):
        """Opens call_id and sends every event; closes it unless close is False."""
        setup = dict(next((body for kind, body in events if kind == "setup"), {}))
        setup["id"] = call_id
        self.request("POST", "/v1/calls", setup)
        for kind, body in events:
            if kind == "turn":
                self.request("POST", f"/v1/calls/{call_id}/turns", body)
            elif kind == "event":
                self.request("POST", f"/v1/calls/{call_id}/events", body)
        if close:
            self.request("POST", f"/v1/calls/{call_id}/close", {"reason": "hangup"})


class Daemon:
    def __init__(self, binary, work):
        self.work = work
        tokens = work / "tokens.toml"
        tokens.write_text("".join(
            f'[[token]]\nname = "{name}"\nscope = "{scope}"\n'
            f'sha256 = "{hashlib.sha256(token.encode()).hexdigest()}"\n'
            for name, scope, token in [("analyst", "read", READ_TOKEN),
                                       ("feeder", "write", WRITE_TOKEN)]))
        config = work / "scamguardd.toml"
        config.write_text('[server]\nauth_tokens = "tokens.toml"\n[log]\naccess = "off"\n')
        ready = work / "ready"
        self.log = open(work / "scamguardd.log", "w")
        args = [binary, "--config", str(config), "--listen", "127.0.0.1:0",
                "--db", str(work / "calls.db"), "--ready-file", str(ready),
                "--pattern-cache", str(work / "pattern-cache")]
        print("+", " ".join(shlex.quote(a) for a in args), flush=True)
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while not ready.exists() or not ready.read_text().strip():
            if self.process.poll() is not None or time.time() > deadline:
                raise Failure("scamguardd did not start: " + (work / "scamguardd.log").read_text())
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{int(ready.read_text())}"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def browser(work):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("SCAMGUARD_CHROMIUM", "/usr/bin/chromium")
    # Headless Chromium as root needs no sandbox; /dev/shm is small in containers.
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--window-size=1360,1000", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = os.environ.get("SCAMGUARD_CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(driver, log_path=str(work / "chromedriver.log"))  # Debian 12: Selenium 4.8
    return webdriver.Chrome(service=service, options=options)


def wait_for(driver, what, predicate, timeout=WAIT):
    try:
        return WebDriverWait(driver, timeout).until(lambda d: predicate(d))
    except Exception:
        raise Failure(f"{driver.current_url}: {what} did not show within {timeout} s; status: "
                      + driver.find_element(By.ID, "status").text) from None


def page_errors(driver):
    """Console errors the page logged (a CSP refusal, a script error)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


def screenshot(driver, out, name, max_height=2200):
    # The page down to max_height, not only the window: grow the window to the document.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1360, min(max(height + 40, 700), max_height))
    path = out / name
    driver.save_screenshot(str(path))
    driver.set_window_size(1360, 1000)
    print("saved", path, flush=True)


def run(args):
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="scamguard-console-"))
    daemon = Daemon(args.daemon, work)
    driver = None
    try:
        api = Api(daemon.base)
        scam = parse_call(CALLS / "scam" / "amazon_cashback_anydesk_fee.call")
        legit = parse_call(CALLS / "legit" / "courier_delivery.call")
        live_scam = parse_call(CALLS / "scam" / "microsoft_virus_teamviewer.call")
        # Two readings of one script, closed: the campaign tracker links them.
        api.feed("scam-amazon-1", scam)
        api.feed("scam-amazon-2", scam)
        api.feed("legit-courier", legit)
        # Left open for the live list: a scam call part-way through, and a legit call.
        api.feed("live-microsoft", live_scam[:3], close=False)
        api.feed("live-courier", legit[:3], close=False)

        deadline = time.time() + WAIT
        while api.request("GET", "/v1/campaigns", token=READ_TOKEN)["total"] < 1:
            check(time.time() < deadline, "no campaign was formed from the two scam calls")
            time.sleep(0.2)
        campaign = api.request("GET", "/v1/campaigns", token=READ_TOKEN)["campaigns"][0]
        campaign_id = campaign["campaign"]
        check(campaign["calls"] == 2,
              f"campaign {campaign_id} has {campaign['calls']} calls, not 2")

        driver = browser(work)
        base = daemon.base

        # --- the token: the page asks for it when the API says 401, keeps it in the session.
        driver.get(base + "/")
        wait_for(driver, "the token form", lambda d: d.find_elements(By.ID, "token-input")
                 and d.find_element(By.ID, "token-input").is_displayed())
        driver.find_element(By.ID, "token-input").send_keys(READ_TOKEN)
        driver.find_element(By.CSS_SELECTOR, "#token-form button").click()
        wait_for(driver, "the live calls", lambda d: len(
            d.find_elements(By.CSS_SELECTOR, "#live-calls tbody tr")) == 2)
        check(driver.execute_script("return sessionStorage.getItem('scamguard.token')")
              == READ_TOKEN, "the token is not kept in sessionStorage")
        page_errors(driver)  # the 401s that asked for the token; from here on, none

        # --- live calls: newest first, caller, claimed brand, action, score.
        rows = driver.find_elements(By.CSS_SELECTOR, "#live-calls tbody tr")
        ids = [row.get_attribute("data-call") for row in rows]
        check(ids == ["live-courier", "live-microsoft"], f"live list not newest first: {ids}")
        scam_row = rows[1]
        live_api = api.request("GET", "/v1/calls/live-microsoft", token=READ_TOKEN)
        check(scam_row.get_attribute("data-action") == live_api["action"] != "allow",
              f"the open scam call shows {scam_row.get_attribute('data-action')}, "
              f"the API says {live_api['action']}")
        check("microsoft" in scam_row.find_element(By.CLASS_NAME, "brand").text.lower(),
              "the claimed brand is not shown: " + scam_row.text)
        check(live_api["setup"]["caller"] in scam_row.text, "the caller is not shown")
        check(scam_row.find_element(By.CLASS_NAME, "score").text == f"{live_api['score']:.1f}",
              "the score shown is not the API's")
        check(rows[0].get_attribute("data-action") == "allow", "the legit open call is not allow")

        # Updating live: a turn added now changes the row without a reload.
        before = scam_row.get_attribute("data-action")
        for kind, body in live_scam[3:]:
            path = "turns" if kind == "turn" else "events"
            api.request("POST", f"/v1/calls/live-microsoft/{path}", body)
        after_api = api.request("GET", "/v1/calls/live-microsoft", token=READ_TOKEN)
        wait_for(driver, "the live update", lambda d: d.find_element(
            By.CSS_SELECTOR, "tr[data-call='live-microsoft'] .score").text
            == f"{after_api['score']:.1f}")
        api.feed("live-new", legit[:1], close=False)
        wait_for(driver, "a call opened after the page loaded", lambda d: d.find_elements(
            By.CSS_SELECTOR, "tr[data-call='live-new']"))
        print(f"live row went {before} -> {after_api['action']} without a reload", flush=True)

        # The recent calls below the live list, closed ones included.
        wait_for(driver, "the recent calls", lambda d: {"scam-amazon-1", "legit-courier"} <= {
            a.text for a in d.find_elements(By.CSS_SELECTOR, "#recent-calls tbody a")})
        screenshot(driver, out, "live.png")

        # Filter by action, kept in the address.
        Select(driver.find_element(By.ID, "action-filter")).select_by_value(after_api["action"])
        wait_for(driver, "the filter", lambda d: [r.get_attribute("data-call") for r in
                 d.find_elements(By.CSS_SELECTOR, "#live-calls tbody tr")] == ["live-microsoft"])
        check(driver.current_url.endswith("/?action=" + after_api["action"]),
              "the filter is not in the address: " + driver.current_url)

        # --- one call: findings per turn, reason, the chart's data points.
        driver.get(base + "/calls/scam-amazon-1")
        wait_for(driver, "the call", lambda d: d.find_element(By.TAG_NAME, "body")
                 .get_attribute("data-loaded") == "true")
        record = api.request("GET", "/v1/calls/scam-amazon-1", token=READ_TOKEN)
        timeline = api.request("GET", "/v1/calls/scam-amazon-1/timeline", token=READ_TOKEN)
        check(driver.find_element(By.CSS_SELECTOR, "#call-action .badge").text.lower()
              == "block", "the call's warning is not shown as block")
        reason = driver.find_element(By.ID, "call-reason").text
        check(reason and reason == timeline["verdict"]["reason"], f"reason shown: {reason!r}")
        tool = driver.find_element(By.CSS_SELECTOR,
                                   "#turn-4 .finding[data-symbol='REMOTE_TOOL_NAMED']")
        check("tool=anydesk" in tool.text, "turn 4's finding lacks its evidence: " + tool.text)
        shown = {f.get_attribute("data-symbol")
                 for f in driver.find_elements(By.CSS_SELECTOR, ".finding")}
        stored = {f["symbol"] for f in record["findings"]}
        check(shown == stored, f"findings shown {sorted(shown)} != stored {sorted(stored)}")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#turns .event")) == 2,
              "the two device events are not shown")
        chart = driver.execute_script("return window.riskData")
        expected = [p["score"] for p in timeline["points"]]
        check(chart["scores"] == expected, f"chart scores {chart['scores']} != API {expected}")
        check(len(expected) == 1 + len(record["turns"]) + len(record["events"]),
              "the chart does not have a point per step")
        check(chart["warn"] == timeline["warn_score"] and chart["block"] == timeline["block_score"],
              "the warn and block lines are not the thresholds")
        drawn = driver.execute_script(
            "return Chart.getChart(document.getElementById('risk-chart')).data.datasets[0].data")
        check(drawn == expected, "Chart.js was not given the scores")
        stages = {m["stage"] for m in chart["stages"]}
        check({"impersonation", "remote_access", "payment"} <= stages, f"stage markers: {stages}")
        check(max(expected) >= timeline["block_score"], "the chart never reaches block")
        screenshot(driver, out, "call.png")

        # A finding links to its symbol's description.
        tool.find_element(By.CSS_SELECTOR, "a.symbol").click()
        wait_for(driver, "the symbol row", lambda d: d.find_elements(
            By.CSS_SELECTOR, "tr.target#REMOTE_TOOL_NAMED"))
        check(driver.current_url.endswith("/symbols#REMOTE_TOOL_NAMED"), driver.current_url)
        catalogue = api.request("GET", "/v1/symbols", token=READ_TOKEN)
        symbol = next(s for s in catalogue["symbols"] if s["symbol"] == "REMOTE_TOOL_NAMED")
        row = driver.find_element(By.ID, "REMOTE_TOOL_NAMED")
        check(symbol["description"] in row.text and symbol["stage"] in row.text,
              "the symbol's description or stage is missing: " + row.text)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#symbols tbody tr"))
              == len(catalogue["symbols"]), "not every symbol is listed")
        driver.execute_script(
            "document.getElementById('REMOTE_TOOL_NAMED').scrollIntoView({block: 'center'})")
        screenshot(driver, out, "symbols.png", max_height=1000)  # the row the link marked

        # --- the legit call: allowed, and said so.
        driver.get(base + "/calls/legit-courier")
        wait_for(driver, "the legit call", lambda d: d.find_element(By.TAG_NAME, "body")
                 .get_attribute("data-loaded") == "true")
        check(driver.find_element(By.CSS_SELECTOR, "#call-action .badge").text.lower() == "allow",
              "the legit call is not shown as allow")

        # --- campaigns.
        driver.get(base + "/campaigns")
        wait_for(driver, "the campaign list", lambda d: d.find_elements(
            By.CSS_SELECTOR, f"tr[data-campaign='{campaign_id}']"))
        row = driver.find_element(By.CSS_SELECTOR, f"tr[data-campaign='{campaign_id}']")
        check("amazon" in row.find_element(By.CLASS_NAME, "brands").text, "brand not listed")
        check("anydesk" in row.find_element(By.CLASS_NAME, "remote").text, "remote tool not listed")
        screenshot(driver, out, "campaigns.png")

        driver.get(base + "/campaigns/" + campaign_id)
        wait_for(driver, "the campaign", lambda d: d.find_element(By.TAG_NAME, "body")
                 .get_attribute("data-loaded") == "true")
        calls = {r.get_attribute("data-call") for r in
                 driver.find_elements(By.CSS_SELECTOR, "#campaign-calls tbody tr")}
        check(calls == {"scam-amazon-1", "scam-amazon-2"}, f"campaign calls: {calls}")
        volume = driver.execute_script("return window.volumeData")
        check(sum(volume["calls"]) == 2, f"calls-per-day chart: {volume}")
        summary = driver.find_element(By.ID, "campaign-summary").text
        check("amazon" in summary and "anydesk" in summary, "summary: " + summary)
        report = api.request("GET", f"/v1/campaigns/{campaign_id}/report", token=READ_TOKEN)
        # "a free gift from amazon" is not a gift card.
        check("gift_card" not in report["indicators"], f"indicators: {report['indicators']}")
        check(any("same script" in line for line in
                  [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#campaign-links li")]),
              "the script link is not explained in words")
        screenshot(driver, out, "campaign.png")

        # The printable case report, fetched with the token and opened from memory.
        main_window = driver.current_window_handle
        driver.find_element(By.ID, "open-report").click()
        WebDriverWait(driver, WAIT).until(ec.number_of_windows_to_be(2))
        driver.switch_to.window([h for h in driver.window_handles if h != main_window][0])
        wait_for(driver, "the printable report", lambda d: "Summary" in d.page_source)
        text = driver.find_element(By.TAG_NAME, "body").text
        check("Generated " in text and "scamguard " in text, "no generation time or version")
        check("download one application any desk" in text, "no excerpt around the finding")
        check("149 dollars" in text, "the money is not in the report")
        screenshot(driver, out, "report.png")
        driver.close()
        driver.switch_to.window(main_window)

        errors = page_errors(driver)
        check(not errors, "the pages logged errors: " + "\n".join(errors))
        print("console_test: every page shows what the API holds", flush=True)
    finally:
        if driver:
            driver.quit()
        daemon.stop()
    shutil.rmtree(work)  # kept when the test failed: its scamguardd.log says why


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--daemon", required=True, help="the scamguardd binary")
    parser.add_argument("--out", required=True, help="where the screenshots go")
    args = parser.parse_args()
    try:
        run(args)
    except Failure as failure:
        print("console_test: FAILED:", failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
