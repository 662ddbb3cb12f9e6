# One socket, two threads: a recv blocked in one thread never delays a sendall, getsockname or
# setsockopt from another, and shutdown() from the main thread ends a blocked read.
import socket
import threading
import time

a, b = socket.socketpair()
got = []
reader = threading.Thread(target=lambda: got.append(a.recv(100)))
reader.start()
time.sleep(0.2)  # let the reader block in recv first (the outcome is the same if it has not)

a.sendall(b'ping')  # same socket, while the reader waits in recv
print('peer got', b.recv(100))
print('name while recv waits:', a.getsockname())
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
b.sendall(b'pong')
reader.join(5)
print('reader got', got, reader.is_alive())

# A second reader blocked on the same socket; shutdown(SHUT_RD) from here wakes it with b''.
reader = threading.Thread(target=lambda: got.append(a.recv(100)))
reader.start()
time.sleep(0.2)
a.sendall(b'more')
print('peer got', b.recv(100))
a.shutdown(socket.SHUT_RD)
reader.join(5)
print('after shutdown', got, reader.is_alive())
a.close()
b.close()
