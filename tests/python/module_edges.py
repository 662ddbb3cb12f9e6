# Corners of the socket module a port of python3 code meets: sendfile(), the creation flags in
# the type, the default timeout, and socket(fileno=) of descriptors made elsewhere.
import os
import socket
import tempfile


def attempt(what, fn):
    try:
        print(what, fn())
    except Exception as e:
        print(what, type(e).__name__, getattr(e, 'errno', None), e)


# sendfile() falls back to send() (no os.sendfile behind the engine's back) and sends it all.
a, b = socket.socketpair()
with tempfile.TemporaryFile() as f:
    f.write(b'0123456789' * 500)
    f.seek(0)
    print('sendfile', a.sendfile(f, 10, 3000))
    got = b''
    while len(got) < 3000:
        got += b.recv(65536)
    print('received', len(got), got[:10])

# SOCK_NONBLOCK and SOCK_CLOEXEC are flags of the call, not of the type.
for flags in (socket.SOCK_NONBLOCK, socket.SOCK_CLOEXEC, socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM | flags)
    print('type', s.type == socket.SOCK_STREAM, int(s.type), s.gettimeout(), s.getblocking())
    s.close()
p, q = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print('pair', int(p.type), p.gettimeout(), q.gettimeout())
attempt('nonblocking recv', lambda: p.recv(10))
p.close()
q.close()

# The default timeout reaches every new socket, an accepted one included.
socket.setdefaulttimeout(20.0)
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen()
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
print('default timeout', server.gettimeout(), client.gettimeout(), conn.gettimeout())
socket.setdefaulttimeout(None)
server.settimeout(5.0)
client2 = socket.create_connection(server.getsockname())
conn2, _ = server.accept()
print('accepted from a timeout listener', conn2.gettimeout(), conn2.getblocking())
for s in (client, conn, client2, conn2, server):
    s.close()

# socket(fileno=): a descriptor made elsewhere is adopted; what is no socket fails as in python3.
attempt('fileno=-1', lambda: socket.socket(fileno=-1))
attempt('fileno=-1 with a family', lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM, fileno=-1))
r, w = os.pipe()
os.close(r)
attempt('closed fd', lambda: socket.socket(fileno=r))
attempt('a pipe', lambda: socket.socket(fileno=w))
os.close(w)
with tempfile.TemporaryFile() as f:
    attempt('a file', lambda: socket.socket(fileno=f.fileno()))
a2, b2 = socket.socketpair()
copy = socket.socket(fileno=os.dup(a2.fileno()))
print('adopted', copy.family == socket.AF_UNIX, copy.type == socket.SOCK_STREAM, copy.gettimeout())
copy.sendall(b'through the adopted copy')
print(b2.recv(100))
b2.sendall(b'and back')
print(copy.recv(100))
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen()
listener = socket.socket(fileno=os.dup(srv.fileno()))
c = socket.create_connection(srv.getsockname())
accepted, _ = listener.accept()
print('adopted listener accepts', accepted.getsockname() == srv.getsockname())
for s in (copy, a2, b2, srv, listener, c, accepted):
    s.close()

# close() after the descriptor was closed behind the socket's back.
s = socket.socket()
os.close(s.fileno())
attempt('close after os.close', s.close)
print('fileno after', s.fileno())
# Two objects on one descriptor: the second close() finds it gone.
s = socket.socket()
s.bind(('127.0.0.1', 0))
socket.socket(fileno=s.fileno()).close()
attempt('close after the other object closed it', s.close)
print('done')
