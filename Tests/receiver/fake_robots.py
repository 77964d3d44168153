#!/usr/bin/env python3
"""A local HTTP receiver that imitates the chat robots duban delivers to, for tests.

Python 3 standard library only. It binds 127.0.0.1 (``--port 0`` picks a free port), prints
``PORT <n>`` as its first line on stdout, and appends every request it receives to ``--log FILE``
as one JSON line: the real time, the time it judged the request at, method, path, query, headers
(names lowercased), body text, and the answer it gave.

Routes: the first path segment is the vendor, the second a scenario.

* ``/dingtalk/<scenario>?access_token=T[&timestamp=..&sign=..]`` -- DingTalk custom robot: body
  shape (``msgtype`` markdown or text), body size (<= 20000 bytes, else 460101), the 加签 signature
  when ``--dingtalk-secret`` is given (timestamp within one hour, else 310000), a keyword when
  ``--keyword`` is given (else 310000), 20 messages a minute per token (else 130101).
* ``/wecom/<scenario>?key=K`` -- WeCom group robot: body shape, markdown content <= 4096 bytes and
  text content <= 2048 bytes (else 40058), ``badkey`` -> 93000.
* ``/feishu/<scenario>/<token>`` -- Feishu custom bot: ``msg_type`` post or text with ``content``,
  the signature in the body when ``--feishu-secret`` is given (else 19021), body <= 20 KB (else
  9499), 5 a second and 100 a minute per token (else 11232).
* ``/webhook/<scenario>`` -- Standard Webhooks: ``webhook-signature`` checked against
  ``--webhook-secret`` (401 when wrong), 2xx on success.

Scenarios common to all: ``ok``; ``down`` (HTTP 500); ``flaky3`` (HTTP 500 for the first three
requests with the same idempotency key -- the ``webhook-id`` header, or a robot message's text --
then success); ``retryafter`` (HTTP 429 with ``Retry-After: 7`` the first time per key, then
success); ``slow`` (sleeps 3 s, then answers as ``ok``); ``auth`` (the vendor's auth error:
DingTalk 310000, WeCom 93000, Feishu 19021, webhook 401); ``ratelimit`` (the vendor's rate-limit
answer: DingTalk 130101, WeCom 45009, Feishu 11232, webhook 429). WeCom also has ``badkey`` (93000).

``--clock request`` judges rate limits at the time the request says it was made (DingTalk's
``timestamp``, Feishu's body ``timestamp``, ``webhook-timestamp``), so that a sender running on a
virtual clock can be checked; signatures are always checked for freshness against the real clock.

``--self-test`` checks the signing functions against the vectors of
``shared/reference/channels.md`` and exits 0 when they all match.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DINGTALK_MAX_BODY = 20000
DINGTALK_PER_MINUTE = 20
WECOM_MARKDOWN_MAX = 4096
WECOM_TEXT_MAX = 2048
FEISHU_MAX_BODY = 20 * 1024
FEISHU_PER_SECOND = 5
FEISHU_PER_MINUTE = 100
ROBOT_SIGNATURE_WINDOW = 3600  # seconds, DingTalk and Feishu
WEBHOOK_TOLERANCE = 300  # seconds, Standard Webhooks
SLOW_SECONDS = 3.0
RETRY_AFTER = "7"


# Signing, as the vendors compute it.


def dingtalk_sign(secret, timestamp_ms):
    """Base64 of HMAC-SHA256 keyed by the secret over ``timestamp_ms + "\\n" + secret``."""
    message = "{}\n{}".format(timestamp_ms, secret).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def feishu_sign(secret, timestamp_s):
    """Base64 of HMAC-SHA256 keyed by ``timestamp_s + "\\n" + secret`` over an empty message."""
    key = "{}\n{}".format(timestamp_s, secret).encode("utf-8")
    digest = hmac.new(key, b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def webhook_sign(secret, msg_id, timestamp, body):
    """Standard Webhooks ``v1,`` signature over ``id.timestamp.body`` (body as bytes)."""
    encoded = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    key = base64.b64decode(encoded)
    message = "{}.{}.".format(msg_id, timestamp).encode("utf-8") + body
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


# Checks: each returns None when the request passes, or a reason.


def check_dingtalk_signature(secret, query, now):
    """``query`` is the decoded query (``parse_qs``); ``now`` the real time in seconds."""
    timestamp = (query.get("timestamp") or [None])[0]
    sign = (query.get("sign") or [None])[0]
    if timestamp is None or sign is None:
        return "sign not match: timestamp or sign missing"
    try:
        timestamp_ms = int(timestamp)
    except ValueError:
        return "timestamp is not a number"
    if abs(now * 1000 - timestamp_ms) > ROBOT_SIGNATURE_WINDOW * 1000:
        return "timestamp out of range"
    expected = dingtalk_sign(secret, timestamp)
    if not hmac.compare_digest(expected.encode("ascii"), sign.encode("utf-8", "replace")):
        return "sign not match"
    return None


def check_feishu_signature(secret, body, now):
    """``body`` is the parsed JSON object."""
    timestamp = body.get("timestamp")
    sign = body.get("sign")
    if timestamp is None or sign is None:
        return "sign match fail: timestamp or sign missing"
    try:
        timestamp_s = int(timestamp)
    except (TypeError, ValueError):
        return "timestamp is not a number"
    if abs(now - timestamp_s) > ROBOT_SIGNATURE_WINDOW:
        return "timestamp is not within one hour from current time"
    expected = feishu_sign(secret, str(timestamp))
    if not isinstance(sign, str) or not hmac.compare_digest(expected.encode("ascii"), sign.encode("utf-8")):
        return "sign match fail"
    return None


def check_webhook_signature(secret, headers, body, now):
    """``headers`` lowercased; ``body`` bytes."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        timestamp_s = int(timestamp)
    except ValueError:
        return "webhook-timestamp is not a number"
    if abs(now - timestamp_s) > WEBHOOK_TOLERANCE:
        return "webhook-timestamp too old or too new"
    try:
        expected = webhook_sign(secret, msg_id, timestamp, body)
    except (ValueError, TypeError):
        return "the receiver's secret is not Base64"
    for candidate in signatures.split(" "):
        if hmac.compare_digest(expected.encode("ascii"), candidate.encode("utf-8")):
            return None
    return "no matching signature"


