#include "session.h"

#include "net/constants.h"
#include "net/socketoptions.h"
#include "session/callchain.h"
#include "workbench.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace core {

namespace {

constexpr auto kFormat = "socket-workbench-session";

QString modeName(BlockingMode mode)
{
    switch (mode) {
    case BlockingMode::Blocking: return QStringLiteral("blocking");
    case BlockingMode::NonBlocking: return QStringLiteral("nonblocking");
    case BlockingMode::Timeout: return QStringLiteral("timeout");
    }
    return {};
}

// The short text, unless it would lose an IPv6 flow label: then the Python tuple, which keeps it.
QString addressText(const SocketAddress &address)
{
    return address.flowInfo() ? address.toPython() : address.toText();
}

Result<SocketSpec> specFromJson(const QJsonObject &o, int index)
{
    auto fail = [index](const QString &what) {
        return Result<SocketSpec>::failure(QStringLiteral("socket %1: %2").arg(index + 1).arg(what));
    };
    SocketSpec spec;
    spec.name = o.value(QLatin1String("name")).toString();
    spec.family = constantValue(addressFamilies(), o.value(QLatin1String("family")).toString());
    if (spec.family < 0)
        return fail(QStringLiteral("family must be AF_INET, AF_INET6 or AF_UNIX"));
    spec.type = constantValue(socketTypes(), o.value(QLatin1String("type")).toString());
    if (spec.type < 0)
        return fail(QStringLiteral("type must be SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM or SOCK_SEQPACKET"));
    const QJsonValue proto = o.value(QLatin1String("proto"));
    if (!proto.isUndefined() && (!proto.isDouble() || proto.toInt(-1) < 0 || proto.toInt(-1) > 255))
        return fail(QStringLiteral("proto must be a number 0-255"));
    spec.proto = proto.toInt(0);

    const QJsonObject options = o.value(QLatin1String("options")).toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        const OptionSpec *option = findOption(it.key());
        if (!option)
            return fail(QStringLiteral("unknown option %1").arg(it.key()));
        // A number as written (toInt() would turn 1.5 or 1e20 into 0 without a word).
        const QString text = it.value().isDouble() ? QString::number(it.value().toDouble(), 'g', 17)
                                                   : it.value().toString();
        const auto encoded = encodeOption(*option, text);
        if (!encoded)
            return fail(QStringLiteral("%1: %2").arg(it.key(), encoded.error().message));
        spec.options.insert(it.key(), text);
    }
    for (const char *key : {"bind", "connect"}) {
        const QString text = o.value(QLatin1String(key)).toString();
        if (text.isEmpty())
            continue;
        const auto parsed = parseAddress(text, spec.family);
        if (!parsed)
            return fail(QStringLiteral("%1: %2").arg(QLatin1String(key), parsed.error().message));
        (qstrcmp(key, "bind") == 0 ? spec.bind : spec.connect) = parsed.value();
    }
    spec.listen = o.value(QLatin1String("listen")).toBool(false);
    spec.backlog = o.value(QLatin1String("backlog")).toInt(128);
    if (spec.backlog < 0 || spec.backlog > 65535)
        return fail(QStringLiteral("backlog must be 0-65535"));
    const QString mode = o.value(QLatin1String("mode")).toString(QStringLiteral("blocking"));
    if (mode == QLatin1String("blocking")) {
        spec.mode = BlockingMode::Blocking;
    } else if (mode == QLatin1String("nonblocking")) {
        spec.mode = BlockingMode::NonBlocking;
    } else if (mode == QLatin1String("timeout")) {
        spec.mode = BlockingMode::Timeout;
        spec.timeout = o.value(QLatin1String("timeout")).toDouble(-1);
        if (!(spec.timeout > 0) || spec.timeout > 1e6)
            return fail(QStringLiteral("timeout must be a number of seconds above 0"));
    } else {
        return fail(QStringLiteral("mode must be blocking, nonblocking or timeout"));
    }
    spec.watch = o.value(QLatin1String("watch")).toBool(false);
    return spec;
}

} // namespace

