#!/usr/bin/env python3
"""The receiving side of --console-socket, as conmon and containerd's go-runc are: listens on a unix
socket, accepts one connection, takes exactly one message carrying exactly one SCM_RIGHTS fd (the pty
master), writes a command to it and reads until the expected output comes back.

Usage: console-receiver.py SOCKET COMMAND EXPECTED      Prints "OK <fd count>" or "FAIL <why>"; exit 0/1.
"""
import os, select, socket, sys, time

path, command, expected = sys.argv[1], sys.argv[2], sys.argv[3]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)
print("LISTENING", flush=True)
srv.settimeout(30)
conn, _ = srv.accept()
msg, fds, flags, _ = socket.recv_fds(conn, 4096, 8)
extra = conn.recv(1)  # one message only: the sender closes after it
if len(fds) != 1:
    print(f"FAIL {len(fds)} fds", flush=True); sys.exit(1)
if extra:
    print("FAIL more than one message", flush=True); sys.exit(1)
master = fds[0]
os.write(master, command.encode() + b"\n")
seen, deadline = b"", time.monotonic() + 20
while expected.encode() not in seen and time.monotonic() < deadline:
    ready, _, _ = select.select([master], [], [], 1)
    if ready:
        try:
            seen += os.read(master, 4096)
        except OSError:
            break
ok = expected.encode() in seen
print(("OK 1" if ok else "FAIL output " + repr(seen[-200:])), flush=True)
sys.exit(0 if ok else 1)
