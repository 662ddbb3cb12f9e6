// SocketObject's sendmsg() and recvmsg() (recvmsg_into() is a recvmsg whose bytes Python copies
// into its buffers): scatter/gather buffers, ancillary data, an address and msg_flags. They go
// through the socket's stream layer and wait as send and recv do.
#include "core/engine/socketobject.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/net/ancillary.h"
#include "core/text/payload.h"

#include <QCoreApplication>

#include <sys/socket.h>
#include <sys/uio.h>

#include <vector>

namespace core {

namespace {
constexpr qint64 kMaxMessageBuffer = 16 << 20; // as recv: a larger bufsize is capped
constexpr int kMaxAncillaryBuffer = 1 << 20;   // far above what any control message needs
} // namespace

SocketObject::Step SocketObject::doSendMsg(Op &op)
{
    // The buffers, each an iovec over the joined payload.
    std::vector<iovec> vectors;
    vectors.reserve(size_t(op.call.buffers.size()));
    qsizetype at = 0;
    for (const qint64 length : op.call.buffers) {
        vectors.push_back(iovec{op.call.data.data() + at, size_t(length)});
        at += length;
    }
    QByteArray control = encodeAncillary(op.call.ancillary);
    const bool to = op.call.address.isValid();
    msghdr message{};
    message.msg_name = to ? const_cast<sockaddr *>(op.call.address.data()) : nullptr;
    message.msg_namelen = to ? op.call.address.length() : 0;
    message.msg_iov = vectors.data();
    message.msg_iovlen = vectors.size();
    message.msg_control = control.isEmpty() ? nullptr : control.data();
    message.msg_controllen = size_t(control.size());
    const LayerMove move = m_layer->sendMessage(m_fd, message, op.call.flags);
    return sent(op, move, to, op.call.ancillary.isEmpty() ? QString()
                                  : QCoreApplication::translate("core", "%n ancillary item(s) sent", nullptr, int(op.call.ancillary.size())));
}

SocketObject::Step SocketObject::doRecvMsg(Op &op)
{
    const qint64 bufsize = std::min(op.call.size, kMaxMessageBuffer);
    QByteArray buffer(bufsize, Qt::Uninitialized);
    QByteArray control(std::min(op.call.ancillarySize, kMaxAncillaryBuffer), '\0');
    sockaddr_storage peer{};
    iovec vector{buffer.data(), size_t(buffer.size())};
    msghdr message{};
    message.msg_name = &peer;
    message.msg_namelen = sizeof peer;
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    message.msg_control = control.isEmpty() ? nullptr : control.data();
    message.msg_controllen = size_t(control.size());
    const LayerMove move = m_layer->receiveMessage(m_fd, &message, op.call.flags & ~MSG_DONTWAIT);
    if (move.want != Step::Done)
        return wouldBlock(op, move.want, EAGAIN);
    if (move.error) {
        recordError(Direction::In, move.error);
        if (move.error == ECONNRESET || move.error == ETIMEDOUT)
            setState(SocketState::Error);
        finish(op, Outcome::osError(move.error));
        return Step::Done;
    }
    const qint64 n = move.count;
    buffer.truncate(std::min<qint64>(n, buffer.size()));
    const SocketAddress address = message.msg_namelen > 0
        ? SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&peer), message.msg_namelen) : SocketAddress();
    auto received = std::make_shared<ReceivedMessage>();
    received->ancillary = decodeAncillary(message);
    received->flags = message.msg_flags;
    const bool eof = n == 0 && isStreamLike() && bufsize > 0;

    const bool datagram = m_info.type != SOCK_STREAM;
    recordReceived(buffer, datagram ? address : m_info.peer, n, message.msg_flags & MSG_TRUNC, eof, op.call.flags);
    if (eof)
        noteReadEof();
    changed();

    const QString head = op.call.kind == CallKind::RecvMsg ? pythonBytesArgument(buffer) : QString::number(buffer.size());
    Outcome o = Outcome::ok(QStringLiteral("(%1, %2, %3, %4)")
                                .arg(head, pythonAncillaryResult(received->ancillary), QString::number(message.msg_flags),
                                     address.isValid() ? address.toPython() : QStringLiteral("None")));
    o.count = buffer.size();
    o.data = buffer;
    o.address = address;
    QStringList notes;
    if (message.msg_flags & MSG_CTRUNC)
        notes += QCoreApplication::translate("core", "MSG_CTRUNC: the ancillary data did not fit in %1 bytes").arg(control.size());
    if (message.msg_flags & MSG_TRUNC)
        notes += QCoreApplication::translate("core", "MSG_TRUNC: the datagram was longer than %1 bytes").arg(bufsize);
    if (eof)
        notes += QCoreApplication::translate("core", "EOF: the peer closed its side");
    if (op.call.size > kMaxMessageBuffer)
        notes += QCoreApplication::translate("core", "bufsize capped at %1").arg(kMaxMessageBuffer);
    o.note = notes.join(QLatin1String("; "));
    o.message = std::move(received);
    finish(op, std::move(o));
    return Step::Done;
}

} // namespace core
