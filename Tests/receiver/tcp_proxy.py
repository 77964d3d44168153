#!/usr/bin/env python3
"""A TCP forwarder for the outage tests: listens on 127.0.0.1 and copies bytes to and from ``--to``.

Killing it (SIGKILL) is a database outage as its clients see it: every connection through it drops
and new ones are refused. Starting it again on the same ``--port`` is the database coming back.
Prints ``PORT <n>`` as its first line on stdout.
"""

import argparse
import socket
import sys
import threading


def pipe(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--to", required=True, help="HOST:PORT to forward to")
    options = parser.parse_args()
    host, port = options.to.rsplit(":", 1)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", options.port))
    listener.listen(128)
    print("PORT {}".format(listener.getsockname()[1]), flush=True)
    while True:
        client, _ = listener.accept()
        try:
            upstream = socket.create_connection((host, int(port)))
        except OSError:
            client.close()
            continue
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pipe, args=(a, b), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
