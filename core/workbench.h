#pragma once

#include "core/net/socketaddress.h"
#include "core/net/socketoptions.h"
#include "core/responder/responder.h"
#include "core/store/journal.h"
#include "core/store/socketregistry.h"
#include "core/store/trafficstore.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace core {

struct EngineContext;
class IoThread;
struct LookupGate;
class LookupPool;

// The façade over the socket engine: the only type a front end (window, console, benchmark)
// talks to. Thread-safe, and every method returns at once: a call gets a CallId, runs on the
// socket's I/O thread in the order the calls were made, and its outcome arrives in the journal.
// Sockets are spread over a small fixed set of I/O threads; a waiting call holds no thread.
class Workbench final : public QObject
{
    Q_OBJECT
public:
    struct SocketCall
    {
        int socketId = -1;
        CallId call = 0;
    };
    struct PairCall
    {
        int first = -1;
        int second = -1;
        CallId call = 0;
    };
    // The lookup pool's threads running now (at most LookupPool::kMaxWorkers).
    int lookupThreads() const;

    explicit Workbench(int ioThreads = 0, QObject *parent = nullptr);

    // Makes any call from its value: the one way in for every front end (the named methods
    // below build the value for it). Returns at once; the outcome arrives in the journal, and
    // journal().wait(id) lets a caller that is not the window wait for it.
    CallId submit(Call call);
    ~Workbench() override;

    // The stores, read-only: only the engine writes them (front ends make calls).
    const Journal &journal() const { return *m_journal; }
    const TrafficStore &traffic() const { return *m_traffic; }
    const SocketRegistry &sockets() const { return *m_registry; }
    // The workbench socket that holds this descriptor now, or -1 (exact, unlike a snapshot).
    int socketOfDescriptor(int fd) const;
    int ioThreadCount() const { return int(m_threads.size()); }
    // Empty, or why I/O threads could not start (descriptors exhausted): the engine then runs on
    // those that did, and with none every call fails with that error.
    QString startupError() const { return m_startupError; }
    // Failures inside the engine that no single call reports (see EngineContext::engineFaults).
    quint64 engineFaults() const;

    // socket.socket(family, type, proto) and socket.socketpair(family, type, proto).
    // preferredId: the number to name it by (sk7) if no socket has had it yet (sessions keep
    // their names); otherwise, or when -1, the next free number.
    SocketCall createSocket(int family, int type, int proto = 0, int preferredId = -1);
    PairCall socketPair(int family, int type, int proto = 0);
    // A number for a new client group (session/clientgroup.h): 1, 2, ... never reused.
    int newGroup() { return m_nextGroup.fetch_add(1); }

    CallId bind(int socketId, const TypedAddress &address);
    CallId listen(int socketId, std::optional<int> backlog = std::nullopt);
    CallId accept(int socketId);
    CallId connect(int socketId, const TypedAddress &address);
    CallId connectEx(int socketId, const TypedAddress &address);
    CallId send(int socketId, const QByteArray &data, int flags = 0);
    CallId sendAll(int socketId, const QByteArray &data, int flags = 0);
    CallId sendTo(int socketId, const QByteArray &data, const TypedAddress &address, int flags = 0);
    CallId recv(int socketId, qint64 bufsize, int flags = 0);
    CallId recvFrom(int socketId, qint64 bufsize, int flags = 0);
    // sendmsg(buffers, ancdata, flags, address) (no address: an invalid one) and
    // recvmsg(bufsize, ancbufsize, flags); the message's ancillary items are in Outcome::message.
    CallId sendMsg(int socketId, const QList<QByteArray> &buffers, const QList<Ancillary> &ancillary, int flags = 0,
                   const TypedAddress &address = {});
    CallId recvMsg(int socketId, qint64 bufsize, int ancillarySize, int flags = 0);
    // socket.sendfile(file, offset, count): count bytes of the file open on fd from offset (0: to
    // its end), sent as sendall sends; the caller keeps its descriptor (the engine reads a duplicate).
    CallId sendFile(int socketId, int fd, qint64 offset = 0, qint64 count = 0);
    CallId shutdown(int socketId, int how);
    CallId close(int socketId);
    CallId setBlocking(int socketId, bool blocking);
    CallId setTimeout(int socketId, std::optional<double> seconds);
    CallId getTimeout(int socketId);
    CallId setOption(int socketId, const OptionSpec &option, const OptionValue &value);
    CallId getOption(int socketId, const OptionSpec &option);
    // Any option by its numbers (OptionRef::byNumber); buflen 0 reads an int, as Python's getsockopt.
    CallId setOption(int socketId, const OptionRef &option, const OptionValue &value);
    CallId getOption(int socketId, const OptionRef &option, int buflen);
    CallId sockName(int socketId);
    CallId peerName(int socketId);
    CallId fileno(int socketId);
    // socket.dup(): a second socket on a duplicate of the descriptor; Outcome::socketId names it.
    CallId dup(int socketId);

