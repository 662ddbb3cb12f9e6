#include "core/session/session.h"

#include "core/net/constants.h"
#include "core/net/errors.h"
#include "core/net/socketoptions.h"
#include "core/recipes/callchain.h"
#include "core/session/regularfile.h"
#include "core/session/responderjson.h"
#include "core/workbench.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <memory>

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

const QStringList &knownFields()
{
    static const QStringList fields{
        QStringLiteral("name"), QStringLiteral("family"), QStringLiteral("type"), QStringLiteral("proto"),
        QStringLiteral("options"), QStringLiteral("bind"), QStringLiteral("listen"), QStringLiteral("backlog"),
        QStringLiteral("connect"), QStringLiteral("connect_socket"), QStringLiteral("mode"), QStringLiteral("timeout"),
        QStringLiteral("watch"), QStringLiteral("rules"), QStringLiteral("schedules")};
    return fields;
}

// A JSON number that is a whole number in [low, high]; 1.5, "5" and 2^40 are not.
bool isIntegerIn(const QJsonValue &value, double low, double high)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return d >= low && d <= high && d == std::floor(d);
}

// Every field is checked for its type: a value of the wrong kind is refused with its name,
// never replaced by a default (a "bind" given as a number must not become "not bound").
Result<SocketSpec> specFromJson(const QJsonObject &o, int index, const QStringList &earlierNames)
{
    auto fail = [index](const QString &what) {
        return Result<SocketSpec>::failure(QCoreApplication::translate("core", "socket %1: %2").arg(index + 1).arg(what));
    };
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!knownFields().contains(it.key()))
            return fail(QCoreApplication::translate("core", "unknown field \"%1\"").arg(it.key()));
    }
    auto isAbsentOr = [&o](const char *key, QJsonValue::Type type) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isUndefined() || v.type() == type;
    };
    SocketSpec spec;
    if (!isAbsentOr("name", QJsonValue::String))
        return fail(QCoreApplication::translate("core", "name must be a string"));
    spec.name = o.value(QLatin1String("name")).toString();
    spec.family = constantValue(addressFamilies(), o.value(QLatin1String("family")).toString());
    if (!o.value(QLatin1String("family")).isString() || spec.family < 0)
        return fail(QCoreApplication::translate("core", "family must be AF_INET, AF_INET6 or AF_UNIX"));
    spec.type = constantValue(socketTypes(), o.value(QLatin1String("type")).toString());
    if (!o.value(QLatin1String("type")).isString() || spec.type < 0)
        return fail(QCoreApplication::translate("core", "type must be SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM or SOCK_SEQPACKET"));
    const QJsonValue proto = o.value(QLatin1String("proto"));
    if (!proto.isUndefined() && !isIntegerIn(proto, 0, 255))
        return fail(QCoreApplication::translate("core", "proto must be a whole number 0-255"));
    spec.proto = proto.toInt(0);

    if (!isAbsentOr("options", QJsonValue::Object))
        return fail(QCoreApplication::translate("core", "options must be an object of option names and values, e.g. {\"SO_REUSEADDR\": 1}"));
    const QJsonObject options = o.value(QLatin1String("options")).toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        const OptionSpec *option = findOption(it.key());
        if (!option)
            return fail(QCoreApplication::translate("core", "unknown option %1").arg(it.key()));
        if (!it.value().isDouble() && !it.value().isString())
            return fail(QCoreApplication::translate("core", "%1: the value must be a number or a string").arg(it.key()));
        // A number as written (toInt() would turn 1.5 or 1e20 into 0 without a word).
        const QString text = it.value().isDouble() ? QString::number(it.value().toDouble(), 'g', 17)
                                                   : it.value().toString();
        const auto encoded = encodeOption(*option, text);
        if (!encoded)
            return fail(QStringLiteral("%1: %2").arg(it.key(), encoded.error().message));
        spec.options.set(*option, encoded.value());
    }
    for (const char *key : {"bind", "connect"}) {
        const QJsonValue value = o.value(QLatin1String(key));
        if (value.isUndefined())
            continue;
        if (!value.isString() || value.toString().isEmpty())
            return fail(QCoreApplication::translate("core", "%1 must be an address string, e.g. \"127.0.0.1:8080\" or \"/tmp/lab.sock\"")
                            .arg(QLatin1String(key)));
        const auto parsed = parseAddress(value.toString(), spec.family);
        if (!parsed)
            return fail(QStringLiteral("%1: %2").arg(QLatin1String(key), parsed.error().message));
        (qstrcmp(key, "bind") == 0 ? spec.bind : spec.connect) = parsed.value();
    }
    if (!isAbsentOr("connect_socket", QJsonValue::String))
        return fail(QCoreApplication::translate("core", "connect_socket must be the name of a socket listed before this one"));
    spec.connectSocket = o.value(QLatin1String("connect_socket")).toString();
    if (!spec.connectSocket.isEmpty() && !earlierNames.contains(spec.connectSocket))
        return fail(QCoreApplication::translate("core", "connect_socket: no socket named %1 before this one").arg(spec.connectSocket));
    if (!spec.connectSocket.isEmpty() && !spec.connect.isValid())
        return fail(QCoreApplication::translate("core", "connect_socket needs connect (the address it had)"));
    if (!isAbsentOr("listen", QJsonValue::Bool))
        return fail(QCoreApplication::translate("core", "listen must be true or false"));
    spec.listen = o.value(QLatin1String("listen")).toBool(false);
    const QJsonValue backlog = o.value(QLatin1String("backlog"));
    if (!backlog.isUndefined() && !isIntegerIn(backlog, 0, 65535))
        return fail(QCoreApplication::translate("core", "backlog must be a whole number 0-65535"));
    spec.backlog = backlog.isUndefined() ? 128 : backlog.toInt();
    if (!isAbsentOr("mode", QJsonValue::String))
        return fail(QCoreApplication::translate("core", "mode must be blocking, nonblocking or timeout"));
    const QString mode = o.value(QLatin1String("mode")).toString(QStringLiteral("blocking"));
    if (mode == QLatin1String("blocking")) {
        spec.mode = BlockingMode::Blocking;
    } else if (mode == QLatin1String("nonblocking")) {
        spec.mode = BlockingMode::NonBlocking;
    } else if (mode == QLatin1String("timeout")) {
        spec.mode = BlockingMode::Timeout;
        const QJsonValue timeout = o.value(QLatin1String("timeout"));
        spec.timeout = timeout.isDouble() ? timeout.toDouble() : -1;
        if (!(spec.timeout > 0) || spec.timeout > 1e6)
            return fail(QCoreApplication::translate("core", "timeout must be a number of seconds above 0 (at most 1000000)"));
    } else {
        return fail(QCoreApplication::translate("core", "mode must be blocking, nonblocking or timeout"));
    }
    if (!isAbsentOr("watch", QJsonValue::Bool))
        return fail(QCoreApplication::translate("core", "watch must be true or false"));
    spec.watch = o.value(QLatin1String("watch")).toBool(false);
    if (o.contains(QLatin1String("rules"))) {
        const auto rules = rulesFromJson(o.value(QLatin1String("rules")));
        if (!rules)
            return fail(rules.error().message);
        spec.rules = *rules;
    }
    if (o.contains(QLatin1String("schedules"))) {
        const auto schedules = schedulesFromJson(o.value(QLatin1String("schedules")), spec.family);
        if (!schedules)
            return fail(schedules.error().message);
        spec.schedules = *schedules;
    }
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
            for (const OptionSetting &setting : spec.options)
                options.insert(QLatin1String(setting.spec->name), setting.value.text);
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
        if (!spec.connectSocket.isEmpty())
            o.insert(QLatin1String("connect_socket"), spec.connectSocket);
        o.insert(QLatin1String("mode"), modeName(spec.mode));
        if (spec.mode == BlockingMode::Timeout)
            o.insert(QLatin1String("timeout"), spec.timeout);
        if (spec.watch)
            o.insert(QLatin1String("watch"), true);
        if (!spec.rules.isEmpty())
            o.insert(QLatin1String("rules"), rulesToJson(spec.rules));
        if (!spec.schedules.isEmpty())
            o.insert(QLatin1String("schedules"), schedulesToJson(spec.schedules));
        sockets.append(o);
    }
    QJsonObject root;
    root.insert(QLatin1String("format"), QLatin1String(kFormat));
    root.insert(QLatin1String("version"), kSessionFormatVersion);
    root.insert(QLatin1String("sockets"), sockets);
    if (!session.payloads.isEmpty())
        root.insert(QLatin1String("payloads"), payloadsToJson(session.payloads));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Session> sessionFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<Session>::failure(
            QCoreApplication::translate("core", "not a session file: %1 at byte %2").arg(error.errorString()).arg(error.offset), error.offset);
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return Result<Session>::failure(QCoreApplication::translate("core", "not a Socket Workbench session (no \"format\": \"%1\")").arg(QLatin1String(kFormat)));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!isIntegerIn(version, 1, 1e15)) {
        if (version.isDouble() && version.toDouble() > kSessionFormatVersion)
            return Result<Session>::failure(QCoreApplication::translate("core", "session format version %1 is newer than this program reads (%2)")
                                                .arg(version.toDouble()).arg(kSessionFormatVersion));
        return Result<Session>::failure(QCoreApplication::translate("core", "session has no valid \"version\" (a whole number)"));
    }
    if (version.toDouble() > kSessionFormatVersion)
        return Result<Session>::failure(QCoreApplication::translate("core", "session format version %1 is newer than this program reads (%2)")
                                            .arg(qint64(version.toDouble())).arg(kSessionFormatVersion));
    const QJsonValue sockets = root.value(QLatin1String("sockets"));
    if (!sockets.isArray())
        return Result<Session>::failure(QCoreApplication::translate("core", "session has no \"sockets\" list"));
    Session session;
    const QJsonArray list = sockets.toArray();
    if (list.size() > 100000)
        return Result<Session>::failure(QCoreApplication::translate("core", "session lists %1 sockets; the limit is 100000").arg(list.size()));
    QStringList names;
    for (int i = 0; i < list.size(); ++i) {
        if (!list[i].isObject())
            return Result<Session>::failure(QCoreApplication::translate("core", "socket %1 is not an object").arg(i + 1));
        const auto spec = specFromJson(list[i].toObject(), i, names);
        if (!spec)
            return spec.error();
        session.sockets.append(spec.value());
        if (!spec->name.isEmpty())
            names.append(spec->name);
    }
    if (root.contains(QLatin1String("payloads"))) {
        const auto payloads = payloadsFromJson(root.value(QLatin1String("payloads")));
        if (!payloads)
            return Result<Session>::failure(QCoreApplication::translate("core", "payloads: %1").arg(payloads.error().message));
        session.payloads = *payloads;
    }
    return session;
}

