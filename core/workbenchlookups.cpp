// The Workbench's name lookups: they run on the lookup pool's threads (at most four at once), so a
// resolver that hangs blocks no I/O thread, and report through the LookupGate (a lookup thread
// may outlive the Workbench).
#include "core/workbench.h"

#include "core/engine/enginecontext.h"
#include "core/engine/iothread.h"
#include "core/engine/socketobject.h"
#include "core/lookup/lookuppool.h"
#include "core/lookup/resolver.h"
#include "core/workbenchgate.h"

namespace core {

CallId Workbench::runLookup(Call call)
{
    std::function<Outcome()> lookup;
    switch (call.kind) {
    case CallKind::GetHostName:
        lookup = [] { return lookup::gethostname(); };
        break;
    case CallKind::GetHostByName:
        lookup = [host = call.host] { return lookup::gethostbyname(host); };
        break;
    case CallKind::GetHostByNameEx:
        lookup = [host = call.host] { return lookup::gethostbynameEx(host); };
        break;
    case CallKind::GetAddrInfo:
        lookup = [c = call] { return lookup::getaddrinfo(c.host, c.port, c.family, c.type, c.proto, c.flags); };
        break;
    case CallKind::GetHostByAddr:
        lookup = [host = call.host] { return lookup::gethostbyaddr(host); };
        break;
    default:
        lookup = [address = call.address, flags = call.flags] { return lookup::getnameinfo(address, flags); };
        break;
    }
    const CallId id = m_journal->begin(std::move(call));
    m_lookups->run([gate = m_lookupGate, id, lookup = std::move(lookup)] {
        Outcome outcome = lookup();
        QMutexLocker lock(&gate->mutex);
        if (gate->journal)
            gate->journal->finish(id, std::move(outcome));
    });
    return id;
}

int Workbench::lookupThreads() const
{
    return m_lookups->workers();
}

void Workbench::resolveAddress(IoThread *thread, int socketId, CallId call, const QString &host, const SocketAddress &address)
{
    m_lookups->run([gate = m_lookupGate, thread, socketId, call, host, address = SocketAddress(address)]() mutable {
        const Outcome outcome = lookup::resolveAddress(host, &address);
        // The gate is open while the Workbench, and so its I/O threads, live.
        QMutexLocker lock(&gate->mutex);
        if (!gate->journal)
            return;
        thread->post([thread, socketId, call, address, outcome] {
            if (SocketObject *s = thread->socket(socketId))
                s->addressResolved(call, address, outcome);
            else
                thread->context().journal.finish(call, Outcome::osError(EBADF));
        });
    });
}

namespace {
Call lookupCall(CallKind kind, const QString &host = {})
{
    Call call;
    call.kind = kind;
    call.host = host;
    return call;
}
} // namespace

CallId Workbench::gethostname()
{
    return submit(lookupCall(CallKind::GetHostName));
}

CallId Workbench::gethostbyname(const QString &host)
{
    return submit(lookupCall(CallKind::GetHostByName, host));
}

CallId Workbench::gethostbynameEx(const QString &host)
{
    return submit(lookupCall(CallKind::GetHostByNameEx, host));
}

CallId Workbench::getaddrinfo(const QString &host, const QString &port, int family, int type, int proto, int flags)
{
    Call call = lookupCall(CallKind::GetAddrInfo, host);
    call.port = port;
    call.family = family;
    call.type = type;
    call.proto = proto;
    call.flags = flags;
    return submit(std::move(call));
}

CallId Workbench::gethostbyaddr(const QString &address)
{
    return submit(lookupCall(CallKind::GetHostByAddr, address));
}

CallId Workbench::getnameinfo(const SocketAddress &address, int flags)
{
    Call call = lookupCall(CallKind::GetNameInfo);
    call.address = address;
    call.flags = flags;
    return submit(std::move(call));
}

} // namespace core
