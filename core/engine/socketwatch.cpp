// SocketObject's watch mode: continuous receive on a connected or datagram socket, continuous
// accept on a listener. Each syscall that returns data is one traffic record, so message
// boundaries stay visible. Reads per wake-up are bounded so one flooded socket cannot starve
// the others on the same thread; epoll is level-triggered and reports the rest next round.
#include "core/engine/socketobject.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/kernel/platform.h"
#include "core/net/errors.h"

#include <QCoreApplication>

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace core {

namespace {
constexpr int kStreamReadsPerWake = 16;
constexpr int kDatagramBatch = 32;
constexpr int kDatagramBatchesPerWake = 8;
constexpr int kHeavyBatch = 8; // datagrams in one recvmmsg that mean a flood (IoThread::noteHeavyTraffic)
constexpr int kAcceptsPerWake = 64;
constexpr qsizetype kDatagramBuffer = 64 * 1024;

// accept(2) errors that concern one pending connection, not the listener: Linux passes network
// errors of the new connection on through accept, and the next accept may well succeed.
bool acceptErrorIsTransient(int error)
{
    switch (error) {
    case ECONNABORTED: case EPROTO: case EPERM: case ENETDOWN: case ENETUNREACH: case ENOPROTOOPT:
    case EHOSTDOWN: case EHOSTUNREACH: case ENONET: case ETIMEDOUT:
        return true;
    default:
        return false;
    }
}
} // namespace

void SocketObject::watchRead()
{
    if (m_info.state == SocketState::Listening)
        autoAccept();
    else if (m_info.type == SOCK_STREAM)
        watchStream();
    else
        watchDatagrams();
}

void SocketObject::watchStream()
{
    TrafficStore &traffic = m_thread.context().traffic;
    TrafficStore::ReadSpace &space = m_thread.readSpace();
    const TrafficLayer layer = m_layer->recordsAs(); // one virtual call per wake, not per record
    for (int i = 0; i < kStreamReadsPerWake; ++i) {
        // Straight into the store when it has room: through the plain layer the bytes are copied
        // once, by the kernel; a layer that decrypts writes its plaintext there.
        const bool direct = traffic.prepare(space, IoThread::kReadBufferSize);
        char *buffer = direct ? space.data : m_thread.readBuffer();
        const LayerMove move = m_layer->receive(m_fd, buffer, IoThread::kReadBufferSize, 0, nullptr, nullptr);
        if (move.want != Step::Done) {
            // The wait a layer needs is interest the socket does not keep for watch reads yet: a
            // plain read only ever waits to be readable, which watch mode already waits for.
            break;
        }
        const qint64 n = move.count;
        if (move.error) {
            const int error = move.error;
            recordError(Direction::In, error);
            m_readClosed = true;
            setState(SocketState::Error);
            break;
        }
        if (n == 0) {
            traffic.append(id(), Direction::In, {}, m_info.peer, TrafficFlag::Eof, 0, 0, layer);
            m_readClosed = true;
            noteReadEof();
            break;
        }
        if (direct)
            traffic.commit(space, id(), Direction::In, n, m_info.peer, layer);
        else
            traffic.append(id(), Direction::In, QByteArrayView(buffer, n), m_info.peer, 0, 0, 0, layer);
        m_info.bytesIn += quint64(n);
        ++m_info.recordsIn;
        countsChanged();
        if (m_rules) {
            // The store's bytes stay where they are once committed (an append-only arena).
            respond(QByteArrayView(buffer, n), m_info.peer);
            if (m_fd < 0)
                break; // a rule closed the socket
        }
        if (n < IoThread::kReadBufferSize)
            break; // drained: saves the EAGAIN round trip
    }
}

void SocketObject::watchDatagrams()
{
    // recvmmsg: one syscall for up to kDatagramBatch datagrams, each its own record and peer.
    static thread_local std::unique_ptr<char[]> storage(new char[kDatagramBatch * kDatagramBuffer]);
    mmsghdr messages[kDatagramBatch];
    iovec vectors[kDatagramBatch];
    sockaddr_storage peers[kDatagramBatch];
    // SO_RXQ_OVFL: each datagram carries the kernel's count of datagrams dropped so far.
    alignas(cmsghdr) char control[kDatagramBatch][CMSG_SPACE(sizeof(quint32))];
    TrafficStore &traffic = m_thread.context().traffic;
    const bool seqpacket = m_info.type == SOCK_SEQPACKET;

    for (int batch = 0; batch < kDatagramBatchesPerWake; ++batch) {
        for (int i = 0; i < kDatagramBatch; ++i) {
            vectors[i] = {storage.get() + i * kDatagramBuffer, size_t(kDatagramBuffer)};
            messages[i] = {};
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
            messages[i].msg_hdr.msg_name = &peers[i];
            messages[i].msg_hdr.msg_namelen = sizeof peers[i];
            messages[i].msg_hdr.msg_control = control[i];
            messages[i].msg_hdr.msg_controllen = sizeof control[i];
        }
        const int n = platform::retryEintr(
            [&] { return ::recvmmsg(m_fd, messages, kDatagramBatch, MSG_TRUNC, nullptr); });
        if (n < 0) {
            if (errno == EAGAIN) {
                if (batch == 0 && readSideShut()) {
                    // Readable (EPOLLRDHUP) with nothing to read: the read side is shut down and
                    // nothing more can arrive. Said once, as the end of a stream is; then the
                    // socket leaves the epoll set instead of waking this thread for ever.
                    traffic.append(id(), Direction::In, {}, m_info.peer, TrafficFlag::Eof);
                    m_readClosed = true;
                    changed();
                }
                break;
            }
            const int error = errno;
            recordError(Direction::In, error);
            // ICMP errors on UDP (ECONNREFUSED) are transient; on SEQPACKET an error ends the stream.
            if (seqpacket) {
                m_readClosed = true;
                setState(SocketState::Error);
            }
            break;
        }
        for (int i = 0; i < n; ++i) {
            for (cmsghdr *c = CMSG_FIRSTHDR(&messages[i].msg_hdr); c; c = CMSG_NXTHDR(&messages[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    quint32 dropped;
                    std::memcpy(&dropped, CMSG_DATA(c), sizeof dropped);
                    m_info.drops = dropped;
                }
            }
            const quint32 wire = messages[i].msg_len;
            const qsizetype stored = std::min<qsizetype>(wire, kDatagramBuffer);
            const socklen_t peerLength = messages[i].msg_hdr.msg_namelen;
            const SocketAddress peer = peerLength > 0
                ? SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&peers[i]), peerLength)
                : m_info.peer;
            if (seqpacket && wire == 0) {
                traffic.append(id(), Direction::In, {}, peer, TrafficFlag::Eof);
                m_readClosed = true;
                noteReadEof();
                return;
            }
            const quint8 flags = (messages[i].msg_hdr.msg_flags & MSG_TRUNC) || wire > kDatagramBuffer
                                     ? TrafficFlag::Truncated : 0;
            traffic.append(id(), Direction::In, QByteArrayView(static_cast<const char *>(vectors[i].iov_base), stored), peer, flags, wire);
            m_info.bytesIn += quint64(stored);
            ++m_info.recordsIn;
            if (m_rules) {
                respond(QByteArrayView(static_cast<const char *>(vectors[i].iov_base), stored), peer);
                if (m_fd < 0)
                    return; // a rule closed the socket
            }
        }
        countsChanged();
        if (n >= kHeavyBatch)
            m_thread.noteHeavyTraffic();
        if (n < kDatagramBatch)
            break;
    }
}

