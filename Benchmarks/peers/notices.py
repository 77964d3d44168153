"""One timed run of N notices for D departments, grouped by department, to the local receiver
(Benchmarks/peers/receiver.py). Prints one line: `seconds notifications items`.

    python3 Benchmarks/peers/notices.py alertmanager --receiver PORT [--alerts N] [--departments D] [--bin B]
    python3 Benchmarks/peers/notices.py command --receiver PORT [--alerts N] [--departments D] -- CMD ARGS...

alertmanager: starts Alertmanager on 127.0.0.1 with a fresh storage folder and a config with one
route (group_by [department], group_wait 0s, group_interval 1s) to a webhook at the receiver, waits
until it is ready, then from the first POST sends the N alerts (labels alertname, department, task)
to /api/v2/alerts in batches, and waits until the receiver has notifications covering all D
groups and all N alerts. The time is from the first POST to the last notification received.
command: the same clock around a command (duban's grouped digests): from its start to the
last notification received once the receiver has all D groups and N notices.
Gives up after --timeout seconds (prints `timeout`).
"""
import argparse
import datetime
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CONFIG = """\
route:
  receiver: peers
  group_by: [department]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 24h
receivers:
  - name: peers
    webhook_configs:
      - url: http://127.0.0.1:{port}/alertmanager
        send_resolved: false
        max_alerts: 0
"""


def receiver(port, method, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def wait_complete(port, alerts, departments, deadline):
    while time.time() < deadline:
        stats = receiver(port, "GET", "/stats")
        if stats["unique"] >= alerts and stats["groups"] >= departments:
            return stats
        time.sleep(0.005)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def department(n, departments):
    return f"dept-{n % departments + 1:02d}"


def run_alertmanager(args):
    folder = tempfile.mkdtemp(prefix="peers-am-")
    port, cluster = free_port(), free_port()
    with open(os.path.join(folder, "alertmanager.yml"), "w") as f:
        f.write(CONFIG.format(port=args.receiver))
    log = open(os.path.join(folder, "log"), "w")
    process = subprocess.Popen(
        [args.bin, f"--config.file={folder}/alertmanager.yml", f"--storage.path={folder}/data",
         f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        ready = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.time() > ready:
                    sys.exit(f"alertmanager did not start: {open(log.name).read()[-2000:]}")
                time.sleep(0.05)
        receiver(args.receiver, "POST", "/reset")
        starts = datetime.datetime.now(datetime.timezone.utc).isoformat()
        batches = []
        for first in range(0, args.alerts, args.batch):
            batches.append(json.dumps([
                {"labels": {"alertname": "DeadlineMissed", "department": department(n, args.departments),
                            "task": f"t{n + 1}"},
                 "annotations": {"summary": f"task t{n + 1} is overdue"}, "startsAt": starts}
                for n in range(first, min(first + args.batch, args.alerts))]).encode())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.time()
        for body in batches:
            connection.request("POST", "/api/v2/alerts", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                sys.exit(f"alertmanager answered {response.status}")
        posted = time.time() - start
        stats = wait_complete(args.receiver, args.alerts, args.departments, start + args.timeout)
        report(stats, start, f"posted in {posted:.3f} s")
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def run_command(args):
    receiver(args.receiver, "POST", "/reset")
    start = time.time()
    result = subprocess.run(args.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args.command)} failed ({result.returncode}):\n{result.stdout[-2000:]}")
    stats = wait_complete(args.receiver, args.alerts, args.departments, start + args.timeout)
    report(stats, start, result.stdout.strip().replace("\n", " / "))


def report(stats, start, note):
    if stats is None:
        print("timeout")
    else:
        print(f'{stats["last"] - start:.3f} {stats["notifications"]} {stats["items"]} {note}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["alertmanager", "command"])
    parser.add_argument("--receiver", type=int, required=True, help="the receiver's port")
    parser.add_argument("--alerts", type=int, default=10000)
    parser.add_argument("--departments", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--bin", default=shutil.which("prometheus-alertmanager") or "alertmanager")
    argv = sys.argv[1:]
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.command = command
    if args.mode == "alertmanager":
        run_alertmanager(args)
    else:
        if not args.command:
            sys.exit("command: give the command after --")
        run_command(args)


if __name__ == "__main__":
    main()