QByteArray sessionToJson(const Session &session)
{
    QJsonArray sockets;
    for (const SocketSpec &spec : session.sockets) {
        QJsonObject o;
        if (!spec.name.isEmpty())
            o.insert(QLatin1String("name"), spec.name);
        o.insert(QLatin1String("family"), constantName(addressFamilies(), spec.family));
        o.insert(QLatin1String("type"), constantName(socketTypes(), spec.type));
        o.insert(QLatin1String("proto"), spec.proto);
        if (!spec.options.isEmpty()) {
            QJsonObject options;
            for (auto it = spec.options.begin(); it != spec.options.end(); ++it)
                options.insert(it.key(), it.value());
            o.insert(QLatin1String("options"), options);
        }
        if (spec.bind.isValid())
            o.insert(QLatin1String("bind"), addressText(spec.bind));
        if (spec.listen) {
            o.insert(QLatin1String("listen"), true);
            o.insert(QLatin1String("backlog"), spec.backlog);
        }
        if (spec.connect.isValid())
            o.insert(QLatin1String("connect"), addressText(spec.connect));
        o.insert(QLatin1String("mode"), modeName(spec.mode));
        if (spec.mode == BlockingMode::Timeout)
            o.insert(QLatin1String("timeout"), spec.timeout);
        if (spec.watch)
            o.insert(QLatin1String("watch"), true);
        sockets.append(o);
    }
    QJsonObject root;
    root.insert(QLatin1String("format"), QLatin1String(kFormat));
    root.insert(QLatin1String("version"), kSessionFormatVersion);
    root.insert(QLatin1String("sockets"), sockets);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Session> sessionFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<Session>::failure(
            QStringLiteral("not a session file: %1 at byte %2").arg(error.errorString()).arg(error.offset), error.offset);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return Result<Session>::failure(QStringLiteral("not a Socket Workbench session (no \"format\": \"%1\")").arg(QLatin1String(kFormat)));
    const int version = root.value(QLatin1String("version")).toInt(0);
    if (version < 1)
        return Result<Session>::failure(QStringLiteral("session has no valid \"version\""));
    if (version > kSessionFormatVersion)
        return Result<Session>::failure(
            QStringLiteral("session format version %1 is newer than this program reads (%2)").arg(version).arg(kSessionFormatVersion));
    const QJsonValue sockets = root.value(QLatin1String("sockets"));
    if (!sockets.isArray())
        return Result<Session>::failure(QStringLiteral("session has no \"sockets\" list"));
    Session session;
    const QJsonArray list = sockets.toArray();
    if (list.size() > 100000)
        return Result<Session>::failure(QStringLiteral("session lists %1 sockets; the limit is 100000").arg(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        if (!list[i].isObject())
            return Result<Session>::failure(QStringLiteral("socket %1 is not an object").arg(i + 1));
        const auto spec = specFromJson(list[i].toObject(), i);
        if (!spec)
            return spec.error();
        session.sockets.append(spec.value());
    }
    return session;
}

Session captureSession(const SocketRegistry &registry)
{
    Session session;
    for (const SocketInfo &info : registry.snapshot()) {
        if (info.parentId >= 0 || info.pairedWith >= 0 || info.state == SocketState::Closed
            || info.state == SocketState::Error)
            continue;
        SocketSpec spec;
        spec.name = info.name;
        spec.family = info.family;
        spec.type = info.type;
        spec.proto = info.proto;
        spec.options = info.options;
        spec.bind = info.boundTo;
        spec.listen = info.backlog >= 0;
        spec.backlog = std::max(info.backlog, 0);
        spec.connect = info.connectTo;
        spec.mode = info.mode;
        spec.timeout = info.timeout;
        spec.watch = info.watching;
        session.sockets.append(spec);
    }
    return session;
}

CallChain *applySession(Workbench &workbench, const Session &session)
{
    auto *chain = new CallChain(workbench);
    for (const SocketSpec &spec : session.sockets) {
        auto id = std::make_shared<int>(-1);
        chain->then([spec, id](Workbench &wb) {
            const auto created = wb.createSocket(spec.family, spec.type, spec.proto);
            *id = created.socketId;
            return created.call;
        });
        for (auto it = spec.options.begin(); it != spec.options.end(); ++it) {
            const OptionSpec *option = findOption(it.key());
            const auto value = encodeOption(*option, it.value());
            chain->then([id, option, value = value.value()](Workbench &wb) { return wb.setOption(*id, *option, value); });
        }
        if (spec.mode == BlockingMode::Timeout)
            chain->then([id, t = spec.timeout](Workbench &wb) { return wb.setTimeout(*id, t); });
        if (spec.bind.isValid())
            chain->then([id, a = spec.bind](Workbench &wb) { return wb.bind(*id, a); });
        if (spec.listen)
            chain->then([id, b = spec.backlog](Workbench &wb) { return wb.listen(*id, b); });
        if (spec.connect.isValid())
            chain->then([id, a = spec.connect](Workbench &wb) { return wb.connect(*id, a); });
        // Non-blocking last, so a saved non-blocking client still gets its connect made.
        if (spec.mode == BlockingMode::NonBlocking)
            chain->then([id](Workbench &wb) { return wb.setBlocking(*id, false); });
        if (spec.watch)
            chain->then([id](Workbench &wb) {
                wb.setWatch(*id, true);
                return CallId(0);
            });
    }
    chain->start();
    return chain;
}

} // namespace core
