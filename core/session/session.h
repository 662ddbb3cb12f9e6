#pragma once

#include "core/base/result.h"
#include "core/net/socketaddress.h"
#include "core/responder/responder.h"
#include "core/session/payloadlibrary.h"
#include "core/store/socketregistry.h"

#include <QByteArray>
#include <QList>
#include <QMap>

#include <optional>

namespace core {

class CallChain;
class Workbench;

// One socket of a saved session: how to make it again. Never traffic, never code: a session file
// can only describe sockets.
struct SocketSpec
{
    QString name;             // informational: the variable it had (sk3)
    int family = 0;
    int type = 0;
    int proto = 0;
    OptionSettings options;   // each with its value as typed
    SocketAddress bind;       // invalid: not bound
    bool listen = false;
    int backlog = 128;
    SocketAddress connect;    // invalid: not connected
    // The socket (named earlier in the session) whose address connect goes to: when reopened,
    // connect uses the address that socket got then (a listener bound to port 0 gets a new port).
    QString connectSocket;
    BlockingMode mode = BlockingMode::Blocking;
    double timeout = -1;
    bool watch = false;
    QList<Rule> rules;         // responder rules (version 2)
    QList<Schedule> schedules; // repeated sends still running when saved, started again (version 2)
};

struct Session
{
    QList<SocketSpec> sockets;
    QList<SavedPayload> payloads; // the session's saved payloads (version 2)
};

// 1: sockets. 2: rules and schedules per socket, saved payloads. A version 1 file still opens.
constexpr int kSessionFormatVersion = 2;

// The versioned JSON format: {"format": "socket-workbench-session", "version": 2, "sockets": [...],
// "payloads": [...]}; docs/session-format.md describes every field.
QByteArray sessionToJson(const Session &session);
Result<Session> sessionFromJson(const QByteArray &json);

// Reads a session file: a regular file of at most kMaxSessionFileBytes. A FIFO, a device or a
// directory is refused with a message (never read, never waited on).
Result<QByteArray> readSessionFile(const QString &path);
constexpr qint64 kMaxSessionFileBytes = 16 << 20;

// The session as it stands: every socket not closed, with its settings, failed ones included.
// Accepted connections are left out (they come from their listener), as are socketpair ends.
// A client connected to another captured socket's address records that socket (connectSocket).
Session captureSession(const SocketRegistry &registry);
// The same, with each socket's own rules and its running schedules.
Session captureSession(const Workbench &workbench);

// Makes the session's sockets again, in order, without blocking: returns the running chain.
// Sockets keep their names (sk2 comes back as sk2) where no socket has taken the number yet.
// Each socket's steps stop at its first failed call (CallChain::stepFailed, group = index in
// session.sockets): no later step runs on a socket whose bind failed. closeFirst: sockets to
// close before anything opens (a session replacing what the window had).
CallChain *applySession(Workbench &workbench, const Session &session, const QList<int> &closeFirst = {});

} // namespace core
