# setsockopt/getsockopt by any level and number: the kernel, not a table, decides which options
# exist; buflen as CPython checks it; int or bytes values.
import socket
s = socket.socket()
for b in (-1, 1025):
    try: s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b)
    except Exception as e: print(type(e).__name__, e)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER), s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8), s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 3))
for args in ((socket.SOL_SOCKET, socket.SO_REUSEADDR, 2**40), (1, 9999, 1), (1, 2, 'x')):
    try: s.setsockopt(*args)
    except Exception as e: print(type(e).__name__, e)
try: s.getsockopt(1, 9999)
except Exception as e: print(type(e).__name__, e)
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.setsockopt(41, 51, 1); print(s6.getsockopt(41, 51), s6.getsockopt(41, 51, 4))
s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, b'\x01\x00\x00\x00'); print(s6.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO))
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x05\x00\x00\x00'); print(s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8))
s.close(); s6.close()
# setsockopt(level, option, None, optlen): a null buffer (SO_BINDTODEVICE with 0 unbinds; the kernel
# answers the rest), and the argument forms CPython refuses.
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(u.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, None, 0))
for args in ((socket.SOL_SOCKET, socket.SO_REUSEADDR, None), (socket.SOL_SOCKET, socket.SO_REUSEADDR, None, 4),
             (socket.SOL_SOCKET, socket.SO_REUSEADDR, 1, 4), (socket.SOL_SOCKET, socket.SO_REUSEADDR, None, -1),
             (socket.SOL_SOCKET,), (1, 2, b'\x01\x00\x00\x00', 4, 5)):
    try: print(u.setsockopt(*args))
    except Exception as e: print(type(e).__name__, e)
u.close()
