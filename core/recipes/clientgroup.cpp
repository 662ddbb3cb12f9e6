#include "core/recipes/clientgroup.h"

#include "core/kernel/platform.h"
#include "core/net/constants.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace core {

namespace {

constexpr long kDescriptorsKept = 32; // checkClientGroup

QString familyName(int family)
{
    return constantName(addressFamilies(), family);
}

bool holdsDescriptor(const SocketInfo &info)
{
    // A socket whose socket() failed has nothing to close; one whose connection failed has.
    return info.state != SocketState::Closed && !(info.state == SocketState::Error && info.fd < 0);
}

bool isOpen(const SocketInfo &info)
{
    return info.state != SocketState::Closed && info.state != SocketState::Error;
}

QString launcherName(int group)
{
    return QStringLiteral("clientGroupLauncher%1").arg(group);
}

// The clients of one group still to make. Lives as the launcher timer's child state; the timer is
// a child of the Workbench, so it goes when the workbench goes, and closeGroup() deletes it.
struct Launch
{
    Workbench &workbench;
    ClientGroupSpec spec;
    int group = -1;
    int made = 0;

    // One client's calls, back to back: they run in this order on its I/O thread.
    void makeClient(const TypedAddress &target)
    {
        Call socket;
        socket.kind = CallKind::Socket;
        socket.family = spec.family;
        socket.type = spec.type;
        socket.group = group;
        const CallId created = workbench.submit(std::move(socket));
        const int id = workbench.journal().call(created).value->newSocketId;
        workbench.connect(id, target);
        workbench.setWatch(id, true);
        if (!spec.payload.isEmpty()) {
            if (spec.type == sock::Stream)
                workbench.sendAll(id, spec.payload);
            else
                workbench.send(id, spec.payload);
        }
        ++made;
    }