void SocketObject::autoAccept()
{
    Journal &journal = m_thread.context().journal;
    Call call;
    call.kind = CallKind::Accept;
    call.origin = CallOrigin::Watch;
    call.socketId = id();
    for (int i = 0; i < kAcceptsPerWake; ++i) {
        int error = 0;
        SocketObject *child = acceptPending(-1, &error);
        if (!child) {
            if (error == EAGAIN)
                return;
            if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
                // Out of descriptors: say so once per burst, stop polling the listener, retry later
                // with a growing delay. The pending connections stay in the kernel's backlog.
                m_acceptBackoffNs = monoNs() + m_acceptBackoff.next();
                m_thread.scheduleDeadline(m_acceptBackoffNs, id());
                if (!m_emfileReported) {
                    m_emfileReported = true;
                    journal.append(call, Outcome::osError(error, QCoreApplication::translate("core", "auto-accept paused; retrying with backoff")));
                    m_info.lastError = error;
                }
                updateInterest();
                changed();
                return;
            }
            if (acceptErrorIsTransient(error))
                continue; // that one connection is gone; the listener is fine
            // The listener itself cannot accept (shut down: EINVAL, or worse). As accept() would
            // raise it, once; watch mode ends rather than retrying a call that keeps failing.
            stopWatchReads(call, error, QCoreApplication::translate("core", "auto-accept stopped"));
            return;
        }
        m_acceptBackoff.reset();
        m_emfileReported = false;
        call.newSocketId = child->id();
        journal.append(call, acceptedOutcome(*child, QCoreApplication::translate("core", "auto-accept (watch)")));
        child->setWatch(true);
    }
}

SocketObject *SocketObject::acceptPending(int newId, int *error)
{
    sockaddr_storage peer;
    socklen_t length = sizeof peer;
    const int fd = platform::retryEintr(
        [&] { return ::accept4(m_fd, reinterpret_cast<sockaddr *>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC); });
    if (fd < 0) {
        *error = errno;
        return nullptr;
    }
    if (newId < 0)
        newId = m_thread.context().nextSocketId.fetch_add(1);
    return adoptAccepted(fd, SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&peer), length), newId);
}

Outcome SocketObject::acceptedOutcome(const SocketObject &child, const QString &note)
{
    const SocketAddress &address = child.info().peer;
    Outcome o = Outcome::ok(QStringLiteral("(%1, %2)").arg(child.info().pythonRepr(), address.toPython()));
    o.socketId = child.id();
    o.address = address;
    o.note = note;
    return o;
}

SocketObject *SocketObject::adoptAccepted(int fd, const SocketAddress &peer, int newId)
{
    SocketInfo info;
    info.id = newId;
    info.parentId = id();
    info.name = socketName(newId);
    info.family = m_info.family;
    info.type = m_info.type;
    info.proto = m_info.proto;
    info.state = SocketState::Connected;
    info.peer = peer;
    auto child = std::make_unique<SocketObject>(m_thread, std::move(info), fd);
    child->readLocalAddress();
    child->m_rules = m_rules; // a listener's rules answer its connections
    return &m_thread.adopt(std::move(child));
}

} // namespace core
