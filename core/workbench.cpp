#include "core/workbench.h"
#include "core/workbenchgate.h"

#include "core/base/clock.h"
#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/engine/op.h"
#include "core/engine/socketobject.h"
#include "core/kernel/platform.h"
#include "core/lookup/lookuppool.h"
#include "core/lookup/resolver.h"
#include "core/net/constants.h"
#include "core/net/errors.h"
#include "core/text/payload.h"

#include <QCoreApplication>
#include <QThread>

#include <fcntl.h>
#include <sys/socket.h>

#include <cmath>
#include <thread>

namespace core {

namespace {

// An exception CPython raises before any syscall (argument checks).
Outcome pythonException(PythonError exception)
{
    QString name = exception.className();
    return Outcome::failed(std::move(exception), std::move(name));
}

Outcome valueError(const QString &message)
{
    return pythonException(PythonError::valueError(message));
}

} // namespace

Workbench::Workbench(int ioThreads, QObject *parent)
    : QObject(parent)
    , m_journal(std::make_unique<Journal>())
    , m_traffic(std::make_unique<TrafficStore>())
    , m_registry(std::make_unique<SocketRegistry>())
    , m_context(std::make_unique<EngineContext>(*m_journal, *m_traffic, *m_registry))
    , m_lookupGate(std::make_shared<LookupGate>())
    , m_lookups(std::make_unique<LookupPool>())
{
    qRegisterMetaType<core::SocketAddress>();
    if (ioThreads <= 0)
        ioThreads = std::clamp(QThread::idealThreadCount(), 2, 4);
    for (int i = 0; i < ioThreads; ++i) {
        auto thread = std::make_unique<IoThread>(*m_context, int(m_threads.size()));
        if (const IoThread::SetupError &failed = thread->setupError(); failed.error) {
            // Out of descriptors at start-up: work with the threads that did start, and say so.
            m_startupError = QCoreApplication::translate("core", "an I/O thread could not start: %1() failed with %2 (%3)")
                                 .arg(failed.call, errnoName(failed.error), errnoMessage(failed.error));
            m_startupErrno = failed.error;
            m_context->engineFaults.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        m_threads.push_back(std::move(thread));
    }
    m_lookupGate->journal = m_journal.get();
}

Workbench::~Workbench()
{
    {
        QMutexLocker lock(&m_lookupGate->mutex);
        m_lookupGate->journal = nullptr;
    }
    m_lookups->stop(); // lookups not begun are dropped; one inside a resolver finishes unseen
    m_threads.clear(); // joins the I/O threads and closes every descriptor
}

IoThread *Workbench::nextThread()
{
    if (m_threads.empty())
        return nullptr;
    return m_threads[m_nextThread.fetch_add(1) % m_threads.size()].get();
}

quint64 Workbench::engineFaults() const
{
    return m_context->engineFaults.load(std::memory_order_relaxed);
}

IoThread *Workbench::threadOf(int socketId) const
{
    const int index = m_context->routeOf(socketId);
    return index < 0 ? nullptr : m_threads[size_t(index)].get();
}

Workbench::SocketCall Workbench::createSocket(int family, int type, int proto, int preferredId)
{
    Call call;
    call.kind = CallKind::Socket;
    call.family = family;
    call.type = type;
    call.proto = proto;
    call.newSocketId = preferredId;
    const CallId id = submit(std::move(call));
    return {m_journal->call(id).value->newSocketId, id};
}

Workbench::PairCall Workbench::socketPair(int family, int type, int proto)
{
    Call call;
    call.kind = CallKind::SocketPair;
    call.family = family;
    call.type = type;
    call.proto = proto;
    const CallId id = submit(std::move(call));
    const int first = m_journal->call(id).value->newSocketId;
    return {first, first + 1, id};
}

int Workbench::socketOfDescriptor(int fd) const
{
    return fd < 0 ? -1 : m_context->socketOfDescriptor(fd);
}

CallId Workbench::submit(Call call)
{
    if (call.isLookup())
        return runLookup(std::move(call));
    switch (call.kind) {
    case CallKind::Socket:
        return makeSocket(std::move(call));
    case CallKind::SocketPair:
        return makePair(std::move(call));
    case CallKind::FromFd:
        if (call.size < 0)
            return reject(std::move(call), valueError(QStringLiteral("negative file descriptor")));
        return adoptDescriptor(std::move(call));
    case CallKind::WatchStopped:
        qWarning("Workbench: a watch record is not a call");
        return 0;
    default:
        break;
    }
    Op op;
    // Argument checks CPython makes before any syscall.
    switch (call.kind) {
    case CallKind::Recv:
    case CallKind::RecvFrom:
        if (call.size < 0)
            return reject(std::move(call), valueError(QStringLiteral("negative buffersize in %1").arg(callKindName(call.kind))));
        break;
    case CallKind::RecvMsg:
    case CallKind::RecvMsgInto:
        if (call.size < 0)
            return reject(std::move(call), valueError(QStringLiteral("negative buffer size in recvmsg()")));
        if (call.ancillarySize < 0)
            return reject(std::move(call), valueError(QStringLiteral("invalid ancillary data buffer length")));
        break;
    case CallKind::SetTimeout:
        if (call.seconds) {
            // As CPython's socket_parse_timeout: whole nanoseconds rounded away from zero, which
            // must fit in 64 bits (about 292 years), then no negatives.
            const double seconds = *call.seconds;
            if (std::isnan(seconds))
                return reject(std::move(call), valueError(QStringLiteral("Invalid value NaN (not a number)")));
            const double ns = seconds >= 0 ? std::ceil(seconds * 1e9) : std::floor(seconds * 1e9);
            if (!(ns >= -9223372036854775808.0 && ns < 9223372036854775808.0))
                return reject(std::move(call), pythonException(PythonError::overflowError(
                                                   QStringLiteral("timestamp out of range for platform time_t"))));
            if (ns < 0)
                return reject(std::move(call), valueError(QStringLiteral("Timeout value out of range")));
            op.timeoutNs = qint64(ns);
        }
        break;
    case CallKind::SendFile: {
        if (call.size < 0)
            return reject(std::move(call), valueError(QStringLiteral("count must be a positive integer (got %1)").arg(call.size)));
        // The engine reads its own duplicate: the caller may close its file once the call ends,
        // or earlier if it gives up waiting, and the engine never reads a reused number.
        const int fd = call.descriptor >= 0 ? ::fcntl(call.descriptor, F_DUPFD_CLOEXEC, 0) : -1;
        if (fd < 0)
            return reject(std::move(call), Outcome::osError(call.descriptor < 0 ? EBADF : errno));
        op.file = std::make_shared<const OwnedFd>(fd);
        if (call.file.isEmpty())
            call.file = QString::fromLocal8Bit(platform::filePath(fd));
        break;
    }
    case CallKind::Accept:
    case CallKind::Dup:
        if (call.newSocketId < 0)
            call.newSocketId = m_context->nextSocketId.fetch_add(1);
        break;
    default:
        break;
    }
    IoThread *thread = threadOf(call.socketId);
    if (!thread) {
        qWarning("Workbench: no socket with id %d", call.socketId);
        return reject(std::move(call), Outcome::osError(EBADF, QCoreApplication::translate("core", "no such socket")));
    }
    const int socketId = call.socketId;
    op.awaitingAddress = !call.addressHost.isEmpty();
    op.call = call;
    op.id = m_journal->begin(std::move(call));
    const CallId id = op.id;
    const bool lookup = op.awaitingAddress;
    const QString host = op.call.addressHost;
    const SocketAddress address = op.call.address;
    thread->post([thread, socketId, op = std::move(op)]() mutable {
        if (SocketObject *s = thread->socket(socketId))
            s->enqueue(std::move(op));
        else
            thread->context().journal.finish(op.id, Outcome::osError(EBADF));
    });
    // After the call is queued: the answer must find it there (posts to a thread run in order).
    if (lookup)
        resolveAddress(thread, socketId, id, host, address);
    return id;
}


CallId Workbench::reject(Call call, Outcome outcome)
{
    return m_journal->append(std::move(call), std::move(outcome));
}

namespace {
Call on(int socketId, CallKind kind)
{
    Call call;
    call.kind = kind;
    call.socketId = socketId;
    return call;
}
} // namespace

CallId Workbench::bind(int socketId, const TypedAddress &address)
{
    Call call = on(socketId, CallKind::Bind);
    call.address = address.address;
    call.addressHost = address.hostName;
    return submit(std::move(call));
}

CallId Workbench::listen(int socketId, std::optional<int> backlog)
{
    Call call = on(socketId, CallKind::Listen);
    call.backlog = backlog;
    return submit(std::move(call));
}

CallId Workbench::accept(int socketId)
{
    return submit(on(socketId, CallKind::Accept));
}

CallId Workbench::connect(int socketId, const TypedAddress &address)
{
    Call call = on(socketId, CallKind::Connect);
    call.address = address.address;
    call.addressHost = address.hostName;
    return submit(std::move(call));
}

CallId Workbench::connectEx(int socketId, const TypedAddress &address)
{
    Call call = on(socketId, CallKind::ConnectEx);
    call.address = address.address;
    call.addressHost = address.hostName;
    return submit(std::move(call));
}

CallId Workbench::send(int socketId, const QByteArray &data, int flags)
{
    Call call = on(socketId, CallKind::Send);
    call.data = data;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::sendAll(int socketId, const QByteArray &data, int flags)
{
    Call call = on(socketId, CallKind::SendAll);
    call.data = data;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::sendTo(int socketId, const QByteArray &data, const TypedAddress &address, int flags)
{
    Call call = on(socketId, CallKind::SendTo);
    call.data = data;
    call.flags = flags;
    call.address = address.address;
    call.addressHost = address.hostName;
    return submit(std::move(call));
}

CallId Workbench::recv(int socketId, qint64 bufsize, int flags)
{
    Call call = on(socketId, CallKind::Recv);
    call.size = bufsize;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::recvFrom(int socketId, qint64 bufsize, int flags)
{
    Call call = on(socketId, CallKind::RecvFrom);
    call.size = bufsize;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::sendMsg(int socketId, const QList<QByteArray> &buffers, const QList<Ancillary> &ancillary, int flags,
                          const TypedAddress &address)
{
    Call call = on(socketId, CallKind::SendMsg);
    for (const QByteArray &buffer : buffers) {
        call.data += buffer;
        call.buffers.append(buffer.size());
    }
    call.ancillary = ancillary;
    call.flags = flags;
    call.address = address.address;
    call.addressHost = address.hostName;
    return submit(std::move(call));
}

CallId Workbench::sendFile(int socketId, int fd, qint64 offset, qint64 count)
{
    Call call = on(socketId, CallKind::SendFile);
    call.descriptor = fd;
    call.offset = offset;
    call.size = count;
    return submit(std::move(call));
}

CallId Workbench::recvMsg(int socketId, qint64 bufsize, int ancillarySize, int flags)
{
    Call call = on(socketId, CallKind::RecvMsg);
    call.size = bufsize;
    call.ancillarySize = ancillarySize;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::shutdown(int socketId, int how)
{
    Call call = on(socketId, CallKind::Shutdown);
    call.size = how;
    return submit(std::move(call));
}

CallId Workbench::close(int socketId)
{
    return submit(on(socketId, CallKind::Close));
}

CallId Workbench::setBlocking(int socketId, bool blocking)
{
    Call call = on(socketId, CallKind::SetBlocking);
    call.size = blocking ? 1 : 0;
    return submit(std::move(call));
}

CallId Workbench::setTimeout(int socketId, std::optional<double> seconds)
{
    Call call = on(socketId, CallKind::SetTimeout);
    call.seconds = seconds;
    return submit(std::move(call));
}

CallId Workbench::getTimeout(int socketId)
{
    return submit(on(socketId, CallKind::GetTimeout));
}

CallId Workbench::setOption(int socketId, const OptionSpec &option, const OptionValue &value)
{
    return setOption(socketId, OptionRef(&option), value);
}

CallId Workbench::getOption(int socketId, const OptionSpec &option)
{
    return getOption(socketId, OptionRef(&option), optionBufferSize(option));
}

CallId Workbench::setOption(int socketId, const OptionRef &option, const OptionValue &value)
{
    Call call = on(socketId, CallKind::SetOption);
    call.option = option;
    call.optionValue = value;
    return submit(std::move(call));
}

CallId Workbench::getOption(int socketId, const OptionRef &option, int buflen)
{
    Call call = on(socketId, CallKind::GetOption);
    call.option = option;
    call.optionBuffer = buflen;
    return submit(std::move(call));
}

CallId Workbench::sockName(int socketId)
{
    return submit(on(socketId, CallKind::SockName));
}

CallId Workbench::peerName(int socketId)
{
    return submit(on(socketId, CallKind::PeerName));
}

CallId Workbench::dup(int socketId)
{
    return submit(on(socketId, CallKind::Dup));
}

CallId Workbench::fileno(int socketId)
{
    return submit(on(socketId, CallKind::Fileno));
}

void Workbench::setWatch(int socketId, bool on)
{
    if (IoThread *thread = threadOf(socketId)) {
        thread->post([thread, socketId, on] {
            if (SocketObject *s = thread->socket(socketId))
                s->setWatch(on);
        });
    }
}

void Workbench::refreshLive(int socketId)
{
    if (IoThread *thread = threadOf(socketId)) {
        thread->post([thread, socketId] {
            if (SocketObject *s = thread->socket(socketId))
                s->refreshLive();
        });
    }
}

bool Workbench::cancel(CallId call)
{
    const CallRecord record = m_journal->call(call);
    if (!record.id || record.finished())
        return false;
    if (record.socketId < 0)
        return m_journal->finish(call, Outcome::cancelled(QCoreApplication::translate("core", "cancelled by the user")));
    IoThread *thread = threadOf(record.socketId);
    if (!thread)
        return false;
    const int socketId = record.socketId;
    thread->post([thread, socketId, call] {
        if (SocketObject *s = thread->socket(socketId))
            s->cancel(call, QCoreApplication::translate("core", "cancelled by the user"));
    });
    return true;
}

} // namespace core
