// SocketObject's calls: one function per socket call, each tried on the non-blocking descriptor.
// A call that would block returns WaitRead/WaitWrite (through wouldBlock) and is tried again when
// epoll reports the descriptor ready; everything else finishes the call with its outcome.
#include "core/engine/socketobject.h"

#include "core/text/payload.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/kernel/platform.h"
#include "core/net/errors.h"
#include "core/base/clock.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <unordered_map>

namespace core {

namespace {

constexpr qint64 kMaxRecvBuffer = 16 << 20; // a larger bufsize is capped: no socket queues more

SocketAddress addressFrom(const sockaddr_storage &storage, socklen_t length)
{
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

Outcome countOutcome(qint64 count)
{
    Outcome o = Outcome::ok(QString::number(count));
    o.count = count;
    return o;
}

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

SocketObject::Step SocketObject::doBind(Op &op)
{
    if (::bind(m_fd, op.call.address.data(), op.call.address.length()) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    readLocalAddress();
    m_info.boundTo = op.call.address;
    // The window tidies the UNIX socket file it bound away on close; Python code does not, and
    // neither does the engine for it (a script's file stays, as with CPython).
    if (op.call.origin != CallOrigin::Script && op.call.origin != CallOrigin::Console)
        m_socketFile.remember(m_info.boundTo);
    if (m_info.state == SocketState::Created)
        setState(SocketState::Bound);
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doListen(Op &op)
{
    // CPython's default backlog is min(SOMAXCONN, 128), and a negative one is raised to 0
    // (the kernel would read -1 as its maximum).
    const int backlog = std::max(op.call.backlog.value_or(std::min(SOMAXCONN, 128)), 0);
    if (::listen(m_fd, backlog) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    readLocalAddress(); // listen() on an unbound socket binds it to an ephemeral port
    m_info.backlog = backlog;
    setState(SocketState::Listening);
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doAccept(Op &op)
{
    int error = 0;
    SocketObject *child = acceptPending(op.call.newSocketId, &error);
    if (!child) {
        if (error == EAGAIN)
            return wouldBlock(op, Step::WaitRead, error);
        finish(op, Outcome::osError(error));
        return Step::Done;
    }
    finish(op, acceptedOutcome(*child, QCoreApplication::translate("core", "new socket %1").arg(child->info().name)));
    // A listener's rules answer the connections accept() takes too, as those watch mode accepts.
    if (child->m_rules && child->m_rules->runnable())
        child->setWatch(true);
    return Step::Done;
}

SocketObject::Step SocketObject::doConnect(Op &op)
{
    const bool ex = op.call.kind == CallKind::ConnectEx;
    auto fail = [&](int error) {
        if (error != EINPROGRESS && error != EALREADY && m_info.state == SocketState::Connecting)
            setState(SocketState::Error);
        if (ex) {
            Outcome o = countOutcome(error);
            o.errorName = errnoName(error);
            o.note = errnoMessage(error);
            finish(op, std::move(o));
        } else {
            finish(op, Outcome::osError(error));
        }
        if (error)
            m_info.lastError = error;
        return Step::Done;
    };
    auto succeed = [&] {
        sockaddr_storage peer;
        socklen_t length = sizeof peer;
        if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0)
            m_info.peer = addressFrom(peer, length);
        readLocalAddress();
        setState(SocketState::Connected);
        Outcome o = ex ? countOutcome(0) : Outcome::ok(QStringLiteral("None"));
        if (op.syscalls > 0)
            o.note = QCoreApplication::translate("core", "the listener's backlog was full: connected on try %1").arg(op.syscalls + 1);
        finish(op, std::move(o));
        return Step::Done;
    };

    m_info.connectTo = op.call.address;
    if (op.connectStarted) {
        // Woken writable: the handshake is over; SO_ERROR says how it ended (CPython does the same).
        int error = 0;
        socklen_t length = sizeof error;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
            error = errno;
        if (error) {
            // CPython in blocking mode waits inside the kernel's connect(), which leaves a failed
            // socket unconnected, so every retry is refused anew. The socket layer of our
            // non-blocking connect stays "connecting" until connect() is called once more (that
            // call answers ECONNABORTED and resets it): made here, in blocking mode only. With a
            // timeout CPython waits as we do and does not settle, so there a retry answers
            // ECONNABORTED, then ECONNREFUSED, exactly as python3 does.
            if (m_info.mode == BlockingMode::Blocking)
                ::connect(m_fd, op.call.address.data(), op.call.address.length());
            return fail(error);
        }
        // Linux keeps the socket layer in SS_CONNECTING until connect() is called once more, and
        // that call returns 0. A blocking connect in CPython never sees this, so we settle it here
        // and a later connect() reports EISCONN as it would there.
        ::connect(m_fd, op.call.address.data(), op.call.address.length());
        return succeed();
    }
    if (platform::retryEintr([&] { return ::connect(m_fd, op.call.address.data(), op.call.address.length()); }) == 0)
        return succeed();
    const int error = errno;
    if (error == EAGAIN && m_info.family == AF_UNIX) {
        // The listener's backlog is full. CPython with a timeout or non-blocking raises
        // BlockingIOError at once (it only waits on EINPROGRESS); a blocking connect waits in the
        // kernel until the listener accepts. No event says "the backlog has room", so a blocking
        // connect tries again after a growing pause (1 ms, doubling, at most 100 ms): parked,
        // cancellable, never a busy loop.
        if (m_info.mode != BlockingMode::Blocking)
            return fail(error);
        op.retryAtNs = monoNs() + op.retry.next();
        ++op.syscalls;
        return Step::WaitTimer;
    }
    if (error == EINPROGRESS) {
        setState(SocketState::Connecting);
        m_info.peer = op.call.address;
        if (effectiveNonBlocking(op))
            return fail(error);
        op.connectStarted = true;
        return Step::WaitWrite;
    }
    return fail(error);
}

void SocketObject::recordSent(QByteArrayView bytes, const SocketAddress &peer)
{
    m_thread.context().traffic.append(id(), Direction::Out, bytes, peer, 0, 0, 0, m_layer->recordsAs());
    m_info.bytesOut += quint64(bytes.size());
    ++m_info.recordsOut;
    countsChanged();
}

// send and sendto: one syscall, its count returned as it is (a partial send stays visible).
SocketObject::Step SocketObject::doSend(Op &op)
{
    const bool to = op.call.kind == CallKind::SendTo;
    const LayerMove move = m_layer->send(m_fd, op.call.data, op.call.flags, to ? op.call.address.data() : nullptr,
                                         to ? op.call.address.length() : 0);
    if (move.want != Step::Done)
        return wouldBlock(op, move.want, EAGAIN);
    if (move.error) {
        recordError(Direction::Out, move.error);
        finish(op, Outcome::osError(move.error));
        return Step::Done;
    }
    const qint64 n = move.count;
    if (to && (!m_info.local.isValid() || m_info.local.port() == 0))
        readLocalAddress(); // sendto() on an unbound socket binds it
    recordSent(QByteArrayView(op.call.data).first(n), to ? op.call.address : m_info.peer);
    Outcome o = countOutcome(n);
    if (n < op.call.data.size())
        o.note = QCoreApplication::translate("core", "partial send: %1 of %2 bytes").arg(n).arg(op.call.data.size());
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
    const SocketAddress address = peerLength > 0 ? addressFrom(peer, peerLength) : SocketAddress();

    quint8 recordFlags = 0;
    if (truncated)
        recordFlags |= TrafficFlag::Truncated;
    if (eof)
        recordFlags |= TrafficFlag::Eof;
    if (op.call.flags & MSG_PEEK)
        recordFlags |= TrafficFlag::Peek;
    if (op.call.flags & MSG_OOB)
        recordFlags |= TrafficFlag::Oob;
    m_thread.context().traffic.append(id(), Direction::In, buffer, datagram ? address : m_info.peer, recordFlags,
                                      quint32(n), 0, m_layer->recordsAs());
    if (!(op.call.flags & MSG_PEEK)) {
        m_info.bytesIn += quint64(stored);
        ++m_info.recordsIn;
    }
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

SocketObject::Step SocketObject::doShutdown(Op &op)
{
    const int how = int(op.call.size);
    if (::shutdown(m_fd, how) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    if (m_info.state == SocketState::Listening) {
        // Linux: SHUT_RD (or SHUT_RDWR) on a listener ends listening and drops the queued
        // connections, and accept() then fails with EINVAL; SHUT_WR changes nothing.
        if (how == SHUT_WR) {
            finish(op, Outcome::ok(QStringLiteral("None")));
            return Step::Done;
        }
        setState(SocketState::ShutDown);
        finish(op, Outcome::ok(QStringLiteral("None")));
        if (m_info.watching && !m_readClosed)
            autoAccept(); // fails with EINVAL: reported once, and watch mode ends
        return Step::Done;
    }
    const bool rd = how == SHUT_RD || how == SHUT_RDWR || m_info.state == SocketState::HalfClosedRead
                    || m_info.state == SocketState::ShutDown;
    const bool wr = how == SHUT_WR || how == SHUT_RDWR || m_info.state == SocketState::HalfClosedWrite
                    || m_info.state == SocketState::ShutDown;
    setState(rd && wr ? SocketState::ShutDown : rd ? SocketState::HalfClosedRead : SocketState::HalfClosedWrite);
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doClose(Op &op)
{
    Outcome o = Outcome::ok(QStringLiteral("None"));
    if (m_fd >= 0) {
        m_thread.setInterest(*this, 0);
        const QString removed = closeDescriptor();
        if (!removed.isEmpty())
            o.note = QCoreApplication::translate("core", "removed the socket file %1 (Python leaves it; os.unlink would)").arg(removed);
        // Live figures describe a descriptor; there is none now.
        m_info.tcpState = TcpState::Unknown;
        m_info.rxQueue = m_info.txQueue = -1;
        m_info.optionValues.clear();
        setState(SocketState::Closed);
    }
    stopSchedules(QCoreApplication::translate("core", "socket closed"));
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doMode(Op &op)
{
    const qint64 ns = op.call.kind == CallKind::SetBlocking ? (op.call.size ? -1 : 0) : op.timeoutNs;
    if (ns < 0) {
        m_info.mode = BlockingMode::Blocking;
        m_info.timeout = -1;
    } else if (ns == 0) {
        m_info.mode = BlockingMode::NonBlocking;
        m_info.timeout = 0;
    } else {
        // CPython keeps whole nanoseconds and gettimeout() divides them back: 1e-12 reads as 1e-09.
        m_info.mode = BlockingMode::Timeout;
        m_info.timeout = double(ns) / 1e9;
    }
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doGetTimeout(Op &op)
{
    switch (m_info.mode) {
    case BlockingMode::Blocking:
        finish(op, Outcome::ok(QStringLiteral("None")));
        break;
    case BlockingMode::NonBlocking:
        finish(op, Outcome::ok(QStringLiteral("0.0")));
        break;
    case BlockingMode::Timeout:
        finish(op, Outcome::ok(pythonFloatRepr(m_info.timeout)));
        break;
    }
    return Step::Done;
}

SocketObject::Step SocketObject::doSetOption(Op &op)
{
    if (::setsockopt(m_fd, op.call.option->level, op.call.option->optname, op.call.optionValue.raw.constData(), socklen_t(op.call.optionValue.raw.size())) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    m_info.options.insert(QLatin1String(op.call.option->name), op.call.optionValue.text);
    changed();
    finish(op, Outcome::ok(QStringLiteral("None")));
    return Step::Done;
}

SocketObject::Step SocketObject::doGetOption(Op &op)
{
    const int wanted = optionBufferSize(*op.call.option);
    QByteArray raw(wanted ? wanted : int(sizeof(int)), '\0');
    socklen_t length = socklen_t(raw.size());
    if (::getsockopt(m_fd, op.call.option->level, op.call.option->optname, raw.data(), &length) != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    raw.truncate(length);
    Outcome o = Outcome::ok(pythonOptionResult(*op.call.option, raw));
    o.data = raw;
    o.note = describeOption(*op.call.option, raw);
    if (!wanted && raw.size() >= int(sizeof(int))) {
        int value;
        std::memcpy(&value, raw.constData(), sizeof value);
        o.count = value;
    }
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doName(Op &op)
{
    sockaddr_storage storage;
    socklen_t length = sizeof storage;
    const bool peer = op.call.kind == CallKind::PeerName;
    const int rc = peer ? ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length)
                        : ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length);
    if (rc != 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    const SocketAddress address = addressFrom(storage, length);
    (peer ? m_info.peer : m_info.local) = address;
    changed();
    Outcome o = Outcome::ok(address.toPython());
    o.address = address;
    finish(op, std::move(o));
    return Step::Done;
}

SocketObject::Step SocketObject::doFileno(Op &op)
{
    finish(op, countOutcome(m_fd));
    return Step::Done;
}

// A second socket object on a duplicate descriptor of the same kernel socket, on this thread:
// its own calls, mode and counters; closing one leaves the other open.
SocketObject::Step SocketObject::doDup(Op &op)
{
    const int fd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        finish(op, Outcome::osError(errno));
        return Step::Done;
    }
    SocketInfo info;
    info.id = op.call.newSocketId;
    info.name = socketName(info.id);
    info.family = m_info.family;
    info.type = m_info.type;
    info.proto = m_info.proto;
    info.state = m_info.state;
    info.local = m_info.local;
    info.peer = m_info.peer;
    info.backlog = m_info.backlog;
    SocketObject &copy = m_thread.adopt(std::make_unique<SocketObject>(m_thread, std::move(info), fd));
    Outcome o = Outcome::ok(copy.info().pythonRepr());
    o.socketId = copy.id();
    finish(op, std::move(o));
    return Step::Done;
}

} // namespace core
