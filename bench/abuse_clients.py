#!/usr/bin/env python3
"""Bad clients for bench/abuse.sh (loopback only).

  abuse_clients.py idle PORT COUNT SECONDS   opens COUNT connections that send nothing and holds them for
                                             SECONDS, opening a new one whenever the server closes one (an
                                             attacker keeps the pressure on); prints what happened.
  abuse_clients.py slow PORT PATH SECONDS    sends one GET for PATH and reads the answer one byte a second
                                             (receive buffer shrunk), for at most SECONDS; prints bytes read
                                             and when the server closed.
"""
import selectors
import socket
import sys
import time


# The bad clients come from their own loopback address, as an attacker's machine would: the server limits
# connections per address, and the readers measured meanwhile (wrk, the probe) come from others.
ATTACKER = "127.0.0.66"


def open_idle(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((ATTACKER, 0))
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    return s


def idle(port, count, seconds):
    sel = selectors.DefaultSelector()
    opened = closed_by_server = refused_503 = failed = 0
    peak_open = 0
    start = time.monotonic()
    first_close = None
    for _ in range(count):
        try:
            sel.register(open_idle(port), selectors.EVENT_READ)
            opened += 1
        except OSError:
            failed += 1
    while time.monotonic() - start < seconds:
        peak_open = max(peak_open, len(sel.get_map()))
        events = sel.select(timeout=0.2)
        if any(True for _ in events):
            time.sleep(0.05)  # a steady attacker, not a busy loop on the same two cores
        for key, _ in events:
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/1.1 503"):
                refused_503 += 1
            if data and not data.startswith(b"HTTP/1.1 503"):
                continue  # keep reading until the close
            sel.unregister(s)
            s.close()
            closed_by_server += 1
            if first_close is None:
                first_close = time.monotonic() - start
            try:
                sel.register(open_idle(port), selectors.EVENT_READ)
                opened += 1
            except OSError:
                failed += 1
    for key in list(sel.get_map().values()):
        key.fileobj.close()
    print(f"idle clients: {opened} connections opened over {seconds:.0f} s (target {count} at once, peak {peak_open}); "
          f"{closed_by_server} closed by the server (first after {first_close if first_close is None else round(first_close, 1)} s), "
          f"{refused_503} of those with 503 at once; {failed} could not be opened")


def slow(port, path, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    s.bind((ATTACKER, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n".encode())
    start = time.monotonic()
    got = 0
    closed_at = None
    s.settimeout(2)
    while time.monotonic() - start < seconds:
        try:
            b = s.recv(1)
        except socket.timeout:
            continue
        except OSError:
            b = b""
        if not b:
            closed_at = time.monotonic() - start
            break
        got += 1
        time.sleep(1)
    s.close()
    how = f"the server closed after {closed_at:.0f} s" if closed_at is not None else f"still open after {seconds:.0f} s"
    print(f"slow reader: {got} bytes read at one byte a second; {how}")


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "idle":
        idle(port, int(sys.argv[3]), float(sys.argv[4]))
    elif mode == "slow":
        slow(port, sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)
