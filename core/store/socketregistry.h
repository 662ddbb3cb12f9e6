#pragma once

#include "core/base/coalescer.h"
#include "core/kernel/tcpstate.h"
#include "core/net/socketaddress.h"
#include "core/net/socketoptions.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>

#include <memory>
#include <vector>

namespace core {

enum class SocketState : quint8 {
    Created,
    Bound,
    Listening,
    Connecting,
    Connected,
    HalfClosedRead,  // shutdown(SHUT_RD), or the peer's EOF was read
    HalfClosedWrite, // shutdown(SHUT_WR): we sent FIN, we can still read
    ShutDown,        // both directions shut down, descriptor still open
    Closed,
    Error,           // socket() failed, or the connection failed/reset
};

enum class BlockingMode : quint8 { Blocking, NonBlocking, Timeout };

// "connected", "half-closed (rd)": in the window's language (translated, context "core").
QString stateName(SocketState state);
// The same name in English whatever the language: for files that are not the window's.
QString stateSourceName(SocketState state);

// A snapshot of one socket as its I/O thread last published it.
struct SocketInfo
{
    int id = -1;
    int parentId = -1;      // the listener an accepted socket came from
    int group = -1;         // the client group it was made in (session/clientgroup.h); -1 none
    QString name;           // Python variable: sk1
    int fd = -1;
    int family = 0;
    int type = 0;
    int proto = 0;
    SocketState state = SocketState::Created;
    SocketAddress local;
    SocketAddress peer;
    BlockingMode mode = BlockingMode::Blocking;
    double timeout = -1;    // seconds when mode is Timeout
    bool watching = false;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 recordsIn = 0;
    quint64 recordsOut = 0;
    int lastError = 0;
    int pendingCalls = 0;
    // Live figures, read by Workbench::refreshLive on the socket's thread.
    int rxQueue = -1;       // FIONREAD / SIOCINQ
    int txQueue = -1;       // SIOCOUTQ
    TcpState tcpState = TcpState::Unknown; // TCP_INFO tcpi_state
    quint32 drops = 0;      // datagrams the kernel dropped (SO_RXQ_OVFL)
    OptionSettings options;       // options set successfully, with the value each got
    OptionReadings optionValues;  // live: every readable option's value, or the errno getsockopt gave
    // What the user asked for, kept so a session can make the socket again.
    SocketAddress boundTo;   // last successful bind()
    SocketAddress connectTo; // last connect()/connect_ex() target
    int backlog = -1;        // last successful listen()
    int pairedWith = -1;     // the other end of a socketpair()

    // <socket.socket fd=5, family=2, type=1, proto=0, laddr=('127.0.0.1', 8080)>
    QString pythonRepr() const;
    // sk1 = socket.socket(...) value spelled for tables: "TCP", "UDP6", "UNIX stream"...
    QString kindText() const;
    bool isStream() const; // SOCK_STREAM (front ends need not include the socket headers)
};

// A published snapshot, shared: readers hold it without copying its strings and maps.
using SocketSnapshot = std::shared_ptr<const SocketInfo>;

// Every socket's latest snapshot, published by the I/O threads; changed() is coalesced to at most
// one signal per kChangedMs, the rate of the journal and the traffic log.
class SocketRegistry final : public QObject
{
    Q_OBJECT
public:
    explicit SocketRegistry(QObject *parent = nullptr);

    void publish(const SocketInfo &info);
    SocketInfo info(int id) const;
    bool contains(int id) const;
    QList<int> ids() const;          // in creation order
    QList<SocketInfo> snapshot() const;
    // The sockets published after version since, as they are now, in creation order; *version
    // gets the version to pass next time. Pass 0 for all. A view of 10,000 sockets refreshes
    // what changed instead of copying every snapshot each time.
    QList<SocketSnapshot> changedSince(quint64 since, quint64 *version) const;
    int openCount() const; // holding a descriptor (failed ones included, until closed)
    // The most recently accepted connection of a listener that is still open, or -1.
    int newestOpenChild(int parentId) const;

signals:
    void changed();

private:
    mutable QMutex m_mutex;
    std::vector<SocketSnapshot> m_sockets; // creation order
    std::vector<quint64> m_versions;   // the version each was last published at, same order
    QHash<int, qsizetype> m_positions; // id -> index in m_sockets
    quint64 m_version = 0;
    static constexpr int kChangedMs = 33;
    Coalescer m_notify{kChangedMs};
};

} // namespace core
