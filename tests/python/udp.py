# UDP: sendto/recvfrom, MSG_PEEK, the largest datagram and one byte more.
import socket

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server, \
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
    server.bind(('127.0.0.1', 0))
    address = server.getsockname()
    print('sent', client.sendto(b'ping', address))
    data, peer = server.recvfrom(100, socket.MSG_PEEK)
    print('peeked', data, peer == client.getsockname())
    data, peer = server.recvfrom(100)
    print('read', data)
    print('reply', server.sendto(b'pong', peer), client.recvfrom(100)[0])
    big = bytes(range(256)) * 255 + b'x' * 227
    print('largest', len(big), client.sendto(big, address), len(server.recv(70000)))
    try:
        client.sendto(big + b'!', address)
    except OSError as e:
        print('one more byte:', type(e).__name__, e)
    client.sendto(b'abcdef', address)
    print('truncated', server.recv(3))
    client.connect(address)
    client.send(b'connected')
    print('after connect', server.recvfrom(100)[0], client.getpeername() == address)
