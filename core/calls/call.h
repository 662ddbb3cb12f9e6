#pragma once

#include "core/net/ancillary.h"
#include "core/net/socketaddress.h"
#include "core/net/socketoptions.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace core {

// Every call a front end can make: the socket object's methods and the module's functions.
enum class CallKind : quint8 {
    Socket, SocketPair, Bind, Listen, Accept, Connect, ConnectEx, Send, SendAll, SendTo, Recv, RecvFrom,
    Shutdown, Close, SetBlocking, SetTimeout, GetTimeout, SetOption, GetOption, SockName, PeerName, Fileno,
    Dup, // socket.dup() (and fromfd() of a workbench socket): a second socket on a duplicate descriptor
    FromFd, // socket(fileno=N) of a descriptor the workbench did not open: adopted, owned from then on
    SendMsg, RecvMsg, RecvMsgInto, // with ancillary data (SCM_RIGHTS, SCM_CREDENTIALS, IP_PKTINFO...)
    SendFile, // socket.sendfile(file, offset, count): a file's bytes, read and sent by the engine
    GetHostName, GetHostByName, GetHostByNameEx, GetAddrInfo, GetHostByAddr, GetNameInfo,
    WatchStopped, // not a call: watch mode ended on an error no call reports (a comment in Python)
};

// Who made a call: the journal says it beside the call.
enum class CallOrigin : quint8 { Window, Console, Script, Rule, Schedule, Watch, Session };

// What made a call, beyond its origin, as values: the rule, the schedule and which of its sends,
// the console input, or the script's file and line. Set by whoever makes the call; the journal
// shows text() and the exported script reads the fields.
struct CallSource
{
    int rule = 0;          // Rule: the rule's number (1-based); 0 none
    int schedule = 0;      // Schedule: its id; 0 none
    quint64 send = 0;      // Schedule: which of its sends (1, 2, ...)
    int consoleInput = -1; // Console: the input's number; -1 none
    QString file;          // Script: the file's name (or <string>, <stdin>); empty none
    int line = 0;          // Script: the line
    QString thread;        // Console, Script: the Python thread's name when not the main thread; empty none

    bool isEmpty() const { return !rule && !schedule && consoleInput < 0 && file.isEmpty() && thread.isEmpty(); }
    // As the journal says it: rule 2, schedule 3, send 4, console [5], script.py:12, and the
    // thread when it is not the main one (script.py:12, thread reader); empty when none.
    QString text() const;
};

struct Call;

// What a rendering of calls names things by, where it differs from the call's own values: a
// socket by an expression other than sk<N>, an address by an expression that finds it again (a
// port the kernel picked: sk1.getsockname()), a payload by a variable. The exported script
// renders each call with its spelling; the journal renders with none.
struct CallSpelling
{
    QHash<int, QString> sockets; // socket id -> its expression
    std::vector<std::pair<SocketAddress, QString>> addresses; // a numeric address -> its expression
    QString payload; // send, sendall, sendto: the payload's expression, when set

    QString socket(int socketId) const;
    QString address(const Call &call) const;
};

// One call as a value: which socket, which operation, its typed arguments and who made it. The
// engine's work, the Python text of the call, the journal record and the exported script all
// come from it; nothing parses the text back.
struct Call
{
    CallKind kind = CallKind::Fileno;
    CallOrigin origin = CallOrigin::Window;
    CallSource source;          // the rule, schedule, console input or script line that made it
    int socketId = -1;          // the socket called on; -1 for the module's functions
    int newSocketId = -1;       // socket(), accept(), dup(): the socket it makes (socketpair: the first; +1 the second)
    int group = -1;             // socket(): the client group it joins (session/clientgroup.h); -1 none
    int family = 0;             // socket(), socketpair(), getaddrinfo()
    int type = 0;
    int proto = 0;
    SocketAddress address;      // bind, connect, connect_ex, sendto, getnameinfo
    QString addressHost;        // bind, connect, connect_ex, sendto: the host name typed, if any; the
                                // address gets its host once the name is resolved (lookup thread)
    QByteArray data;            // send, sendall, sendto, sendmsg: the payload (may be a capped copy, see Journal)
    QList<qint64> buffers;      // sendmsg: the sizes of the buffers data joins; recvmsg_into: of those filled
    QList<Ancillary> ancillary; // sendmsg's ancdata
    int ancillarySize = 0;      // recvmsg's ancbufsize
    qint64 dataSize = 0;        // the payload's full size
    int flags = 0;              // send/recv flags; getaddrinfo/getnameinfo flags
    qint64 size = 0;            // recv bufsize, shutdown how, setblocking (1 blocking, 0 not), fileno=,
                                // close (1: the caller held the descriptor open, so EBADF if it is gone),
                                // sendfile count (0: to the end of the file)
    qint64 offset = 0;          // sendfile: where in the file the bytes start
    int descriptor = -1;        // sendfile: the file's descriptor, the caller's (the engine reads a duplicate)
    QString file;               // sendfile: the file's path when its descriptor names one, else empty
    std::optional<int> backlog; // listen() as written
    std::optional<double> seconds; // settimeout(): None when empty
    OptionRef option;           // setsockopt, getsockopt
    int optionBuffer = 0;       // getsockopt's buflen: 0 reads an int
    OptionValue optionValue;    // setsockopt
    QString host;               // the lookups
    QString port;

    // As Python writes it: sk1.bind(('127.0.0.1', 8080)), sk3, addr = sk1.accept(); with a
    // spelling, in its names.
    QString pythonText(const CallSpelling *spelling = nullptr) const;
    // The text assigns a name (sk1 = socket.socket(...), sk3, addr = sk1.accept()).
    bool assigns() const;
    // recv, recvfrom, recvmsg, recvmsg_into: calls whose result is the bytes received.
    bool receives() const
    {
        return kind == CallKind::Recv || kind == CallKind::RecvFrom || kind == CallKind::RecvMsg || kind == CallKind::RecvMsgInto;
    }
    // accept, recv, recvfrom wait for another party and take effect when they finish.
    bool waitsForPeer() const { return kind == CallKind::Accept || receives(); }
    // The module's name lookups (no socket; each runs on a thread of its own).
    bool isLookup() const { return kind >= CallKind::GetHostName && kind <= CallKind::GetNameInfo; }
    // The address argument as typed (a name stays a name, as Python source has it).
    TypedAddress typedAddress() const;
    bool sends() const { return kind == CallKind::Send || kind == CallKind::SendAll || kind == CallKind::SendTo; }
};

// The Python variable of a socket: sk7.
QString socketName(int socketId);
// The method or function name: "bind", "connect_ex", "gethostbyname_ex".
QString callKindName(CallKind kind);
QString callOriginName(CallOrigin origin);

} // namespace core
