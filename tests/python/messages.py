# sendmsg(), recvmsg() and recvmsg_into() with ancillary data: scatter/gather buffers, a descriptor
# passed over a UNIX socket (SCM_RIGHTS) and used on the other side, credentials, a datagram's
# destination address (IP_PKTINFO), truncation flags, timeouts and the argument checks.
import array
import os
import socket
import struct

IP_PKTINFO = getattr(socket, 'IP_PKTINFO', 8)  # Linux's number; the module names it from 3.13


def attempt(what, fn):
    try:
        print(what, fn())
    except Exception as e:
        print(what, type(e).__name__, getattr(e, 'errno', None), e)


a, b = socket.socketpair()
print('gather', a.sendmsg([b'ab', b'cd', memoryview(b'ef')]))
print('plain', b.recvmsg(100))

# A pipe's write end passed over the socket: what the receiver writes, the sender reads.
r, w = os.pipe()
print('rights', a.sendmsg([b'fd'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [w]))]))
data, ancdata, flags, address = b.recvmsg(10, socket.CMSG_SPACE(4))
level, kind, fds = ancdata[0]
print('received', data, len(ancdata), level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(fds), flags, address)
passed = array.array('i', fds)[0]
os.write(passed, b'through the passed descriptor')
os.close(passed)
os.close(w)
print('pipe', os.read(r, 100))
os.close(r)

# A socket passed over the socket, adopted with socket(fileno=) on the other side.
x, y = socket.socketpair()
a.sendmsg([b's'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [x.fileno()]))])
_, ancdata, _, _ = b.recvmsg(1, socket.CMSG_SPACE(4))
other = socket.socket(fileno=array.array('i', ancdata[0][2])[0])
other.sendall(b'from the passed socket')
print('passed socket', y.recv(100), other.family == socket.AF_UNIX)
for s in (x, y, other):
    s.close()

# Two descriptors into room for one: MSG_CTRUNC, and the one that fits arrives.
r1, w1 = os.pipe()
a.sendmsg([b'two'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [r1, w1]))])
data, ancdata, flags, _ = b.recvmsg(10, socket.CMSG_LEN(4))
print('ctrunc', data, bool(flags & socket.MSG_CTRUNC), [len(item[2]) for item in ancdata])
for item in ancdata:
    for fd in array.array('i', item[2][:len(item[2]) - len(item[2]) % 4]):
        os.close(fd)
os.close(r1)
os.close(w1)

# Credentials: the kernel fills them in for a SO_PASSCRED receiver.
b.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
a.sendmsg([b'who'])
data, ancdata, flags, _ = b.recvmsg(10, socket.CMSG_SPACE(12))
pid, uid, gid = struct.unpack('iii', ancdata[0][2])
print('credentials', data, ancdata[0][1] == socket.SCM_CREDENTIALS, uid == os.getuid(), gid == os.getgid(), pid > 0)
b.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 0)

# recvmsg_into scatters into the buffers given.
first, second = bytearray(3), bytearray(10)
a.sendmsg([b'scattered!'])
print('into', b.recvmsg_into([first, memoryview(second)]), first, second)

# A datagram: sent to an address, its destination read from IP_PKTINFO, cut by a small buffer.
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(('127.0.0.1', 0))
u.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print('sendto', v.sendmsg([b'hello', b' there'], [], 0, u.getsockname()))
data, ancdata, flags, address = u.recvmsg(5, 256)
info = [item for item in ancdata if item[:2] == (socket.IPPROTO_IP, IP_PKTINFO)][0][2]
print('datagram', data, bool(flags & socket.MSG_TRUNC), socket.inet_ntoa(info[8:12]), address[1] == v.getsockname()[1])

# Timeouts, non-blocking mode and bad arguments, as python3 raises them.
u.settimeout(0.05)
attempt('timeout', lambda: u.recvmsg(10))
u.setblocking(False)
attempt('nonblocking', lambda: u.recvmsg(10))
attempt('bad buffers', lambda: a.sendmsg(b'x'))
attempt('not iterable', lambda: a.sendmsg(5))
attempt('short item', lambda: a.sendmsg([b'x'], [(1, 1)]))
attempt('bad ancdata', lambda: a.sendmsg([b'x'], 5))
attempt('negative', lambda: b.recvmsg(-1))
attempt('negative anc', lambda: b.recvmsg(1, -1))
attempt('read-only into', lambda: b.recvmsg_into([b'abc']))
attempt('bad rights', lambda: a.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, b'\xff\xff\xff\x7f')]))
for s in (a, b, u, v):
    s.close()
attempt('closed', lambda: a.sendmsg([b'x']))
print('done')
