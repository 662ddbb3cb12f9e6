#include "core/calls/call.h"

#include "core/calls/lookuptext.h"
#include "core/net/constants.h"
#include "core/text/payload.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace core {

namespace {

QString withFlags(const QString &args, int flags)
{
    return flags ? args + QStringLiteral(", ") + pythonFlags(flags) : args;
}

QString protoSuffix(int proto)
{
    return proto ? QStringLiteral(", %1").arg(proto) : QString();
}

} // namespace

QString socketName(int socketId)
{
    return QStringLiteral("sk%1").arg(socketId);
}

QString CallSource::text() const
{
    if (!thread.isEmpty()) {
        CallSource where = *this;
        where.thread.clear();
        const QString place = where.text();
        return place.isEmpty() ? QStringLiteral("thread %1").arg(thread) : QStringLiteral("%1, thread %2").arg(place, thread);
    }
    if (rule)
        return QStringLiteral("rule %1").arg(rule);
    if (schedule)
        return QStringLiteral("schedule %1, send %2").arg(schedule).arg(send);
    if (consoleInput >= 0)
        return QStringLiteral("console [%1]").arg(consoleInput);
    if (!file.isEmpty())
        return QStringLiteral("%1:%2").arg(file).arg(line);
    return {};
}

QString CallSpelling::socket(int socketId) const
{
    const auto it = sockets.constFind(socketId);
    return it != sockets.constEnd() ? *it : socketName(socketId);
}

QString CallSpelling::address(const Call &call) const
{
    if (call.addressHost.isEmpty()) {
        for (const auto &[address, expression] : addresses) {
            if (address == call.address)
                return expression;
        }
    }
    return call.typedAddress().toPython();
}

QString Call::pythonText(const CallSpelling *spelling) const
{
    static const CallSpelling plain;
    const CallSpelling &names = spelling ? *spelling : plain;
    auto nameOf = [&names](int id) { return names.socket(id); };
    const QString sk = nameOf(socketId);
    const QString payload = !sends() ? QString() : names.payload.isEmpty() ? pythonBytesArgument(data) : names.payload;
    auto method = [&sk, this](const QString &args = {}) {
        return QStringLiteral("%1.%2(%3)").arg(sk, callKindName(kind), args);
    };
    switch (kind) {
    case CallKind::Socket:
        return QStringLiteral("%1 = socket.socket(%2, %3%4)")
            .arg(nameOf(newSocketId), pythonConstant(addressFamilies(), family), pythonSocketType(type), protoSuffix(proto));
    case CallKind::SocketPair:
        return QStringLiteral("%1, %2 = socket.socketpair(%3, %4%5)")
            .arg(nameOf(newSocketId), nameOf(newSocketId + 1), pythonConstant(addressFamilies(), family),
                 pythonSocketType(type), protoSuffix(proto));
    case CallKind::Bind:
    case CallKind::Connect:
    case CallKind::ConnectEx:
        return method(names.address(*this));
    case CallKind::Listen:
        return method(backlog ? QString::number(*backlog) : QString());
    case CallKind::Accept:
        return QStringLiteral("%1, addr = %2.accept()")
            .arg(newSocketId >= 0 ? nameOf(newSocketId) : QStringLiteral("conn"), sk);
    case CallKind::Send:
    case CallKind::SendAll:
        return method(withFlags(payload, flags));
    case CallKind::SendTo:
        return method(flags ? QStringLiteral("%1, %2, %3").arg(payload, pythonFlags(flags), names.address(*this))
                            : QStringLiteral("%1, %2").arg(payload, names.address(*this)));
    case CallKind::Recv:
    case CallKind::RecvFrom:
        return method(withFlags(QString::number(size), flags));
    case CallKind::SendMsg: {
        // sendmsg(buffers[, ancdata[, flags[, address]]]): the arguments up to the last one given.
        QStringList parts;
        qsizetype at = 0; // the journal may keep a capped copy of data: each buffer shows what is kept
        for (const qint64 length : buffers) {
            const qsizetype from = std::min<qsizetype>(at, data.size());
            parts += pythonBytesArgument(QByteArrayView(data).sliced(from, std::min<qsizetype>(length, data.size() - from)));
            at += length;
        }
        QStringList args{QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']')};
        const bool to = address.isValid();
        if (!ancillary.isEmpty() || flags || to)
            args += pythonAncillaryArgument(ancillary);
        if (flags || to)
            args += pythonFlags(flags);
        if (to)
            args += names.address(*this);
        return method(args.join(QLatin1String(", ")));
    }
    case CallKind::SendFile: {
        // sendfile(file, offset, count), the file opened again by its path when it has one.
        const QString file = this->file.isEmpty() ? QStringLiteral("open(%1, 'rb', closefd=False)").arg(descriptor)
                                                  : QStringLiteral("open(%1, 'rb')").arg(pythonStrLiteral(this->file));
        return method(QStringLiteral("%1, %2, %3").arg(file).arg(offset).arg(size ? QString::number(size) : QStringLiteral("None")));
    }
    case CallKind::RecvMsg:
    case CallKind::RecvMsgInto: {
        QStringList args;
        if (kind == CallKind::RecvMsg) {
            args += QString::number(size);
        } else {
            QStringList made;
            for (const qint64 length : buffers)
                made += QStringLiteral("bytearray(%1)").arg(length);
            args += QLatin1Char('[') + made.join(QLatin1String(", ")) + QLatin1Char(']');
        }
        if (ancillarySize || flags)
            args += QString::number(ancillarySize);
        if (flags)
            args += pythonFlags(flags);
        return method(args.join(QLatin1String(", ")));
    }
    case CallKind::Shutdown:
        return method(pythonConstant(shutdownModes(), int(size)));
    case CallKind::SetBlocking:
        return method(size ? QStringLiteral("True") : QStringLiteral("False"));
    case CallKind::SetTimeout:
        return method(seconds ? pythonFloatArgument(*seconds) : QStringLiteral("None"));
    case CallKind::SetOption:
        return method(QStringLiteral("%1, %2").arg(option.pythonArgs(), optionValue.python));
    case CallKind::GetOption:
        return method(optionBuffer ? QStringLiteral("%1, %2").arg(option.pythonArgs()).arg(optionBuffer) : option.pythonArgs());
    case CallKind::Dup:
        return QStringLiteral("%1 = %2.dup()").arg(nameOf(newSocketId), sk);
    case CallKind::FromFd:
        if (family == -1 && type == -1 && proto == -1)
            return QStringLiteral("%1 = socket.socket(fileno=%2)").arg(nameOf(newSocketId)).arg(size);
        return QStringLiteral("%1 = socket.socket(%2, %3, %4, %5)")
            .arg(nameOf(newSocketId), family == -1 ? QStringLiteral("-1") : pythonConstant(addressFamilies(), family),
                 type == -1 ? QStringLiteral("-1") : pythonSocketType(type), QString::number(proto), QString::number(size));
    case CallKind::Close:
    case CallKind::GetTimeout:
    case CallKind::SockName:
    case CallKind::PeerName:
    case CallKind::Fileno:
        return method();
    case CallKind::GetHostName: return lookup::gethostnameCall();
    case CallKind::GetHostByName: return lookup::gethostbynameCall(host);
    case CallKind::GetHostByNameEx: return lookup::gethostbynameExCall(host);
    case CallKind::GetAddrInfo: return lookup::getaddrinfoCall(host, port, family, type, proto, flags);
    case CallKind::GetHostByAddr: return lookup::gethostbyaddrCall(host);
    case CallKind::GetNameInfo: return lookup::getnameinfoCall(address, flags);
    case CallKind::WatchStopped: return QStringLiteral("# watch %1").arg(sk);
    }
    return {};
}

