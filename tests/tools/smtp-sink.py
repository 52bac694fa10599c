#!/usr/bin/env python3
"""A small SMTP sink for the tests (issue 15): accepts every message on 127.0.0.1 and writes it
as DIR/<n>.eml (n = 1, 2, ...), so a test reads the e-mailed code. Speaks just enough SMTP for
Poco::Net::SMTPClientSession (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).

    python3 tests/tools/smtp-sink.py --port 2525 --dir /tmp/mails

Prints "listening <port>" once ready (port 0: a free port is chosen and printed)."""
import argparse
import itertools
import os
import socketserver
import sys
import threading

counter = itertools.count(1)
lock = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.send("220 assay-test-sink ESMTP")
        data, mail_from, rcpt = None, None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            if data is not None:
                if raw in (b".\r\n", b".\n"):
                    with lock:
                        n = next(counter)
                        path = os.path.join(self.server.dir, f"{n}.eml")
                        with open(path + ".part", "wb") as f:
                            f.write(f"X-Sink-From: {mail_from}\r\nX-Sink-To: {','.join(rcpt)}\r\n".encode())
                            f.write(b"".join(data))
                        os.rename(path + ".part", path)
                    data, rcpt = None, []
                    self.send("250 OK queued")
                else:
                    data.append(raw[1:] if raw.startswith(b"..") else raw)
                continue
            cmd = raw.decode("utf-8", "replace").strip()
            verb = cmd[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.send("250 assay-test-sink")
            elif verb == "MAIL":
                mail_from = cmd[10:].strip()
                self.send("250 OK")
            elif verb == "RCPT":
                rcpt.append(cmd[8:].strip())
                self.send("250 OK")
            elif verb == "DATA":
                data = []
                self.send("354 end with <CRLF>.<CRLF>")
            elif verb in ("RSET", "NOOP"):
                data, rcpt = None, []
                self.send("250 OK")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("502 not implemented")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = Server(("127.0.0.1", a.port), Handler)
    srv.dir = a.dir
    print(f"listening {srv.server_address[1]}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
