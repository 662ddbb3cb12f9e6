#pragma once

#include "core/calls/call.h"
#include "core/net/pythonerror.h"
#include "core/net/socketaddress.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace core {

using CallId = quint64;

// One address a name lookup produced (a getaddrinfo row).
struct AddressInfo
{
    int family = 0;
    int type = 0;
    int proto = 0;
    QString canonName;
    SocketAddress address;
};

// What a name lookup found, beside its Python rendering.
struct LookupResult
{
    QString name;            // canonical or reverse-resolved host name
    QStringList aliases;
    QList<AddressInfo> entries;
};

// What recvmsg() returns beside the bytes and the address: its ancillary items and msg_flags.
struct ReceivedMessage
{
    QList<Ancillary> ancillary;
    int flags = 0; // MSG_TRUNC, MSG_CTRUNC, MSG_EOR, MSG_OOB...
};

enum class CallStatus : quint8 { Pending, Done, Failed, Cancelled };

// How a call ended, as a value, plus its Python rendering. Filled by the thread that ran it.
struct Outcome
{
    CallStatus status = CallStatus::Pending;
    QString result;        // Python: None, 5, b'hi', (b'x', ('127.0.0.1', 9)), or exception.text()
    PythonError exception; // when Failed: what Python raises (the interpreter raises it from this)
    int error = 0;         // errno (or EAI_* / h_errno for lookups) when Failed
    QString errorName;     // ECONNREFUSED, EAI_NONAME, "timeout"
    qint64 count = -1;     // bytes sent, connect_ex's code, fileno, option value
    QByteArray data;       // bytes received
    SocketAddress address; // peer of recvfrom/accept, result of getsockname/getpeername
    int socketId = -1;     // the socket a call created (socket, accept)
    QString note;          // what Python does not show: "3 send() calls", "truncated from 2000 bytes"
    std::shared_ptr<const LookupResult> lookup; // name lookups only
    std::shared_ptr<const ReceivedMessage> message; // recvmsg and recvmsg_into only

    static Outcome ok(QString result);
    // A Python int result, kept as a count too (send's bytes, connect_ex's code, fileno).
    static Outcome counted(qint64 count);
    static Outcome osError(int error, QString note = {});
    static Outcome timeout();
    // Raises exception: result is its text; errorName says it for people (ECONNREFUSED, EAI_NONAME).
    static Outcome failed(PythonError exception, QString errorName, QString note = {});
    static Outcome cancelled(QString why);
};

struct CallRecord
{
    CallId id = 0;
    int socketId = -1;     // -1 for calls on the module (lookups)
    QString call;          // sk1.bind(('127.0.0.1', 8080)): value->pythonText(), as a reader gets it
    std::shared_ptr<const Call> value; // the call itself; its payload may be a capped copy
    qint64 startWallNs = 0;
    qint64 startMonoNs = 0;
    qint64 durationNs = -1; // -1 while pending
    Outcome outcome;

    bool finished() const { return outcome.status != CallStatus::Pending; }
    // The payload of send/sendall/sendto as kept, and whether all of it was kept.
    QByteArray payload() const { return value ? value->data : QByteArray(); }
    bool payloadComplete() const { return !value || value->data.size() == value->dataSize; }
};

} // namespace core
