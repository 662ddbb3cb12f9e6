# The module's lookups and helpers, as values.
import socket

print(socket.gethostbyname('localhost'))
print(socket.gethostbyname('127.0.0.1'))
for row in socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM):
    print(row)
print(socket.getaddrinfo('localhost', 8080, socket.AF_INET, type=socket.SOCK_DGRAM)[0][4])
print(socket.getnameinfo(('127.0.0.1', 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.inet_aton('10.1.2.3'), socket.inet_ntoa(b'\x7f\x00\x00\x01'), socket.htons(1), socket.ntohl(1))
print(socket.AF_INET, repr(socket.SOCK_DGRAM), socket.SOMAXCONN > 0)
print(type(socket.gethostname()).__name__)
