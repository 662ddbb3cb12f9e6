# IPv6 scope ids: a host written with %interface or %number, a scope given as the tuple's 4th
# item, and how each comes back (the tuple's host never carries the %scope; getnameinfo's does).
import socket

index, name = socket.if_nameindex()[0]
for host in ('fe80::1%' + name, 'fe80::1%' + str(index), 'ff02::1de:c0:face:8D%' + name, '::1'):
    for family, kind, proto, canon, sockaddr in socket.getaddrinfo(host, 1234, socket.AF_INET6, socket.SOCK_DGRAM):
        print(host.replace(name, 'IF'), sockaddr[0], sockaddr[1], sockaddr[2], sockaddr[3] == (index if '%' in host else 0))
for sockaddr in (('ff02::1de:c0:face:8D', 1234, 0, index), ('fe80::1', 80, 0, index), ('fe80::1%' + name, 80, 0, 0),
                 ('::1', 80, 0, 0)):
    host, port = socket.getnameinfo(sockaddr, socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
    print(host.replace(name, 'IF'), port)
with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
    s.bind(('::1', 0, 0, 0))
    print(s.getsockname()[0], s.getsockname()[2:])
try:
    socket.getaddrinfo('fe80::1%nosuchif0', 80, socket.AF_INET6)
except socket.gaierror as e:
    print('gaierror', e.errno)