Result<QByteArray> readSessionFile(const QString &path)
{
    return readRegularFile(path, kMaxSessionFileBytes, QCoreApplication::translate("core", "a session file"));
}

namespace {

// Whether a client's connect address is where listener (or a bound datagram socket) is found.
bool reaches(const SocketAddress &target, const SocketInfo &listener)
{
    const SocketAddress &local = listener.local;
    if (!local.isValid() || local.family() != target.family())
        return false;
    if (target.family() == AF_UNIX)
        return !local.isUnnamed() && local.unixPath() == target.unixPath();
    if (local.port() == 0 || local.port() != target.port())
        return false;
    return local.host() == target.host() || local.host() == QLatin1String("0.0.0.0") || local.host() == QLatin1String("::");
}

// A call a session makes (the journal says so).
Call sessionCall(CallKind kind, int socketId)
{
    Call call;
    call.kind = kind;
    call.socketId = socketId;
    call.origin = CallOrigin::Session;
    return call;
}

// The call on the socket the session made (its id is known only once socket() has run).
Call on(int socketId, Call call)
{
    call.socketId = socketId;
    return call;
}

// The number of a name the workbench gives (sk12 -> 12), or -1.
int socketNumber(const QString &name)
{
    if (!name.startsWith(QLatin1String("sk")))
        return -1;
    bool ok = false;
    const int n = name.mid(2).toInt(&ok);
    return ok && n > 0 && QString::number(n) == name.mid(2) ? n : -1;
}

} // namespace

