# A 10 MB sendall from a thread, read whole with MSG_WAITALL; recv_into into a buffer.
import hashlib
import socket
import threading

a, b = socket.socketpair()
payload = bytes(range(256)) * (10 * 1024 * 1024 // 256)
sender = threading.Thread(target=a.sendall, args=(payload,))
sender.start()
data = b.recv(len(payload), socket.MSG_WAITALL)
sender.join()
print(len(data), hashlib.sha256(data).hexdigest() == hashlib.sha256(payload).hexdigest())
a.send(b'into a buffer')
buffer = bytearray(64)
n = b.recv_into(buffer)
print(n, bytes(buffer[:n]))
a.close()
print('eof', b.recv(10))
b.close()
