# UNIX stream, datagram and SEQPACKET sockets: boundaries kept or not, and the socket file
# left behind on close, as CPython leaves it.
import os
import socket
import tempfile

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, 'stream.sock')
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    client = socket.socket(socket.AF_UNIX)
    client.connect(path)
    conn, addr = server.accept()
    print('accepted from', repr(addr), 'name', server.getsockname() == path)
    client.sendall(b'one')
    client.sendall(b'two')
    got = b''
    while len(got) < 6:
        got += conn.recv(100)
    print('stream', got)
    for s in (conn, client, server):
        s.close()
    print('file left after close:', os.path.exists(path))

    for kind, name in ((socket.SOCK_DGRAM, 'dgram'), (socket.SOCK_SEQPACKET, 'seqpacket')):
        a, b = socket.socketpair(socket.AF_UNIX, kind)
        a.send(b'first')
        a.send(b'second')
        print(name, b.recv(100), b.recv(100))
        a.close()
        b.close()

    dpath = os.path.join(d, 'dgram.sock')
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as r:
        r.bind(dpath)
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as w:
            w.sendto(b'to a path', dpath)
            print('dgram by path', r.recvfrom(100))
    try:
        socket.socket(socket.AF_UNIX).bind('/' + 'x' * 120)
    except OSError as e:
        print('too long:', e)
