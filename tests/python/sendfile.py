# socket.sendfile(): a whole file, a range of it (offset, count), the file position after, an
# empty file, a pipe (socket.py falls back on send()), a non-blocking socket (ValueError), a
# datagram socket (ValueError) and a text file (ValueError), each as python3 does it.
import os
import socket
import tempfile
import threading

data = bytes(range(256)) * 4096  # 1 MiB
directory = tempfile.mkdtemp()
path = os.path.join(directory, 'data.bin')
with open(path, 'wb') as f:
    f.write(data)


def exchange(send):
    server = socket.create_server(('127.0.0.1', 0))
    client = socket.create_connection(server.getsockname())
    conn, _ = server.accept()
    got = []

    def read():
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            got.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = send(client)
    finally:
        client.close()
        reader.join(10)
        conn.close()
        server.close()
    return result, b''.join(got)


with open(path, 'rb') as f:
    sent, got = exchange(lambda s: s.sendfile(f))
    print('whole', sent, got == data, f.tell())
with open(path, 'rb') as f:
    sent, got = exchange(lambda s: s.sendfile(f, 1000, 5000))
    print('range', sent, got == data[1000:6000], f.tell())
with open(path, 'rb') as f:
    f.seek(7)
    sent, got = exchange(lambda s: s.sendfile(f, 2 ** 20 - 10))
    print('tail', sent, got == data[-10:], f.tell())
empty = os.path.join(directory, 'empty.bin')
open(empty, 'wb').close()
with open(empty, 'rb') as f:
    print('empty', exchange(lambda s: s.sendfile(f)))
r, w = os.pipe()
os.write(w, b'through a pipe')
os.close(w)
with open(r, 'rb') as f:
    print('pipe', exchange(lambda s: s.sendfile(f)))


def nonblocking(s):
    s.setblocking(False)
    with open(path, 'rb') as f:
        try:
            return s._sendfile_use_sendfile(f)
        except ValueError as e:
            return 'ValueError: %s' % e


print('non-blocking', exchange(nonblocking)[0])
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u, open(path, 'rb') as f:
    try:
        u.sendfile(f)
    except ValueError as e:
        print('datagram ValueError:', e)
with open(path, 'r') as f, socket.socket() as s:
    try:
        s.sendfile(f)
    except ValueError as e:
        print('text ValueError:', e)
with open(path, 'rb') as f, socket.socket() as s:
    try:
        s.sendfile(f, count=0)
    except ValueError as e:
        print('count ValueError:', e)
os.remove(path)
os.remove(empty)
os.rmdir(directory)