Session captureSession(const SocketRegistry &registry)
{
    Session session;
    QList<SocketInfo> captured;
    for (const SocketInfo &info : registry.snapshot()) {
        if (info.parentId >= 0 || info.pairedWith >= 0 || info.state == SocketState::Closed)
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
        if (spec.connect.isValid()) {
            // Connected to a socket of this session: say which, so that the reopened client
            // follows the address that socket gets then (a port the kernel picks changes).
            for (const SocketInfo &other : std::as_const(captured)) {
                if (other.type == info.type && reaches(spec.connect, other)) {
                    spec.connectSocket = other.name;
                    break;
                }
            }
        }
        captured.append(info);
        session.sockets.append(spec);
    }
    return session;
}

Session captureSession(const Workbench &workbench)
{
    Session session = captureSession(workbench.sockets());
    const QList<ScheduleStatus> schedules = workbench.schedules();
    for (SocketSpec &spec : session.sockets) {
        const int id = socketNumber(spec.name);
        if (id < 0)
            continue;
        bool inherited = false;
        const QList<RuleStatus> rules = workbench.rules(id, &inherited);
        if (!inherited) {
            for (const RuleStatus &r : rules)
                spec.rules.append(r.rule);
        }
        for (const ScheduleStatus &s : schedules) {
            if (s.running && s.schedule.socketId == id) {
                Schedule saved = s.schedule;
                saved.socketId = -1;
                spec.schedules.append(saved);
            }
        }
    }
    return session;
}

