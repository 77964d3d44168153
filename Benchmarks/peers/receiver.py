"""A tiny local webhook receiver for Benchmarks/peers.sh: counts notifications and the alerts or
tasks they carry, by group, and answers 200 at once. It verifies no signature.

    python3 Benchmarks/peers/receiver.py [--port 0]     # prints "PORT n" when listening

POST /alertmanager   Alertmanager's webhook JSON: {"groupLabels": {...}, "alerts": [{"labels": {...}}]}
POST /<anything>     duban's generic webhook JSON: {"type", "timestamp", "data": {"department", "facts": {"tasks": [...]}}}
                     (Standard Webhooks headers; a long digest comes in parts, only the first with facts)
GET  /stats          {"notifications", "items", "unique", "groups", "first", "last"} (times: time.time())
POST /reset          forgets everything
"""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {}


def reset():
    with lock:
        state.update(notifications=0, items=0, unique=set(), groups=set(), first=None, last=None)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as both senders use
    # The head and the body go out in two writes; with Nagle's algorithm the body waits for the
    # sender's delayed ACK (40 ms) on a kept-alive connection, which would time the receiver.
    disable_nagle_algorithm = True

    def reply(self, body=b"", status=200):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/stats":
            return self.reply(b"{}", 404)
        with lock:
            body = {k: (len(v) if isinstance(v, set) else v) for k, v in state.items()}
        self.reply(json.dumps(body).encode())

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/reset":
            reset()
            return self.reply(b"{}")
        try:
            payload = json.loads(raw)
        except ValueError:
            return self.reply(b'{"error":"not JSON"}', 400)
        items, group = [], None
        if "alerts" in payload:  # Alertmanager
            group = (payload.get("groupLabels") or {}).get("department")
            items = [(a["labels"].get("department"), a["labels"].get("task")) for a in payload["alerts"]]
        elif "data" in payload:  # duban generic webhook
            data = payload["data"]
            group = data.get("department")
            tasks = (data.get("facts") or {}).get("tasks") or []
            items = [(t.get("department", group), t.get("task")) for t in tasks]
        now = time.time()
        with lock:
            state["notifications"] += 1
            state["items"] += len(items)
            state["unique"].update(items)
            if group is not None:
                state["groups"].add(group)
            state["first"] = state["first"] or now
            state["last"] = now
        self.reply(b"{}")

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    reset()
    server = Server(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
