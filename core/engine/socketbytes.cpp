// SocketObject's calls that move bytes: send, sendall, sendto, sendfile, recv, recvfrom. Each goes through
// the socket's stream layer; one that would block returns the layer's wait step (through
// wouldBlock) and is tried again when epoll reports the descriptor ready.
#include "core/engine/socketobject.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/text/payload.h"

#include <QCoreApplication>

#include <sys/socket.h>
#include <unistd.h>

#include <unordered_map>

namespace core {

namespace {

constexpr qint64 kMaxRecvBuffer = 16 << 20; // a larger bufsize is capped: no socket queues more

// sendall's note for one send() call. A responder's replies are mostly of a few sizes: the text
// of each size is made once per I/O thread and then shared (an implicitly shared QString), not
// formatted and allocated for every reply the journal keeps.
QString oneSendNote(qint64 bytes)
{
    static const QString format = QCoreApplication::translate("core", "%1 bytes in 1 send() call");
    thread_local std::unordered_map<qint64, QString> made;
    const auto known = made.find(bytes);
    if (known != made.end())
        return known->second;
    if (made.size() >= 4096)
        made.clear();
    return made.emplace(bytes, format.arg(bytes)).first->second;
}

} // namespace

void SocketObject::recordSent(QByteArrayView bytes, const SocketAddress &peer)
{
    m_thread.context().traffic.append(id(), Direction::Out, bytes, peer, 0, 0, 0, m_layer->recordsAs());
    m_info.bytesOut += quint64(bytes.size());
    ++m_info.recordsOut;
    countsChanged();
}

void SocketObject::recordReceived(QByteArrayView bytes, const SocketAddress &peer, qint64 length, bool truncated, bool eof,
                                  int callFlags)
{
    quint8 recordFlags = 0;
    if (truncated)
        recordFlags |= TrafficFlag::Truncated;
    if (eof)
        recordFlags |= TrafficFlag::Eof;
    if (callFlags & MSG_PEEK)
        recordFlags |= TrafficFlag::Peek;
    if (callFlags & MSG_OOB)
        recordFlags |= TrafficFlag::Oob;
    m_thread.context().traffic.append(id(), Direction::In, bytes, peer, recordFlags, quint32(length), 0, m_layer->recordsAs());
    if (!(callFlags & MSG_PEEK)) {
        m_info.bytesIn += quint64(bytes.size());
        ++m_info.recordsIn;
    }
}

// send and sendto: one syscall, its count returned as it is (a partial send stays visible).
SocketObject::Step SocketObject::doSend(Op &op)
{
    const bool to = op.call.kind == CallKind::SendTo;
    const LayerMove move = m_layer->send(m_fd, op.call.data, op.call.flags, to ? op.call.address.data() : nullptr,
                                         to ? op.call.address.length() : 0);
    return sent(op, move, to, {});
}

// What one send syscall came to (send, sendto, sendmsg): the wait, the error, or its count; a
// partial send said in the note, beside the caller's own.
SocketObject::Step SocketObject::sent(Op &op, const LayerMove &move, bool to, QString note)
{
    if (move.want != Step::Done)
        return wouldBlock(op, move.want, EAGAIN);
    if (move.error) {
        recordError(Direction::Out, move.error);
        finish(op, Outcome::osError(move.error));
        return Step::Done;
    }
    const qint64 n = move.count;
    if (to && (!m_info.local.isValid() || m_info.local.port() == 0))
        readLocalAddress(); // sending to an address binds an unbound socket
    recordSent(QByteArrayView(op.call.data).first(n), to ? op.call.address : m_info.peer);
    Outcome o = Outcome::counted(n);
    if (n < op.call.data.size()) {
        const QString partial = QCoreApplication::translate("core", "partial send: %1 of %2 bytes").arg(n).arg(op.call.data.size());
        note = note.isEmpty() ? partial : partial + QLatin1String("; ") + note;
    }
    o.note = std::move(note);
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doSendAll(Op &op)
{
    while (op.done < op.call.data.size() || (op.call.data.isEmpty() && op.syscalls == 0)) {
        const QByteArrayView rest = QByteArrayView(op.call.data).sliced(op.done);
        const LayerMove move = m_layer->send(m_fd, rest, op.call.flags, nullptr, 0);
        if (move.want != Step::Done)
            return wouldBlock(op, move.want, EAGAIN);
        if (move.error) {
            recordError(Direction::Out, move.error);
            finish(op, Outcome::osError(move.error, op.done ? QCoreApplication::translate("core", "%1 of %2 bytes were sent first")
                                                                  .arg(op.done).arg(op.call.data.size())
                                                            : QString()));
            return Step::Done;
        }
        const qint64 n = move.count;
        ++op.syscalls;
        op.done += n;
        recordSent(rest.first(n), m_info.peer);
        if (op.call.data.isEmpty())
            break;
    }
    Outcome o = Outcome::ok(QStringLiteral("None"));
    o.count = op.done;
    o.note = op.syscalls == 1
        ? oneSendNote(op.done)
        : QCoreApplication::translate("core", "%1 bytes in %2 send() calls")
              .arg(QString::number(op.done), QString::number(op.syscalls));
    finish(op, std::move(o));
    return Step::Done;
}

// sendfile: the file's bytes from offset, count of them (0: to the end of the file), read by the
// engine (pread on its own duplicate of the descriptor, so the caller's file position stays
// where it was) and sent through the socket's stream layer like sendall's, so a layer that
// transforms bytes (TLS) sends them too and the traffic store keeps exactly what was sent. A read
// error fails the call with the bytes sent so far in its count (socket.py gives up on sendfile
// and falls back to send() when nothing was sent).
SocketObject::Step SocketObject::doSendFile(Op &op)
{
    constexpr qint64 kChunk = 256 << 10;
    const qint64 count = op.call.size;
    // A failure says what went before it, in its note and its count.
    const auto fail = [this, &op](int error, const QString &alone) {
        Outcome o = Outcome::osError(error, op.done ? QCoreApplication::translate("core", "%1 bytes of the file were sent first").arg(op.done)
                                                    : alone);
        o.count = op.done;
        finish(op, std::move(o));
        return Step::Done;
    };
    for (;;) {
        if (op.unsent.isEmpty()) {
            if (count && op.done >= count)
                break;
            const qint64 want = count ? std::min(count - op.done, kChunk) : kChunk;
            op.unsent.resize(want);
            const ssize_t got = ::pread(op.file ? op.file->get() : -1, op.unsent.data(), size_t(want), off_t(op.call.offset + op.done));
            if (got < 0) {
                const int error = errno;
                op.unsent.clear();
                return fail(error, QCoreApplication::translate("core", "reading the file failed"));
            }
            op.unsent.truncate(got);
            if (got == 0)
                break; // the end of the file
        }
        const LayerMove move = m_layer->send(m_fd, op.unsent, 0, nullptr, 0);
        if (move.want != Step::Done)
            return wouldBlock(op, move.want, EAGAIN);
        if (move.error) {
            recordError(Direction::Out, move.error);
            return fail(move.error, QString());
        }
        const qint64 n = move.count;
        ++op.syscalls;
        op.done += n;
        recordSent(QByteArrayView(op.unsent).first(n), m_info.peer);
        op.unsent.remove(0, n);
    }
    Outcome o = Outcome::counted(op.done);
    o.note = QCoreApplication::translate("core", "%1 bytes of the file in %2 send() calls").arg(op.done).arg(op.syscalls);
    finish(op, std::move(o));
    return Step::Done;
}

// recv and recvfrom. Datagram sockets ask the kernel for the real length (MSG_TRUNC) so a cut
// datagram is reported as such. MSG_WAITALL on a stream in blocking mode gathers until bufsize
// bytes, EOF or an error, as a blocking recv does; with a timeout CPython's descriptor is
// non-blocking and MSG_WAITALL returns what is there, so we do the same.
SocketObject::Step SocketObject::doRecv(Op &op)
{
    const bool from = op.call.kind == CallKind::RecvFrom;
    const bool waitAll = (op.call.flags & MSG_WAITALL) && m_info.type == SOCK_STREAM
                         && m_info.mode == BlockingMode::Blocking && !effectiveNonBlocking(op);
    const qint64 bufsize = std::min(op.call.size, kMaxRecvBuffer);
    const bool datagram = m_info.type != SOCK_STREAM;
    int flags = (op.call.flags & ~(MSG_WAITALL | MSG_DONTWAIT)) | (datagram ? MSG_TRUNC : 0);
    if (!waitAll)
        flags |= op.call.flags & MSG_WAITALL;

    // MSG_TRUNC on a stream: the kernel discards the bytes and copies nothing into the buffer.
    const bool discard = !datagram && (flags & MSG_TRUNC);
    QByteArray buffer(bufsize - op.done, Qt::Uninitialized);
    sockaddr_storage peer{};
    socklen_t peerLength = sizeof peer;
    LayerMove move = m_layer->receive(m_fd, buffer.data(), buffer.size(), flags, reinterpret_cast<sockaddr *>(&peer),
                                      &peerLength);
    bool shutEmpty = false; // a datagram socket shut for reading with nothing queued
    if (move.want == Step::WaitRead && datagram && readSideShut() && !effectiveNonBlocking(op)) {
        // Readable for ever, yet nothing to read. A blocking recvmsg in the kernel returns 0 here
        // (what CPython's blocking recv gives: b''); with a timeout CPython polls until its
        // deadline and raises TimeoutError, so the call waits for the deadline alone.
        if (m_info.mode != BlockingMode::Blocking)
            return Step::WaitTimer;
        move = LayerMove::moved(0);
        peerLength = 0;
        shutEmpty = true;
    }
    if (move.want != Step::Done)
        return wouldBlock(op, move.want, EAGAIN);
    const qint64 n = move.count;
    if (move.error) {
        const int error = move.error;
        recordError(Direction::In, error);
        if (error == ECONNRESET || error == ETIMEDOUT)
            setState(SocketState::Error);
        finish(op, Outcome::osError(error, op.done ? QCoreApplication::translate("core", "%1 bytes arrived first").arg(op.done) : QString()));
        return Step::Done;
    }
    const qint64 stored = discard ? 0 : std::min<qint64>(n, buffer.size());
    const bool truncated = (datagram && n > buffer.size()) || (discard && n > 0);
    const bool eof = n == 0 && (isStreamLike() || shutEmpty) && buffer.size() > 0;
    buffer.truncate(stored);
    const SocketAddress address = peerLength > 0 ? SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&peer), peerLength) : SocketAddress();

