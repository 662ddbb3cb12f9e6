#pragma once

#include "tests/core/testsupport.h"

#include <QProcess>
#include <QTemporaryDir>

#include <sys/socket.h>

#include <algorithm>
#include <optional>

// Helpers shared by the responder tests: python3 peers started and waited for with bounds, the
// sockets rules are set on, and what the journal, the traffic store and the schedule status say.
namespace responderpeers {

// A client that sends each message (Python escapes allowed: \n, \x00) and prints each reply
// without its final newline: a stream reply is read up to a newline, a datagram reply is one
// datagram. argv: family type host-or-path port own-path(UNIX datagram, or '') messages...
inline const QString kClient = QStringLiteral(R"(
import socket, sys
family, type_ = int(sys.argv[1]), int(sys.argv[2])
target = sys.argv[3] if family == socket.AF_UNIX else (sys.argv[3], int(sys.argv[4]))
own = sys.argv[5]
s = socket.socket(family, type_)
s.settimeout(10)
if own:
    s.bind(own)
if type_ == socket.SOCK_STREAM:
    s.connect(target)
for m in sys.argv[6:]:
    data = m.encode('latin-1').decode('unicode_escape').encode('latin-1')
    if type_ == socket.SOCK_STREAM:
        s.sendall(data)
        reply = b''
        while not reply.endswith(b'\n'):
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    else:
        s.sendto(data, target)
        reply, peer = s.recvfrom(65536)
        assert peer == target, (peer, target)
    print(reply.decode('latin-1').rstrip('\n'), flush=True)
s.close()
)");

// A client driven line by line on stdin: "ask MESSAGE" sends the message (Python escapes
// allowed) and prints the reply read up to its newline. argv: host port.
inline const QString kAskingClient = QStringLiteral(R"(
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
print('connected', flush=True)
for line in sys.stdin:
    if not line.startswith('ask '):
        break
    s.sendall(line[4:].rstrip('\n').encode('latin-1').decode('unicode_escape').encode('latin-1'))
    reply = b''
    while not reply.endswith(b'\n'):
        chunk = s.recv(4096)
        if not chunk:
            break
        reply += chunk
    print(reply.decode('latin-1').rstrip('\n'), flush=True)
)");

inline bool startPeer(QProcess &python, const QString &script, const QStringList &args, QString *firstLine = nullptr)
{
    python.setProcessChannelMode(QProcess::SeparateChannels);
    python.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
    if (!python.waitForStarted(5000))
        return false;
    if (!firstLine)
        return true;
    while (!python.canReadLine()) {
        if (!python.waitForReadyRead(10000)) {
            qWarning("python peer said nothing: %s", python.readAllStandardError().constData());
            return false;
        }
    }
    *firstLine = QString::fromUtf8(python.readLine()).trimmed();
    return true;
}

// Waits (bounded) for the peer to exit 0 and gives the lines it printed.
inline bool peerFinished(QProcess &python, QStringList *lines, int timeoutMs = 30000)
{
    // waitForFinished() is false for a peer that already finished (an event loop ran meanwhile).
    if (python.state() != QProcess::NotRunning && !python.waitForFinished(timeoutMs)) {
        qWarning("python peer still running after %d ms", timeoutMs);
        python.kill();
        python.waitForFinished(2000);
        return false;
    }
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    *lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        qWarning("python peer failed (%d): %s\nstdout: %s", python.exitCode(), python.readAllStandardError().constData(),
                 qPrintable(out));
        return false;
    }
    return true;
}

// Asks a kAskingClient peer to send a message, and gives the reply it printed (bounded).
inline QString ask(QProcess &python, const QString &message)
{
    python.write("ask " + message.toLatin1() + '\n');
    while (!python.canReadLine()) {
        if (!python.waitForReadyRead(10000)) {
            qWarning("no reply to %s: %s", qPrintable(message), python.readAllStandardError().constData());
            return QStringLiteral("<no reply>");
        }
    }
    return QString::fromLatin1(python.readLine()).chopped(1);
}

