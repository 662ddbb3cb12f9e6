# Argument checks as CPython makes them (before any syscall), and the ResourceWarning of a socket
# collected while open.
import socket, warnings, gc
s = socket.socket()
for fn in (lambda: s.shutdown(2**31), lambda: socket.getaddrinfo('localhost', '\ud800'), lambda: socket.getnameinfo(('127.0.0.1', 80, 2**32), 0),
           lambda: socket.getnameinfo(('::1', 80, 2**20, 0), 0), lambda: s.listen(2**31), lambda: s.recv(-1), lambda: s.settimeout(-1),
           lambda: socket.getaddrinfo('localhost', 2**16), lambda: socket.getaddrinfo('localhost', -1), lambda: s.bind(('127.0.0.1', 70000)),
           lambda: s.bind(('127.0.0.1',)), lambda: s.bind('x'), lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0, 'x'),
           lambda: s.setblocking(None), lambda: s.send('x'), lambda: s.sendto(b'x', 0, ('127.0.0.1', 1), 5)):
    try: print(fn())
    except Exception as e: print(type(e).__name__, e)
s.close()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    t = socket.socket()
    del t
    gc.collect()
    print([ (x.category.__name__, str(x.message)[:22]) for x in w])