def robot_text(vendor, body):
    """The text a robot message carries (for keywords and idempotency keys), or None when its shape is wrong."""
    if not isinstance(body, dict):
        return None
    if vendor == "dingtalk":
        kind = body.get("msgtype")
        if kind == "markdown":
            part = body.get("markdown")
            if isinstance(part, dict) and isinstance(part.get("title"), str) and isinstance(part.get("text"), str):
                if part["title"] and part["text"]:
                    return part["text"]  # keywords must be in the text: the title alone does not count
        elif kind == "text":
            part = body.get("text")
            if isinstance(part, dict) and isinstance(part.get("content"), str) and part["content"]:
                return part["content"]
        return None
    if vendor == "wecom":
        kind = body.get("msgtype")
        if kind in ("markdown", "text"):
            part = body.get(kind)
            if isinstance(part, dict) and isinstance(part.get("content"), str) and part["content"]:
                return part["content"]
        return None
    if vendor == "feishu":
        kind = body.get("msg_type")
        content = body.get("content")
        if not isinstance(content, dict):
            return None
        if kind == "text":
            text = content.get("text")
            return text if isinstance(text, str) and text else None
        if kind == "post":
            post = content.get("post")
            if not isinstance(post, dict) or not post:
                return None
            pieces = []
            for language in post.values():
                if not isinstance(language, dict) or not isinstance(language.get("content"), list):
                    return None
                if isinstance(language.get("title"), str):
                    pieces.append(language["title"])
                for paragraph in language["content"]:
                    if not isinstance(paragraph, list):
                        return None
                    for element in paragraph:
                        if not isinstance(element, dict) or "tag" not in element:
                            return None
                        if isinstance(element.get("text"), str):
                            pieces.append(element["text"])
            return "\n".join(pieces) if pieces else None
        return None
    return None


def webhook_shape_ok(body):
    return isinstance(body, dict) and isinstance(body.get("type"), str) and "timestamp" in body and "data" in body