// The client script's arguments for a target address.
inline QStringList clientArgs(int family, int type, const core::SocketAddress &target, const QString &own,
                              const QStringList &messages)
{
    QStringList args{QString::number(family), QString::number(type), target.host(),
                     family == AF_UNIX ? QStringLiteral("0") : QString::number(target.port()), own};
    return args + messages;
}

inline core::Rule makeRule(core::MatchKind match, const QString &pattern, core::ReplyKind reply, const QString &replyText)
{
    core::Rule r;
    r.match = match;
    r.pattern = pattern;
    r.reply = reply;
    r.replyText = replyText;
    return r;
}

// The journal's calls a rule or a schedule made, in order.
inline QList<core::CallRecord> callsBy(const core::Workbench &wb, core::CallOrigin origin)
{
    QList<core::CallRecord> out;
    for (qsizetype i = 0; i < wb.journal().count(); ++i) {
        core::CallRecord r = wb.journal().at(i);
        if (r.value && r.value->origin == origin)
            out.append(std::move(r));
    }
    return out;
}

inline int finishedCount(const QList<core::CallRecord> &calls)
{
    int n = 0;
    for (const core::CallRecord &r : calls)
        n += r.finished();
    return n;
}

// The payloads of a socket's records in one direction, in order (not EOF or error records).
inline QList<QByteArray> records(const core::Workbench &wb, int socketId, core::Direction direction)
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < wb.traffic().count(); ++i) {
        const core::TrafficRecord r = wb.traffic().at(i);
        if (r.socketId == socketId && r.direction == direction
            && !(r.flags & (core::TrafficFlag::Eof | core::TrafficFlag::Error)))
            out.append(wb.traffic().payload(r).toByteArray());
    }
    return out;
}

inline std::optional<core::ScheduleStatus> scheduleStatus(const core::Workbench &wb, int id)
{
    for (const core::ScheduleStatus &s : wb.schedules()) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

// The sockets a listener accepted.
inline QList<int> childrenOf(const core::Workbench &wb, int listenerId)
{
    QList<int> out;
    for (const core::SocketInfo &info : wb.sockets().snapshot()) {
        if (info.parentId == listenerId)
            out.append(info.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A fresh path for a UNIX socket in dir, numbered by the count in names.
inline QString socketPath(const QTemporaryDir &dir, int *names, const QString &name)
{
    return dir.filePath(QStringLiteral("%1-%2.sock").arg(name).arg(++*names));
}

// A socket the rules are set on: a listener for a stream, a bound socket for datagrams.
struct Server
{
    int id = -1;
    core::SocketAddress address;
};

inline Server serve(core::Workbench &wb, const QTemporaryDir &dir, int *names, int family, int type,
                    const QList<core::Rule> &rules)
{
    Server s;
    if (type == SOCK_STREAM) {
        const testsupport::Listener l =
            testsupport::listener(wb, family, dir, SOCK_STREAM, QStringLiteral("listener-%1").arg(++*names));
        s.id = l.id;
        s.address = l.address;
    } else {
        s.id = wb.createSocket(family, type).socketId;
        const core::SocketAddress where = family == AF_UNIX
                                              ? testsupport::address(socketPath(dir, names, QStringLiteral("server")), AF_UNIX)
                                              : testsupport::loopback(family, dir);
        if (!testsupport::succeeded(testsupport::finished(wb, wb.bind(s.id, where))))
            return {};
        s.address = testsupport::finished(wb, wb.sockName(s.id)).outcome.address;
    }
    wb.setRules(s.id, rules);
    // Calls to a socket and its rules go to its I/O thread in order: once this call is done, the
    // rules are in place and the socket is watched.
    testsupport::finished(wb, wb.sockName(s.id));
    if (!wb.sockets().info(s.id).watching)
        qWarning("a socket with rules is not watched");
    return s;
}

} // namespace responderpeers
