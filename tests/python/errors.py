# Every error class a student meets, with the message CPython gives.
import socket

def show(what, call):
    try:
        result = call()
        print(what, '->', repr(result))
    except Exception as e:
        print(what, 'raised', type(e).__name__, e)

# A port nobody listens on: bind one, note it, close it.
probe = socket.socket()
probe.bind(('127.0.0.1', 0))
port = probe.getsockname()[1]
probe.close()

s = socket.socket()
show('connect refused', lambda: s.connect(('127.0.0.1', port)))
s.close()
s = socket.socket()
show('connect_ex refused', lambda: s.connect_ex(('127.0.0.1', port)))
s.close()

a, b = socket.socketpair()
a.settimeout(0.2)
show('recv with timeout', lambda: a.recv(10))
print('timeout is socket.timeout:', socket.timeout is TimeoutError)
a.setblocking(False)
show('non-blocking recv', lambda: a.recv(10))
print('blocking:', a.getblocking(), a.gettimeout())
show('recv(-1)', lambda: a.recv(-1))
show('settimeout(-1)', lambda: a.settimeout(-1))
a.close()
show('recv after close', lambda: a.recv(10))
show('fileno after close', lambda: a.fileno())
b.close()

s = socket.socket()
show('port 70000', lambda: s.bind(('127.0.0.1', 70000)))
show('address not a tuple', lambda: s.bind('127.0.0.1'))
show('host not a string', lambda: s.bind((127, 80)))
show('send a str', lambda: s.send('text'))
show('send unconnected', lambda: s.send(b'x'))
show('getpeername unconnected', lambda: s.getpeername())
show('unknown name', lambda: s.connect(('no-such-host.invalid', 80)))
show('listen twice', lambda: (s.bind(('127.0.0.1', 0)), s.listen(1), s.listen(2)))
show('bind again', lambda: s.bind(('127.0.0.1', 0)))
s.close()
show('gaierror', lambda: socket.getaddrinfo('no-such-host.invalid', 80))
show('gethostbyname', lambda: socket.gethostbyname('no-such-host.invalid'))

# The exception objects themselves: class, args, errno and strerror, as a handler reads them.
def detail(what, call):
    try:
        call()
        print(what, 'did not raise')
    except Exception as e:
        print(what, type(e).__name__, e.args, getattr(e, 'errno', None), getattr(e, 'strerror', None))

s = socket.socket()
detail('refused', lambda: s.connect(('127.0.0.1', port)))
s.close()
a, b = socket.socketpair()
a.settimeout(0.05)
detail('timeout', lambda: a.recv(1))
detail('overflow', lambda: a.settimeout(1e300))
detail('negative bufsize', lambda: a.recv(-5))
a.close()
b.close()
detail('gaierror', lambda: socket.getaddrinfo('no-such-host.invalid', 80))