class Receiver:
    """State shared by the handler threads: options, counters, rate windows, the log."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.seen = {}  # (vendor, scenario, key) -> requests so far
        self.windows = {}  # (vendor, token) -> accepted request times
        self.log = open(options.log, "a", encoding="utf-8") if options.log else None

    def count(self, vendor, scenario, key):
        """How many requests with this key came before this one (0 for the first)."""
        with self.lock:
            n = self.seen.get((vendor, scenario, key), 0)
            self.seen[(vendor, scenario, key)] = n + 1
            return n

    def admit(self, vendor, token, at, limits):
        """Whether a request at ``at`` fits every (count, window) in ``limits``; records it when it does."""
        with self.lock:
            times = self.windows.setdefault((vendor, token), [])
            for limit, window in limits:
                if sum(1 for t in times if t > at - window) >= limit:
                    return False
            times.append(at)
            return True

    def write(self, entry):
        if self.log is None:
            return
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-robots/1"
    protocol_version = "HTTP/1.1"
    # Answer at once: the head and the body go out in two sends, and with Nagle's algorithm on a
    # kept-alive connection the body waited ~40 ms for the client's delayed ACK (senders keep
    # connections open since libcurl handles are reused).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # quiet: the JSON log is the record
        pass

    def do_GET(self):
        self.body = b""
        self.answer(405, {"error": "POST only"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length > 0 else b""
        try:
            self.route()
        except Exception as error:  # a bug in the receiver: answer 599 so a test sees it
            self.answer(599, {"error": "receiver failure: {}".format(error)})

    # Answering and logging.

    def answer(self, status, payload, headers=None):
        receiver = self.server.receiver
        text = json.dumps(payload, ensure_ascii=False)
        data = text.encode("utf-8")
        extra = dict(headers or {})
        parsed = urllib.parse.urlsplit(self.path)
        receiver.write(
            {
                "time": time.time(),
                "at": getattr(self, "at", None),
                "method": self.command,
                "path": parsed.path,
                "query": {k: v[0] for k, v in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items()},
                "rawQuery": parsed.query,
                "headers": self.lowered_headers(),
                "body": self.body.decode("utf-8", "replace"),
                "answer": {"status": status, "headers": extra, "body": text},
            }
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout): the log still has the request

    def lowered_headers(self):
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = headers[name] + ", " + value if name in headers else value
        return headers

    # Routing.

    def route(self):
        parsed = urllib.parse.urlsplit(self.path)
        segments = [s for s in parsed.path.split("/") if s]
        self.query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        self.json = None
        try:
            self.json = json.loads(self.body.decode("utf-8")) if self.body else None
        except (UnicodeDecodeError, ValueError):
            self.json = None
        self.at = time.time()
        if len(segments) < 2:
            return self.answer(404, {"error": "expected /<vendor>/<scenario>"})
        vendor, scenario = segments[0], segments[1]
        self.at = self.request_time(vendor)
        if scenario == "slow":
            time.sleep(SLOW_SECONDS)
        handler = {"dingtalk": self.dingtalk, "wecom": self.wecom, "feishu": self.feishu, "webhook": self.webhook}.get(vendor)
        if handler is None:
            return self.answer(404, {"error": "unknown vendor {}".format(vendor)})
        return handler(scenario, segments)

    def request_time(self, vendor):
        """The time to judge rate limits at: the request's own timestamp under ``--clock request``."""
        now = time.time()
        if self.server.receiver.options.clock != "request":
            return now
        try:
            if vendor == "dingtalk" and self.query.get("timestamp"):
                return int(self.query["timestamp"][0]) / 1000.0
            if vendor == "feishu" and isinstance(self.json, dict) and "timestamp" in self.json:
                return float(int(self.json["timestamp"]))
            if vendor == "webhook" and self.headers.get("webhook-timestamp"):
                return float(int(self.headers["webhook-timestamp"]))
        except (TypeError, ValueError):
            pass
        return now

    def transient(self, vendor, scenario, key, failure):
        """``flaky3`` and ``retryafter``: the answer to give instead of success, or None."""
        if scenario == "flaky3" and self.server.receiver.count(vendor, scenario, key) < 3:
            return lambda: self.answer(500, failure)
        if scenario == "retryafter" and self.server.receiver.count(vendor, scenario, key) < 1:
            return lambda: self.answer(429, failure, {"Retry-After": RETRY_AFTER})
        return None

    # Vendors.

    def dingtalk(self, scenario, segments):
        options = self.server.receiver.options

        def fail(code, message, status=200):
            return self.answer(status, {"errcode": code, "errmsg": message})

        token = (self.query.get("access_token") or [""])[0]
        if not token:
            return fail(300001, "token is not exist")
        if scenario == "down":
            return fail(-1, "系统繁忙", 500)
        if scenario == "auth":
            return fail(310000, "sign not match")
        if scenario == "ratelimit":
            return fail(130101, "send too fast, exceed 20 times per minute")
        if "application/json" not in (self.headers.get("Content-Type") or ""):
            return fail(43004, "无效的HTTP HEADER Content-Type")
        if len(self.body) > DINGTALK_MAX_BODY:
            return fail(460101, "message too long, exceed {} bytes".format(DINGTALK_MAX_BODY))
        text = robot_text("dingtalk", self.json)
        if text is None:
            return fail(40035, "缺少参数 json: msgtype markdown or text with its fields")
        if options.dingtalk_secret:
            problem = check_dingtalk_signature(options.dingtalk_secret, self.query, time.time())
            if problem:
                return fail(310000, problem)
        if options.keyword and not any(k in text for k in options.keyword):
            return fail(310000, "keywords not in content")
        transient = self.transient("dingtalk", scenario, text, {"errcode": -1, "errmsg": "系统繁忙"})
        if transient:
            return transient()
        if not self.server.receiver.admit("dingtalk", token, self.at, [(DINGTALK_PER_MINUTE, 60.0)]):
            return fail(130101, "send too fast, exceed 20 times per minute")
        return fail(0, "ok")

    def wecom(self, scenario, segments):
        def fail(code, message, status=200):
            return self.answer(status, {"errcode": code, "errmsg": message})

        key = (self.query.get("key") or [""])[0]
        if not key or scenario in ("badkey", "auth"):
            return fail(93000, "invalid webhook url")
        if scenario == "down":
            return fail(-1, "system error", 500)
        if scenario == "ratelimit":
            return fail(45009, "api freq out of limit")
        text = robot_text("wecom", self.json)
        if text is None:
            return fail(40008, "invalid message type: msgtype markdown or text with content")
        size = len(text.encode("utf-8"))
        limit = WECOM_MARKDOWN_MAX if self.json["msgtype"] == "markdown" else WECOM_TEXT_MAX
        if size > limit:
            return fail(40058, "content exceed max length {}".format(limit))
        transient = self.transient("wecom", scenario, text, {"errcode": -1, "errmsg": "system error"})
        if transient:
            return transient()
        return fail(0, "ok")

    def feishu(self, scenario, segments):
        options = self.server.receiver.options

        def fail(code, message, status=200):
            return self.answer(status, {"code": code, "data": {}, "msg": message})

        token = segments[2] if len(segments) > 2 else ""
        if not token:
            return fail(19001, "param invalid: incoming webhook access token invalid")
        if scenario == "down":
            return fail(-1, "internal error", 500)
        if scenario == "auth":
            return fail(19021, "sign match fail or timestamp is not within one hour from current time")
        if scenario == "ratelimit":
            return fail(11232, "frequency limited")
        if len(self.body) > FEISHU_MAX_BODY:
            return fail(9499, "Bad Request: the body exceeds 20 KB")
        text = robot_text("feishu", self.json)
        if text is None:
            return fail(9499, "Bad Request: msg_type post or text with its content")
        if options.feishu_secret:
            problem = check_feishu_signature(options.feishu_secret, self.json, time.time())
            if problem:
                return fail(19021, problem)
        key = json.dumps(self.json.get("content"), ensure_ascii=False, sort_keys=True)
        transient = self.transient("feishu", scenario, key, {"code": -1, "data": {}, "msg": "internal error"})
        if transient:
            return transient()
        limits = [(FEISHU_PER_SECOND, 1.0), (FEISHU_PER_MINUTE, 60.0)]
        if not self.server.receiver.admit("feishu", token, self.at, limits):
            return fail(11232, "frequency limited")
        return fail(0, "success")

    def webhook(self, scenario, segments):
        options = self.server.receiver.options
        headers = {k.lower(): v for k, v in self.headers.items()}
        if scenario == "down":
            return self.answer(500, {"error": "down"})
        if scenario == "auth":
            return self.answer(401, {"error": "unauthorized"})
        if scenario == "ratelimit":
            return self.answer(429, {"error": "rate limited"})
        if options.webhook_secret:
            problem = check_webhook_signature(options.webhook_secret, headers, self.body, time.time())
            if problem:
                return self.answer(401, {"error": problem})
        if not webhook_shape_ok(self.json):
            return self.answer(400, {"error": "expected a JSON object with type, timestamp and data"})
        key = headers.get("webhook-id") or self.body.decode("utf-8", "replace")
        transient = self.transient("webhook", scenario, key, {"error": "try again"})
        if transient:
            return transient()
        return self.answer(200, {"received": True})