    // Continuous receive (continuous accept on a listener, new connections watched too).
    void setWatch(int socketId, bool on);
    // Reads queue sizes and TCP state into the socket's snapshot (not a journaled call).
    void refreshLive(int socketId);
    // Asks the socket's I/O thread to cancel a call. False when the journal already shows the
    // call finished (or there is no such call). True means the request is on its way, not that
    // it took: the call may finish on its I/O thread first. The journal record tells which: its
    // outcome is Cancelled when the cancel took, and the call's own outcome otherwise.
    bool cancel(CallId call);

    // Responder rules: replace the socket's rules (an empty list removes them). On a listener they
    // answer every connection it accepts, now and later. A rule that does not compile is kept,
    // with its error, and does not run. A socket with rules that can run is watched.
    void setRules(int socketId, const QList<Rule> &rules);
    // The socket's rules with their hits; *inherited says they are its listener's.
    QList<RuleStatus> rules(int socketId, bool *inherited = nullptr) const;
    // Datagrams a rule matched and could not answer (the sender has no address).
    quint64 rulesUnanswerable(int socketId) const;

    // Repeated and burst sends, timed by the socket's I/O thread: the schedule's id, or why it
    // cannot run (nothing is sent then). Closing the socket stops its schedules.
    std::variant<int, ScheduleError> startSchedule(const Schedule &schedule);
    bool stopSchedule(int scheduleId);
    QList<ScheduleStatus> schedules() const;

    // Name lookups, each on a thread of its own so a hung resolver blocks nothing else.
    CallId gethostname();
    CallId gethostbyname(const QString &host);
    CallId gethostbynameEx(const QString &host);
    CallId getaddrinfo(const QString &host, const QString &port, int family = 0, int type = 0, int proto = 0,
                       int flags = 0);
    CallId gethostbyaddr(const QString &address);
    CallId getnameinfo(const SocketAddress &address, int flags = 0);

private:
    CallId makeSocket(Call call);
    CallId makePair(Call call);
    CallId adoptDescriptor(Call call);
    // What the calls that make one socket do first: an I/O thread for it, its first snapshot,
    // the journal entry and the route. Null when no thread runs: the call is rejected then.
    IoThread *placeSocket(SocketInfo &info, Call call, CallId *callId);
    CallId reject(Call call, Outcome outcome);
    IoThread *threadOf(int socketId) const;
    IoThread *nextThread();
    CallId runLookup(Call call);
    // Resolves a bind/connect/sendto host name on a lookup thread, then hands the address (or the
    // socket.gaierror) to the queued call on its I/O thread.
    void resolveAddress(IoThread *thread, int socketId, CallId call, const QString &host, const SocketAddress &address);

    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<TrafficStore> m_traffic;
    std::unique_ptr<SocketRegistry> m_registry;
    std::unique_ptr<EngineContext> m_context;
    std::vector<std::unique_ptr<IoThread>> m_threads;
    std::atomic<unsigned> m_nextThread{0};
    std::atomic<int> m_nextGroup{1};
    std::shared_ptr<LookupGate> m_lookupGate;
    std::unique_ptr<LookupPool> m_lookups; // the lookups' threads, bounded (lookup/lookuppool.h)
    QString m_startupError;
    int m_startupErrno = 0;
};

} // namespace core