    // Makes the next slice of clients; true when every client is made.
    bool slice()
    {
        const int end = std::min(spec.count, made + kClientsPerSlice);
        while (made < end)
            makeClient(spec.address);
        return made >= spec.count;
    }
};

void runSlices(QTimer *timer, const std::shared_ptr<Launch> &launch)
{
    if (launch->slice()) {
        timer->deleteLater();
        return;
    }
    QObject::connect(timer, &QTimer::timeout, timer, [timer, launch] {
        if (launch->slice()) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(0);
}

} // namespace

std::optional<ClientGroupError> checkClientGroup(const ClientGroupSpec &spec)
{
    const auto fail = [](ClientGroupField field, const QString &message) {
        return std::optional<ClientGroupError>(ClientGroupError{field, InputError{message, -1}});
    };
    if (spec.family != sock::AfInet && spec.family != sock::AfInet6 && spec.family != sock::AfUnix)
        return fail(ClientGroupField::Kind,
                    QCoreApplication::translate("core", "clients are AF_INET, AF_INET6 or AF_UNIX sockets, not %1").arg(familyName(spec.family)));
    if (spec.type != sock::Stream && spec.type != sock::Dgram)
        return fail(ClientGroupField::Kind, QCoreApplication::translate("core", "clients are SOCK_STREAM or SOCK_DGRAM sockets, not %1")
                                                .arg(constantName(socketTypes(), spec.type)));
    if (spec.count < kMinClients || spec.count > kMaxClients)
        return fail(ClientGroupField::Count,
                    QCoreApplication::translate("core", "the number of clients is from %1 to %2, not %3").arg(kMinClients).arg(kMaxClients).arg(spec.count));
    // Each client is a descriptor: asking for more than the process may open would end in as many
    // EMFILE failures. A few are kept back for the window's own files and the server's side.
    if (const long left = platform::descriptorsLeft(); left >= 0 && spec.count > left - kDescriptorsKept)
        return fail(ClientGroupField::Count,
                    QCoreApplication::translate("core", "this process may open %1 more descriptors (RLIMIT_NOFILE): at most %2 clients, not %3")
                        .arg(left).arg(std::max(0L, left - kDescriptorsKept)).arg(spec.count));
    const SocketAddress &address = spec.address.address;
    if (!address.isValid())
        return fail(ClientGroupField::Address, QCoreApplication::translate("core", "give the address the clients connect to"));
    if (address.family() != spec.family)
        return fail(ClientGroupField::Address, QCoreApplication::translate("core", "%1 is an %2 address; these clients are %3")
                                                   .arg(spec.address.toText(), familyName(address.family()), familyName(spec.family)));
    if (spec.family == sock::AfUnix) {
        if (address.isUnnamed())
            return fail(ClientGroupField::Address, QCoreApplication::translate("core", "a UNIX client connects to a path or an @abstract name"));
    } else if (address.port() == 0) {
        return fail(ClientGroupField::Address, QCoreApplication::translate("core", "port 0 is no server's port: give the port the clients connect to"));
    }
    return std::nullopt;
}

int connectClients(Workbench &workbench, const ClientGroupSpec &spec)
{
    if (QThread::currentThread() != workbench.thread()) {
        qWarning("connectClients: call it on the workbench's thread (its slices are timers of that thread)");
        return -1;
    }
    if (const auto error = checkClientGroup(spec)) {
        qWarning("connectClients: %s", qPrintable(error->error.message));
        return -1;
    }
    const int group = workbench.newGroup();
    auto *timer = new QTimer(&workbench);
    timer->setObjectName(launcherName(group));
    auto launch = std::make_shared<Launch>(Launch{workbench, spec, group, 0});
    if (!spec.address.needsLookup()) {
        runSlices(timer, launch);
        return group;
    }
    // One lookup for all: each connect() with a name would look it up on a thread of its own,
    // 10,000 threads at once. Python's connect() calls getaddrinfo() and takes the first address
    // too (socket.create_connection would try the others in turn).
    const CallId lookup = workbench.getaddrinfo(spec.address.hostName, QString::number(spec.address.address.port()),
                                                spec.family, spec.type);
    auto *watcher = new CallWatcher(workbench.journal(), timer);
    watcher->watch(lookup, [timer, launch](const CallRecord &record) {
        if (record.outcome.status != CallStatus::Done || !record.outcome.lookup
            || record.outcome.lookup->entries.isEmpty()) {
            timer->deleteLater(); // the journal shows why: no client is made
            return;
        }
        launch->spec.address = TypedAddress(record.outcome.lookup->entries.first().address);
        runSlices(timer, launch);
    });
    return group;
}

QList<int> groupMembers(const SocketRegistry &registry, int group)
{
    QList<int> members;
    if (group < 0)
        return members;
    for (const SocketInfo &info : registry.snapshot()) {
        if (info.group == group)
            members.append(info.id);
    }
    return members;
}

namespace {

// Submits call(id) on every member of the group that accepts(info).
template<typename Accepts, typename Submit>
int onMembers(Workbench &workbench, int group, Accepts accepts, Submit submit)
{
    int calls = 0;
    if (group < 0)
        return calls;
    for (const SocketInfo &info : workbench.sockets().snapshot()) {
        if (info.group == group && accepts(info)) {
            submit(info);
            ++calls;
        }
    }
    return calls;
}

} // namespace

int closeGroup(Workbench &workbench, int group)
{
    if (auto *launcher = workbench.findChild<QTimer *>(launcherName(group), Qt::FindDirectChildrenOnly)) {
        launcher->stop();
        delete launcher; // its clients still to make are not made
    }
    return onMembers(workbench, group, holdsDescriptor, [&workbench](const SocketInfo &info) { workbench.close(info.id); });
}

int shutdownGroup(Workbench &workbench, int group, int how)
{
    return onMembers(workbench, group, isOpen, [&workbench, how](const SocketInfo &info) { workbench.shutdown(info.id, how); });
}

int sendToGroup(Workbench &workbench, int group, const QByteArray &bytes)
{
    return onMembers(workbench, group, isOpen, [&workbench, &bytes](const SocketInfo &info) {
        if (info.type == sock::Stream)
            workbench.sendAll(info.id, bytes);
        else
            workbench.send(info.id, bytes);
    });
}

} // namespace core
