# select() on the workbench's sockets (fileno is the real descriptor), and partial sends.
import select
import socket

a, b = socket.socketpair()
readable, writable, _ = select.select([a, b], [a], [], 0)
print('nothing to read yet:', readable == [], 'a writable:', writable == [a])
b.send(b'wake')
readable, _, _ = select.select([a], [], [], 2)
print('readable after send:', readable == [a], a.recv(10))

a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
a.setblocking(False)
payload = b'x' * 1_000_000
sent = a.send(payload)
print('partial send:', 0 < sent < len(payload))
total = sent
try:
    while True:
        total += a.send(payload)
except BlockingIOError as e:
    print('then', type(e).__name__, e.errno)
a.close()
received = 0
while chunk := b.recv(65536):
    received += len(chunk)
print('all sent bytes arrived:', received == total)
b.close()
