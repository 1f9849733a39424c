#!/usr/bin/env python3
"""Resident memory of scamguardd after calls come and go (issue 12.8).

Starts the daemon on a free port with a fresh database; from WORKERS concurrent keep-alive
clients opens CALLS calls with TURNS turns each (all open at once), then closes them all;
waits SETTLE seconds, and prints VmRSS and VmHWM of the daemon at each step. ROUNDS repeats
the open-all / close-all burst, to show whether RSS ratchets up.

  bench/load/rss.py [build-dir] [calls] [workers]
  bench/load/rss.py build/dev 10000 64
"""
import http.client, json, os, subprocess, sys, tempfile, threading, time

build = sys.argv[1] if len(sys.argv) > 1 else "build/dev"
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 64
turns = int(os.environ.get("TURNS", "3"))
settle = float(os.environ.get("SETTLE", "15"))
binary = os.environ.get("SCAMGUARDD", os.path.join(build, "apps/scamguardd/scamguardd"))

def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields

with tempfile.TemporaryDirectory() as work:
    ready = os.path.join(work, "port")
    daemon = subprocess.Popen([binary, "--listen", "127.0.0.1:0", "--db", os.path.join(work, "calls.db"),
                               "--ready-file", ready, "--pattern-cache", os.environ.get("PATTERN_CACHE", os.path.join(work, "cache"))],
                              stderr=subprocess.DEVNULL)
    for _ in range(1200):
        if os.path.exists(ready) and open(ready).read().strip():
            break
        time.sleep(0.1)
    port = int(open(ready).read())
    print(f"# {binary}: {calls} calls x {turns} turns, {workers} clients")
    print("start", memory(daemon.pid))
    def run(label, job):
        counter = iter(range(calls))
        lock = threading.Lock()
        def loop():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            def post(path, body):
                conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                return response.status
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                job(post, n)
        started = time.time()
        threads = [threading.Thread(target=loop) for _ in range(workers)]
        for thread in threads: thread.start()
        for thread in threads: thread.join()
        print(f"{label} ({time.time() - started:.1f} s)", memory(daemon.pid), flush=True)

    def open_call(post, n):
        call_id = f"rss-{round_number}-{n}"
        assert post("/v1/calls", {"id": call_id, "caller": "+61412345678", "ingress": "international"}) == 201
        for t in range(turns):
            post(f"/v1/calls/{call_id}/turns", {"speaker": "remote", "text": f"please install anydesk now {t} {n}"})

    def close_call(post, n):
        assert post(f"/v1/calls/rss-{round_number}-{n}/close", {"reason": "hangup"}) == 200

    for round_number in range(int(os.environ.get("ROUNDS", "2"))):
        run(f"round {round_number + 1}: {calls} open", open_call)
        run(f"round {round_number + 1}: all closed", close_call)
        time.sleep(settle)
        print(f"round {round_number + 1}: {settle:.0f} s later", memory(daemon.pid), flush=True)
    daemon.terminate()
    daemon.wait()
