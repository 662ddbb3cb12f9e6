# dup(), fromfd() and detach(): more than one socket object on one kernel socket.
import socket

a, b = socket.socketpair()
c = a.dup()
print(c.family, c.type, c.fileno() != a.fileno())
c.sendall(b'via the copy')
print(b.recv(100))
a.close()
c.sendall(b'the copy still works')
print(b.recv(100))
d = socket.fromfd(b.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
c.sendall(b'read by fromfd')
print(d.recv(100))
fd = d.detach()
e = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, 0, fd)
c.sendall(b'after detach')
print(e.recv(100), e.fileno() == fd)
for s in (b, c, e):
    s.close()
print('done')
