#pragma once

#include "core/engine/op.h"
#include "core/store/trafficstore.h"

#include <QByteArrayView>

#include <sys/socket.h>

namespace core {

// What one move of bytes through a layer came to: a count, or the wait it needs (a layer such as
// TLS may need the socket readable to send, or writable to receive: its "want read / want
// write"), or errno.
struct LayerMove
{
    qint64 count = 0; // bytes moved, when want is Done and error is 0
    Step want = Step::Done;
    int error = 0;

    static LayerMove moved(qint64 count) { return {count, Step::Done, 0}; }
    static LayerMove wait(Step want) { return {0, want, 0}; }
    static LayerMove failed(int error) { return {0, Step::Done, error}; }
};

// The seam in a socket's byte path: everything the socket's calls send or receive goes through
// its layer, on the socket's I/O thread. The plain layer is the socket itself (send/recv on the
// descriptor); a TLS layer goes between and moves its own records on the wire. The socket keeps
// the traffic records: what a layer's receive() and send() move are the application's bytes,
// recorded as recordsAs(); a layer with wire records of its own appends those itself.
class StreamLayer
{
public:
    virtual ~StreamLayer() = default;

    // The layer the bytes the socket's calls move are recorded as: Plain when there is no layer
    // between (the wire's bytes are the application's), Application above one.
    virtual TrafficLayer recordsAs() const = 0;

    // send(2) / sendto(2): at most bytes.size() bytes; to: the destination, or nullptr.
    virtual LayerMove send(int fd, QByteArrayView bytes, int flags, const sockaddr *to, socklen_t toLength) = 0;
    // recv(2) / recvfrom(2) into buffer: count is what the call returned (with MSG_TRUNC on a
    // datagram socket, the datagram's real length). from/fromLength may be nullptr; when given,
    // *fromLength is set (0: no address).
    virtual LayerMove receive(int fd, char *buffer, qsizetype size, int flags, sockaddr *from,
                              socklen_t *fromLength) = 0;
    // sendmsg(2) / recvmsg(2), ancillary data and all. A layer with records of its own has no
    // place for a message's control data: it answers EOPNOTSUPP (Python's SSLSocket raises
    // NotImplementedError for sendmsg and recvmsg).
    virtual LayerMove sendMessage(int fd, const msghdr &message, int flags) = 0;
    virtual LayerMove receiveMessage(int fd, msghdr *message, int flags) = 0;
};

// The socket's own calls on its descriptor: no layer between. A watched stream reads through it
// straight into the traffic store's read space (the bytes are copied once, by the kernel).
class PlainLayer final : public StreamLayer
{
public:
    TrafficLayer recordsAs() const override { return TrafficLayer::Plain; }
    LayerMove send(int fd, QByteArrayView bytes, int flags, const sockaddr *to, socklen_t toLength) override;
    LayerMove receive(int fd, char *buffer, qsizetype size, int flags, sockaddr *from, socklen_t *fromLength) override;
    LayerMove sendMessage(int fd, const msghdr &message, int flags) override;
    LayerMove receiveMessage(int fd, msghdr *message, int flags) override;
};

} // namespace core
