# A threaded echo server and its client, with create_server/create_connection and `with`.
import socket
import threading

with socket.create_server(('127.0.0.1', 0)) as server:
    port = server.getsockname()[1]

    said = []  # the server's words, printed after the client's (threads interleave print)

    def serve():
        conn, addr = server.accept()
        with conn:
            said.append(f'server: peer is {addr[0]} {type(addr[1]).__name__}')
            while data := conn.recv(1024):
                conn.sendall(data.upper())
        said.append('server: client closed')

    thread = threading.Thread(target=serve)
    thread.start()
    with socket.create_connection(('127.0.0.1', port), timeout=5) as client:
        print(client.family, client.type, client.gettimeout())
        for line in (b'hello\n', b'second line\n'):
            client.sendall(line)
            reply = b''
            while len(reply) < len(line):
                reply += client.recv(1024)
            print('client got', reply)
        client.shutdown(socket.SHUT_WR)
        print('after shutdown:', client.recv(10))
    thread.join()
    print('\n'.join(said))
print('done')