TypedAddress Call::typedAddress() const
{
    TypedAddress typed(address);
    typed.hostName = addressHost;
    return typed;
}

bool Call::assigns() const
{
    return kind == CallKind::Socket || kind == CallKind::SocketPair || kind == CallKind::Accept || kind == CallKind::Dup
        || kind == CallKind::FromFd;
}

QString callKindName(CallKind kind)
{
    switch (kind) {
    case CallKind::Socket:
    case CallKind::FromFd: return QStringLiteral("socket");
    case CallKind::SocketPair: return QStringLiteral("socketpair");
    case CallKind::SendMsg: return QStringLiteral("sendmsg");
    case CallKind::SendFile: return QStringLiteral("sendfile");
    case CallKind::RecvMsg: return QStringLiteral("recvmsg");
    case CallKind::RecvMsgInto: return QStringLiteral("recvmsg_into");
    case CallKind::Bind: return QStringLiteral("bind");
    case CallKind::Listen: return QStringLiteral("listen");
    case CallKind::Accept: return QStringLiteral("accept");
    case CallKind::Connect: return QStringLiteral("connect");
    case CallKind::ConnectEx: return QStringLiteral("connect_ex");
    case CallKind::Send: return QStringLiteral("send");
    case CallKind::SendAll: return QStringLiteral("sendall");
    case CallKind::SendTo: return QStringLiteral("sendto");
    case CallKind::Recv: return QStringLiteral("recv");
    case CallKind::RecvFrom: return QStringLiteral("recvfrom");
    case CallKind::Shutdown: return QStringLiteral("shutdown");
    case CallKind::Close: return QStringLiteral("close");
    case CallKind::SetBlocking: return QStringLiteral("setblocking");
    case CallKind::SetTimeout: return QStringLiteral("settimeout");
    case CallKind::GetTimeout: return QStringLiteral("gettimeout");
    case CallKind::SetOption: return QStringLiteral("setsockopt");
    case CallKind::GetOption: return QStringLiteral("getsockopt");
    case CallKind::SockName: return QStringLiteral("getsockname");
    case CallKind::PeerName: return QStringLiteral("getpeername");
    case CallKind::Fileno: return QStringLiteral("fileno");
    case CallKind::Dup: return QStringLiteral("dup");
    case CallKind::GetHostName: return QStringLiteral("gethostname");
    case CallKind::GetHostByName: return QStringLiteral("gethostbyname");
    case CallKind::GetHostByNameEx: return QStringLiteral("gethostbyname_ex");
    case CallKind::GetAddrInfo: return QStringLiteral("getaddrinfo");
    case CallKind::GetHostByAddr: return QStringLiteral("gethostbyaddr");
    case CallKind::GetNameInfo: return QStringLiteral("getnameinfo");
    case CallKind::WatchStopped: return QStringLiteral("watch");
    }
    return {};
}

QString callOriginName(CallOrigin origin)
{
    switch (origin) {
    case CallOrigin::Window: return QCoreApplication::translate("core", "window");
    case CallOrigin::Console: return QCoreApplication::translate("core", "console");
    case CallOrigin::Script: return QCoreApplication::translate("core", "script");
    case CallOrigin::Rule: return QCoreApplication::translate("core", "rule");
    case CallOrigin::Schedule: return QCoreApplication::translate("core", "schedule");
    case CallOrigin::Watch: return QCoreApplication::translate("core", "watch mode");
    case CallOrigin::Session: return QCoreApplication::translate("core", "session");
    }
    return {};
}

} // namespace core
