#pragma once

#include "net/socketaddress.h"
#include "net/socketoptions.h"
#include "store/journal.h"

#include <QByteArray>

namespace core {

enum class OpKind : quint8 {
    Bind, Listen, Accept, Connect, ConnectEx, Send, SendAll, SendTo, Recv, RecvFrom,
    Shutdown, Close, SetBlocking, SetTimeout, GetTimeout, SetOption, GetOption,
    SockName, PeerName, Fileno,
};

// One queued call on a socket: its parameters, and its progress while it waits.
struct Op
{
    CallId call = 0;
    OpKind kind = OpKind::Fileno;

    SocketAddress address;     // bind, connect, sendto
    QByteArray data;           // send, sendall, sendto; option value for setsockopt
    int flags = 0;             // send/recv flags
    qint64 size = 0;           // recv bufsize, listen backlog, shutdown how, setblocking flag
    qint64 timeoutNs = -1;     // settimeout, as CPython keeps it: whole ns rounded up (< 0: None)
    const OptionSpec *option = nullptr;
    QString optionText;        // setsockopt: the value as typed
    int newSocketId = -1;      // accept: the id reserved for the new socket

    // Progress, kept while the call waits.
    bool started = false;
    qint64 deadlineNs = 0;     // 0: none
    qint64 done = 0;           // bytes sent by sendall / received by MSG_WAITALL
    int syscalls = 0;
    QByteArray received;
    bool connectStarted = false;
    qint64 retryAtNs = 0;      // a blocking AF_UNIX connect to a full backlog: when to try again
    qint64 retryStepNs = 0;
};

} // namespace core