    recordReceived(buffer, datagram ? address : m_info.peer, n, truncated, eof, op.call.flags);
    if (eof && isStreamLike())
        noteReadEof();
    ++op.syscalls;
    op.done += stored;
    op.received += buffer;
    if (discard)
        op.received += QByteArray(n, '\0'); // Python's bytes of that length hold whatever its buffer held
    changed();
    if (waitAll && !eof && op.done < bufsize)
        return Step::WaitRead;

    QString data = pythonBytesArgument(op.received);
    Outcome o = Outcome::ok(from ? QStringLiteral("(%1, %2)").arg(data, address.toPython()) : data);
    o.count = op.received.size();
    o.data = op.received;
    o.address = address;
    QStringList notes;
    if (discard)
        notes += QCoreApplication::translate("core", "MSG_TRUNC on a stream: the kernel discarded %1 bytes without "
                                                     "copying them; Python returns that many bytes of whatever its "
                                                     "buffer held (shown as zeros)").arg(n);
    else if (truncated)
        notes += QCoreApplication::translate("core", "datagram of %1 bytes truncated to %2").arg(n).arg(stored);
    if (shutEmpty)
        notes += QCoreApplication::translate("core", "the read side is shut down: a blocking recv returns at once with nothing");
    if (eof && op.received.isEmpty())
        notes += QCoreApplication::translate("core", "EOF: the peer closed its side");
    if (op.syscalls > 1)
        notes += QCoreApplication::translate("core", "%1 recv() calls").arg(op.syscalls);
    if (op.call.size > kMaxRecvBuffer)
        notes += QCoreApplication::translate("core", "bufsize capped at %1").arg(kMaxRecvBuffer);
    o.note = notes.join(QLatin1String("; "));
    finish(op, std::move(o));
    return Step::Done;
}

void SocketObject::noteReadEof()
{
    if (m_info.state == SocketState::HalfClosedWrite || m_info.state == SocketState::ShutDown)
        setState(SocketState::ShutDown);
    else
        setState(SocketState::HalfClosedRead);
}

} // namespace core
