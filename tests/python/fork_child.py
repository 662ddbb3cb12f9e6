# os.fork() in a script: the parent's sockets keep working; in the child a socket call never hangs
# (python3 makes it; the workbench's child, whose I/O threads stayed in the parent, fails at once
# with a RuntimeError). Both print the same: the child reports through its exit status.
import os
import socket

a, b = socket.socketpair()
pid = os.fork()
if pid == 0:
    try:
        a.sendall(b'from the child')
        code = 0
    except RuntimeError:
        code = 3
    os._exit(code)
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print('child ended', code in (0, 3))
a.sendall(b'from the parent')
b.settimeout(5)
data = b''
while not data.endswith(b'from the parent'):
    data += b.recv(100)
print('parent', data.replace(b'from the child', b''))
a.close()
b.close()