CallChain *applySession(Workbench &workbench, const Session &session, const QList<int> &closeFirst)
{
    auto *chain = new CallChain(workbench);
    for (int id : closeFirst)
        chain->then([id](Workbench &wb) { return wb.close(id); });
    QHash<QString, std::shared_ptr<int>> named;
    for (int group = 0; group < session.sockets.size(); ++group) {
        const SocketSpec &spec = session.sockets[group];
        auto id = std::make_shared<int>(-1);
        if (!spec.name.isEmpty())
            named.insert(spec.name, id);
        chain->then(group, [spec, id](Workbench &wb) {
            Call create = sessionCall(CallKind::Socket, -1);
            create.family = spec.family;
            create.type = spec.type;
            create.proto = spec.proto;
            create.newSocketId = socketNumber(spec.name);
            const CallId made = wb.submit(std::move(create));
            *id = wb.journal().call(made).value->newSocketId;
            return made;
        });
        for (const OptionSetting &setting : spec.options) {
            Call set = sessionCall(CallKind::SetOption, -1);
            set.option = setting.spec;
            set.optionValue = setting.value;
            chain->then(group, [id, set](Workbench &wb) { return wb.submit(on(*id, set)); });
        }
        if (spec.mode == BlockingMode::Timeout) {
            Call timeout = sessionCall(CallKind::SetTimeout, -1);
            timeout.seconds = spec.timeout;
            chain->then(group, [id, timeout](Workbench &wb) { return wb.submit(on(*id, timeout)); });
        }
        if (spec.bind.isValid()) {
            Call bind = sessionCall(CallKind::Bind, -1);
            bind.address = spec.bind;
            chain->then(group, [id, bind](Workbench &wb) { return wb.submit(on(*id, bind)); });
        }
        if (spec.listen) {
            Call listen = sessionCall(CallKind::Listen, -1);
            listen.backlog = spec.backlog;
            chain->then(group, [id, listen](Workbench &wb) { return wb.submit(on(*id, listen)); });
        }
        if (spec.connect.isValid()) {
            const std::shared_ptr<int> target = named.value(spec.connectSocket);
            Call connect = sessionCall(CallKind::Connect, -1);
            connect.address = spec.connect;
            chain->then(group, [id, connect, target](Workbench &wb) {
                Call call = on(*id, connect);
                if (target && *target >= 0) {
                    // Where that socket is now: its port may not be the one saved.
                    const SocketAddress local = wb.sockets().info(*target).local;
                    if (local.isValid() && local.family() == AF_UNIX)
                        call.address = local;
                    else if (local.isValid())
                        call.address = connect.address.withPort(local.port());
                }
                return wb.submit(std::move(call));
            });
        }
        // Non-blocking last, so a saved non-blocking client still gets its connect made.
        if (spec.mode == BlockingMode::NonBlocking)
            chain->then(group, [id](Workbench &wb) { return wb.submit(on(*id, sessionCall(CallKind::SetBlocking, -1))); });
        if (spec.watch)
            chain->then(group, [id](Workbench &wb) {
                wb.setWatch(*id, true);
                return CallId(0);
            });
        if (!spec.rules.isEmpty() || !spec.schedules.isEmpty())
            chain->then(group, [chain, group, id, rules = spec.rules, schedules = spec.schedules](Workbench &wb) {
                if (!rules.isEmpty())
                    wb.setRules(*id, rules);
                for (Schedule s : schedules) {
                    s.socketId = *id;
                    const auto started = wb.startSchedule(s);
                    if (const auto *error = std::get_if<ScheduleError>(&started))
                        chain->notice(group, QCoreApplication::translate("core", "%1: its saved schedule did not start: %2")
                                                 .arg(socketName(*id), error->error.message));
                }
                return CallId(0);
            });
    }
    chain->start();
    return chain;
}

} // namespace core
