#include "workbench.h"

#include "codec/payload.h"
#include "engine/enginecontext.h"
#include "engine/iothread.h"
#include "engine/op.h"
#include "engine/socketobject.h"
#include "lookup/resolver.h"
#include "net/constants.h"
#include "net/errors.h"
#include "store/clock.h"

#include <QThread>

#include <sys/socket.h>

#include <cmath>
#include <thread>

namespace core {

// Lookup threads may outlive the Workbench (a resolver can hang); they report through this gate,
// which the Workbench closes when it goes away.
struct LookupGate
{
    QMutex mutex;
    Journal *journal = nullptr;
};

namespace {

// An exception CPython raises before any syscall (argument checks).
Outcome pythonException(const QString &type, const QString &message)
{
    Outcome o;
    o.status = CallStatus::Failed;
    o.errorName = type;
    o.result = type + QStringLiteral(": ") + message;
    return o;
}

Outcome valueError(const QString &message)
{
    return pythonException(QStringLiteral("ValueError"), message);
}

QString withFlags(const QString &args, int flags)
{
    return flags ? args + QStringLiteral(", ") + pythonFlags(flags) : args;
}

} // namespace

Workbench::Workbench(int ioThreads, QObject *parent)
    : QObject(parent)
    , m_journal(std::make_unique<Journal>())
    , m_traffic(std::make_unique<TrafficStore>())
    , m_registry(std::make_unique<SocketRegistry>())
    , m_context(std::make_unique<EngineContext>(*m_journal, *m_traffic, *m_registry))
    , m_lookupGate(std::make_shared<LookupGate>())
{
    qRegisterMetaType<core::SocketAddress>();
    if (ioThreads <= 0)
        ioThreads = std::clamp(QThread::idealThreadCount(), 2, 4);
    for (int i = 0; i < ioThreads; ++i) {
        auto thread = std::make_unique<IoThread>(*m_context, int(m_threads.size()));
        if (const IoThread::SetupError &failed = thread->setupError(); failed.error) {
            // Out of descriptors at start-up: work with the threads that did start, and say so.
            m_startupError = QStringLiteral("an I/O thread could not start: %1() failed with %2 (%3)")
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

QString Workbench::nameOf(int socketId) const
{
    return QStringLiteral("sk%1").arg(socketId);
}

Workbench::SocketCall Workbench::createSocket(int family, int type, int proto, int preferredId)
{
    const int id = m_context->claimSocketId(preferredId);
    QString call = QStringLiteral("%1 = socket.socket(%2, %3")
                       .arg(nameOf(id), pythonConstant(addressFamilies(), family), pythonConstant(socketTypes(), type));
    if (proto)
        call += QStringLiteral(", %1").arg(proto);
    call += QLatin1Char(')');

    SocketInfo info;
    info.id = id;
    info.name = nameOf(id);
    info.family = family;
    info.type = type;
    info.proto = proto;
    IoThread *thread = nextThread();
    if (!thread) {
        info.state = SocketState::Error;
        m_registry->publish(info);
        return {id, reject(id, call, Outcome::osError(m_startupErrno, m_startupError))};
    }
    m_registry->publish(info);
    const CallId callId = m_journal->begin(id, call);
    m_context->setRoute(id, thread->index());
    thread->post([thread, info, callId]() mutable {
        const int fd = ::socket(info.family, info.type | SOCK_NONBLOCK | SOCK_CLOEXEC, info.proto);
        const int error = errno;
        if (fd < 0)
            info.state = SocketState::Error;
        SocketObject &s = thread->adopt(std::make_unique<SocketObject>(*thread, info, fd));
        if (fd < 0) {
            QString note;
            if (info.type == SOCK_RAW && (error == EPERM || error == EACCES))
                note = QStringLiteral("SOCK_RAW needs the CAP_NET_RAW capability: run as root, or grant it with "
                                      "`setcap cap_net_raw+ep` on the program");
            thread->context().journal.finish(callId, Outcome::osError(error, note));
            return;
        }
        Outcome o = Outcome::ok(s.info().pythonRepr());
        o.socketId = s.id();
        o.count = fd;
        thread->context().journal.finish(callId, std::move(o));
    });
    return {id, callId};
}

Workbench::PairCall Workbench::socketPair(int family, int type, int proto)
{
    const int first = m_context->nextSocketId.fetch_add(2);
    const int second = first + 1;
    QString call = QStringLiteral("%1, %2 = socket.socketpair(%3, %4")
                       .arg(nameOf(first), nameOf(second), pythonConstant(addressFamilies(), family),
                            pythonConstant(socketTypes(), type));
    if (proto)
        call += QStringLiteral(", %1").arg(proto);
    call += QLatin1Char(')');

    SocketInfo a;
    a.family = family;
    a.type = type;
    a.proto = proto;
    SocketInfo b = a;
    a.id = first;
    a.name = nameOf(first);
    a.pairedWith = second;
    b.id = second;
    b.name = nameOf(second);
    b.pairedWith = first;
    // Both ends live on one thread so a test or a user can drive them in lock-step.
    IoThread *thread = nextThread();
    if (!thread) {
        a.state = b.state = SocketState::Error;
        m_registry->publish(a);
        m_registry->publish(b);
        return {first, second, reject(first, call, Outcome::osError(m_startupErrno, m_startupError))};
    }
    m_registry->publish(a);
    m_registry->publish(b);
    const CallId callId = m_journal->begin(first, call);
    m_context->setRoute(first, thread->index());
    m_context->setRoute(second, thread->index());
    thread->post([thread, a, b, callId]() mutable {
        int fds[2] = {-1, -1};
        const int rc = ::socketpair(a.family, a.type | SOCK_NONBLOCK | SOCK_CLOEXEC, a.proto, fds);
        const int error = errno;
        a.state = b.state = rc == 0 ? SocketState::Connected : SocketState::Error;
        SocketObject &sa = thread->adopt(std::make_unique<SocketObject>(*thread, a, fds[0]));
        SocketObject &sb = thread->adopt(std::make_unique<SocketObject>(*thread, b, fds[1]));
        if (rc != 0) {
            thread->context().journal.finish(callId, Outcome::osError(error));
            return;
        }
        Outcome o = Outcome::ok(QStringLiteral("(%1, %2)").arg(sa.info().pythonRepr(), sb.info().pythonRepr()));
        o.socketId = sa.id();
        thread->context().journal.finish(callId, std::move(o));
    });
    return {first, second, callId};
}

CallId Workbench::enqueue(int socketId, QString call, Op op, QByteArray argument)
{
    IoThread *thread = threadOf(socketId);
    if (!thread) {
        qWarning("Workbench: no socket with id %d", socketId);
        return reject(socketId, std::move(call), Outcome::osError(EBADF, QStringLiteral("no such socket")));
    }
    op.call = m_journal->begin(socketId, std::move(call), std::move(argument));
    const CallId id = op.call;
    thread->post([thread, socketId, op = std::move(op)]() mutable {
        if (SocketObject *s = thread->socket(socketId))
            s->enqueue(std::move(op));
        else
            thread->context().journal.finish(op.call, Outcome::osError(EBADF));
    });
    return id;
}

CallId Workbench::reject(int socketId, QString call, Outcome outcome)
{
    return m_journal->append(socketId, std::move(call), std::move(outcome));
}

CallId Workbench::bind(int socketId, const SocketAddress &address)
{
    Op op;
    op.kind = OpKind::Bind;
    op.address = address;
    return enqueue(socketId, QStringLiteral("%1.bind(%2)").arg(nameOf(socketId), address.toPython()), std::move(op));
}

CallId Workbench::listen(int socketId, std::optional<int> backlog)
{
    Op op;
    op.kind = OpKind::Listen;
    // CPython's default backlog is min(SOMAXCONN, 128), and a negative one is raised to 0
    // (the kernel would read -1 as its maximum).
    op.size = std::max(backlog.value_or(std::min(SOMAXCONN, 128)), 0);
    const QString args = backlog ? QString::number(*backlog) : QString();
    return enqueue(socketId, QStringLiteral("%1.listen(%2)").arg(nameOf(socketId), args), std::move(op));
}

CallId Workbench::accept(int socketId)
{
    Op op;
    op.kind = OpKind::Accept;
    op.newSocketId = m_context->nextSocketId.fetch_add(1);
    return enqueue(socketId, QStringLiteral("%1, addr = %2.accept()").arg(nameOf(op.newSocketId), nameOf(socketId)),
                   std::move(op));
}

CallId Workbench::connect(int socketId, const SocketAddress &address)
{
    Op op;
    op.kind = OpKind::Connect;
    op.address = address;
    return enqueue(socketId, QStringLiteral("%1.connect(%2)").arg(nameOf(socketId), address.toPython()), std::move(op));
}

CallId Workbench::connectEx(int socketId, const SocketAddress &address)
{
    Op op;
    op.kind = OpKind::ConnectEx;
    op.address = address;
    return enqueue(socketId, QStringLiteral("%1.connect_ex(%2)").arg(nameOf(socketId), address.toPython()),
                   std::move(op));
}

CallId Workbench::send(int socketId, const QByteArray &data, int flags)
{
    Op op;
    op.kind = OpKind::Send;
    op.data = data;
    op.flags = flags;
    return enqueue(socketId, QStringLiteral("%1.send(%2)").arg(nameOf(socketId), withFlags(pythonBytesArgument(data), flags)),
                   std::move(op), data);
}

CallId Workbench::sendAll(int socketId, const QByteArray &data, int flags)
{
    Op op;
    op.kind = OpKind::SendAll;
    op.data = data;
    op.flags = flags;
    return enqueue(socketId,
                   QStringLiteral("%1.sendall(%2)").arg(nameOf(socketId), withFlags(pythonBytesArgument(data), flags)),
                   std::move(op), data);
}

CallId Workbench::sendTo(int socketId, const QByteArray &data, const SocketAddress &address, int flags)
{
    Op op;
    op.kind = OpKind::SendTo;
    op.data = data;
    op.flags = flags;
    op.address = address;
    const QString args = flags ? QStringLiteral("%1, %2, %3").arg(pythonBytesArgument(data), pythonFlags(flags), address.toPython())
                               : QStringLiteral("%1, %2").arg(pythonBytesArgument(data), address.toPython());
    return enqueue(socketId, QStringLiteral("%1.sendto(%2)").arg(nameOf(socketId), args), std::move(op), data);
}

CallId Workbench::recv(int socketId, qint64 bufsize, int flags)
{
    const QString call = QStringLiteral("%1.recv(%2)").arg(nameOf(socketId), withFlags(QString::number(bufsize), flags));
    if (bufsize < 0)
        return reject(socketId, call, valueError(QStringLiteral("negative buffersize in recv")));
    Op op;
    op.kind = OpKind::Recv;
    op.size = bufsize;
    op.flags = flags;
    return enqueue(socketId, call, std::move(op));
}

CallId Workbench::recvFrom(int socketId, qint64 bufsize, int flags)
{
    const QString call =
        QStringLiteral("%1.recvfrom(%2)").arg(nameOf(socketId), withFlags(QString::number(bufsize), flags));
    if (bufsize < 0)
        return reject(socketId, call, valueError(QStringLiteral("negative buffersize in recvfrom")));
    Op op;
    op.kind = OpKind::RecvFrom;
    op.size = bufsize;
    op.flags = flags;
    return enqueue(socketId, call, std::move(op));
}

CallId Workbench::shutdown(int socketId, int how)
{
    Op op;
    op.kind = OpKind::Shutdown;
    op.size = how;
    return enqueue(socketId, QStringLiteral("%1.shutdown(%2)").arg(nameOf(socketId), pythonConstant(shutdownModes(), how)),
                   std::move(op));
}

CallId Workbench::close(int socketId)
{
    Op op;
    op.kind = OpKind::Close;
    return enqueue(socketId, QStringLiteral("%1.close()").arg(nameOf(socketId)), std::move(op));
}

CallId Workbench::setBlocking(int socketId, bool blocking)
{
    Op op;
    op.kind = OpKind::SetBlocking;
    op.size = blocking ? 1 : 0;
    return enqueue(socketId,
                   QStringLiteral("%1.setblocking(%2)").arg(nameOf(socketId), blocking ? QStringLiteral("True") : QStringLiteral("False")),
                   std::move(op));
}

CallId Workbench::setTimeout(int socketId, std::optional<double> seconds)
{
    const QString call = QStringLiteral("%1.settimeout(%2)")
                             .arg(nameOf(socketId), seconds ? pythonFloatArgument(*seconds) : QStringLiteral("None"));
    Op op;
    op.kind = OpKind::SetTimeout;
    if (seconds) {
        // As CPython's socket_parse_timeout: whole nanoseconds rounded away from zero, which must
        // fit in 64 bits (about 292 years), then no negatives.
        if (std::isnan(*seconds))
            return reject(socketId, call, valueError(QStringLiteral("Invalid value NaN (not a number)")));
        const double ns = *seconds >= 0 ? std::ceil(*seconds * 1e9) : std::floor(*seconds * 1e9);
        if (!(ns >= -9223372036854775808.0 && ns < 9223372036854775808.0))
            return reject(socketId, call,
                          pythonException(QStringLiteral("OverflowError"), QStringLiteral("timestamp out of range for platform time_t")));
        if (ns < 0)
            return reject(socketId, call, valueError(QStringLiteral("Timeout value out of range")));
        op.timeoutNs = qint64(ns);
    }
    return enqueue(socketId, call, std::move(op));
}

CallId Workbench::getTimeout(int socketId)
{
    Op op;
    op.kind = OpKind::GetTimeout;
    return enqueue(socketId, QStringLiteral("%1.gettimeout()").arg(nameOf(socketId)), std::move(op));
}

CallId Workbench::setOption(int socketId, const OptionSpec &option, const OptionValue &value)
{
    Op op;
    op.kind = OpKind::SetOption;
    op.option = &option;
    op.data = value.raw;
    op.optionText = value.text;
    return enqueue(socketId,
                   QStringLiteral("%1.setsockopt(%2, %3)").arg(nameOf(socketId), pythonOptionArgs(option), value.python),
                   std::move(op));
}

CallId Workbench::getOption(int socketId, const OptionSpec &option)
{
    Op op;
    op.kind = OpKind::GetOption;
    op.option = &option;
    const int buflen = optionBufferSize(option);
    const QString args = buflen ? QStringLiteral("%1, %2").arg(pythonOptionArgs(option)).arg(buflen) : pythonOptionArgs(option);
    return enqueue(socketId, QStringLiteral("%1.getsockopt(%2)").arg(nameOf(socketId), args), std::move(op));
}

CallId Workbench::sockName(int socketId)
{
    Op op;
    op.kind = OpKind::SockName;
    return enqueue(socketId, QStringLiteral("%1.getsockname()").arg(nameOf(socketId)), std::move(op));
}

CallId Workbench::peerName(int socketId)
{
    Op op;
    op.kind = OpKind::PeerName;
    return enqueue(socketId, QStringLiteral("%1.getpeername()").arg(nameOf(socketId)), std::move(op));
}

CallId Workbench::fileno(int socketId)
{
    Op op;
    op.kind = OpKind::Fileno;
    return enqueue(socketId, QStringLiteral("%1.fileno()").arg(nameOf(socketId)), std::move(op));
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
        return m_journal->finish(call, Outcome::cancelled(QStringLiteral("cancelled by the user")));
    IoThread *thread = threadOf(record.socketId);
    if (!thread)
        return false;
    const int socketId = record.socketId;
    thread->post([thread, socketId, call] {
        if (SocketObject *s = thread->socket(socketId))
            s->cancel(call, QStringLiteral("cancelled by the user"));
    });
    return true;
}

CallId Workbench::runLookup(QString call, std::function<Outcome()> lookup)
{
    const CallId id = m_journal->begin(-1, std::move(call));
    std::thread([gate = m_lookupGate, id, lookup = std::move(lookup)] {
        Outcome outcome = lookup();
        QMutexLocker lock(&gate->mutex);
        if (gate->journal)
            gate->journal->finish(id, std::move(outcome));
    }).detach();
    return id;
}

CallId Workbench::gethostname()
{
    return runLookup(lookup::gethostnameCall(), [] { return lookup::gethostname(); });
}

CallId Workbench::gethostbyname(const QString &host)
{
    return runLookup(lookup::gethostbynameCall(host), [host] { return lookup::gethostbyname(host); });
}

CallId Workbench::gethostbynameEx(const QString &host)
{
    return runLookup(lookup::gethostbynameExCall(host), [host] { return lookup::gethostbynameEx(host); });
}

CallId Workbench::getaddrinfo(const QString &host, const QString &port, int family, int type, int proto, int flags)
{
    return runLookup(lookup::getaddrinfoCall(host, port, family, type, proto, flags),
                     [=] { return lookup::getaddrinfo(host, port, family, type, proto, flags); });
}

CallId Workbench::gethostbyaddr(const QString &address)
{
    return runLookup(lookup::gethostbyaddrCall(address), [address] { return lookup::gethostbyaddr(address); });
}

CallId Workbench::getnameinfo(const SocketAddress &address, int flags)
{
    return runLookup(lookup::getnameinfoCall(address, flags), [address, flags] { return lookup::getnameinfo(address, flags); });
}

} // namespace core