def self_test():
    """The vectors of shared/reference/channels.md, through the same functions the handlers use."""
    failures = []

    def expect(name, got, want):
        if got != want:
            failures.append("{}: got {!r}, want {!r}".format(name, got, want))

    sign = dingtalk_sign("SECtestsecret", 1700000000000)
    expect("dingtalk sign", sign, "7LVwF0dAF3/+MRRulbpE4y72Ogzykc6bS2nG4I99T4s=")
    encoded = urllib.parse.quote(sign, safe="")
    expect("dingtalk url-encoded", encoded, "7LVwF0dAF3%2F%2BMRRulbpE4y72Ogzykc6bS2nG4I99T4s%3D")
    query = urllib.parse.parse_qs("access_token=T&timestamp=1700000000000&sign=" + encoded)
    expect("dingtalk check", check_dingtalk_signature("SECtestsecret", query, 1700000000.0), None)
    expect("dingtalk check, wrong secret", check_dingtalk_signature("SECother", query, 1700000000.0), "sign not match")
    expect(
        "dingtalk check, stale", check_dingtalk_signature("SECtestsecret", query, 1700003601.0), "timestamp out of range"
    )
    raw = urllib.parse.parse_qs("timestamp=1700000000000&sign=" + sign)  # '+' not encoded reads as a space
    expect("dingtalk check, unencoded", check_dingtalk_signature("SECtestsecret", raw, 1700000000.0), "sign not match")

    expect("feishu sign", feishu_sign("testsecret", 1700000000), "AOc8oJ7//5OlQlfWC3nRL0R+IkuzcD1FKcAyibRK9Q8=")
    body = {"timestamp": "1700000000", "sign": "AOc8oJ7//5OlQlfWC3nRL0R+IkuzcD1FKcAyibRK9Q8="}
    expect("feishu check", check_feishu_signature("testsecret", body, 1700000000.0), None)
    expect("feishu check, wrong secret", check_feishu_signature("other", body, 1700000000.0), "sign match fail")

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    payload = b'{"test": 2432232314}'
    want = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    expect("webhook sign", webhook_sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload), want)
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,bm90IGl0 " + want,
    }
    expect("webhook check", check_webhook_signature(secret, headers, payload, 1614265330.0), None)
    expect(
        "webhook check, altered body",
        check_webhook_signature(secret, headers, b'{"test": 2432232315}', 1614265330.0),
        "no matching signature",
    )
    expect(
        "webhook check, stale",
        check_webhook_signature(secret, headers, payload, 1614265330.0 + 301),
        "webhook-timestamp too old or too new",
    )

    for failure in failures:
        print("FAIL " + failure)
    print("self-test " + ("failed" if failures else "ok"))
    return 1 if failures else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Imitates DingTalk, WeCom, Feishu and Standard Webhooks receivers.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--log", help="append every request as a JSON line to this file")
    parser.add_argument("--dingtalk-secret", help="check DingTalk 加签 with this secret")
    parser.add_argument("--feishu-secret", help="check Feishu signatures with this secret")
    parser.add_argument("--webhook-secret", help="check Standard Webhooks signatures with this whsec_ secret")
    parser.add_argument("--keyword", action="append", default=[], help="a DingTalk keyword (repeatable)")
    parser.add_argument(
        "--clock", choices=["real", "request"], default="real", help="judge rate limits at real time or the request's timestamp"
    )
    parser.add_argument("--self-test", action="store_true", help="check the signing test vectors and exit")
    options = parser.parse_args(argv)
    if options.self_test:
        return self_test()
    # A parent may start us with signals blocked (Swift's Process from a Dispatch thread): unblock them,
    # and let SIGTERM end the process at once (the log is flushed after every line).
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, lambda signum, frame: os._exit(0))
    class Server(ThreadingHTTPServer):
        # The default backlog of 5 drops connections under a burst, which clients then retry after
        # a second: a benchmark would measure the receiver, not the sender.
        request_queue_size = 256
        daemon_threads = True

    server = Server(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    server.receiver = Receiver(options)
    sys.stdout.write("PORT {}\n".format(server.server_address[1]))
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
