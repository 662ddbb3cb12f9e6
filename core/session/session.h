#pragma once

#include "net/result.h"
#include "net/socketaddress.h"
#include "store/socketregistry.h"

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
    QMap<QString, QString> options; // option name -> value as typed
    SocketAddress bind;       // invalid: not bound
    bool listen = false;
    int backlog = 128;
    SocketAddress connect;    // invalid: not connected
    BlockingMode mode = BlockingMode::Blocking;
    double timeout = -1;
    bool watch = false;
};

struct Session
{
    QList<SocketSpec> sockets;
};

constexpr int kSessionFormatVersion = 1;

// The versioned JSON format: {"format": "socket-workbench-session", "version": 1, "sockets": [...]}.
QByteArray sessionToJson(const Session &session);
Result<Session> sessionFromJson(const QByteArray &json);

// The session as it stands: every socket not closed or failed, with its settings. Accepted
// connections are left out (they come from their listener), as are socketpair ends.
Session captureSession(const SocketRegistry &registry);

// Makes the session's sockets again, in order, without blocking: returns the running chain.
CallChain *applySession(Workbench &workbench, const Session &session);

} // namespace core
