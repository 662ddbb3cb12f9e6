// Addresses as people type them: host:port, [v6]:port, Python's tuples, UNIX paths and
// abstract names, each checked with a message that says what is wrong (the value type is in
// socketaddress.cpp).
#include "core/net/socketaddress.h"

#include "core/text/payload.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringDecoder>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

namespace core {

namespace {

constexpr int kMaxUnixPath = int(sizeof(sockaddr_un::sun_path)) - 1; // 107: room for the NUL
// An abstract name needs no terminating NUL: its leading NUL and up to 107 bytes fill sun_path.
constexpr int kMaxAbstractPath = int(sizeof(sockaddr_un::sun_path));

} // namespace

Result<quint16> parsePort(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Result<quint16>::failure(QCoreApplication::translate("core", "port is empty (0-65535)"));
    for (int i = 0; i < trimmed.size(); ++i) {
        const char16_t c = trimmed.at(i).unicode();
        if (c < u'0' || c > u'9') // not QChar::isDigit: that takes every script's digits
            return Result<quint16>::failure(
                QCoreApplication::translate("core", "port '%1' is not a number (0-65535)").arg(trimmed.toString()), i);
    }
    bool ok = false;
    const qlonglong port = trimmed.toLongLong(&ok);
    if (!ok || port > 65535)
        return Result<quint16>::failure(
            QCoreApplication::translate("core", "port %1 is outside 0-65535").arg(trimmed.toString()));
    return quint16(port);
}

namespace {

Result<SocketAddress> parseUnix(QStringView text)
{
    if (text.isEmpty())
        return Result<SocketAddress>::failure(QCoreApplication::translate("core", "UNIX path is empty"));
    QByteArray path;
    if (text.startsWith(QLatin1Char('@')) || text.startsWith(QLatin1String("\\0"))) {
        // An abstract name is bytes: escapes decode as in the composer, so the name toText()
        // shows (@name\x01) parses back to the same bytes.
        const bool at = text.startsWith(QLatin1Char('@'));
        const auto name = decodeEscapes(at ? text.mid(1) : text);
        if (!name)
            return Result<SocketAddress>::failure(QCoreApplication::translate("core", "abstract name: %1").arg(name.error().message),
                                                  name.error().position + (at ? 1 : 0));
        path = at ? QByteArray(1, '\0') + name.value() : name.value();
    } else {
        path = text.toString().toLocal8Bit();
    }
    const bool abstract = path.at(0) == '\0';
    if (!abstract && path.contains('\0'))
        return Result<SocketAddress>::failure(QCoreApplication::translate("core", "UNIX path contains a NUL byte"), int(path.indexOf('\0')));
    if (path.size() > (abstract ? kMaxAbstractPath : kMaxUnixPath))
        return Result<SocketAddress>::failure(
            (abstract ? QCoreApplication::translate("core", "UNIX abstract name is %1 bytes; the limit is %2")
                      : QCoreApplication::translate("core", "UNIX path is %1 bytes; the limit is %2"))
                .arg(abstract ? path.size() - 1 : path.size())
                .arg(abstract ? kMaxAbstractPath - 1 : kMaxUnixPath));
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    std::memcpy(un.sun_path, path.constData(), size_t(path.size()));
    // Abstract names are length-delimited; paths are NUL-terminated (length includes the NUL).
    const unsigned length = unsigned(offsetof(sockaddr_un, sun_path) + path.size() + (abstract ? 0 : 1));
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&un), length);
}

// Splits "host:port", "[v6]:port", "host port" and the Python tuple forms into host and port.
struct HostPort
{
    QString host;
    QString port;
    QString flow;
    QString scope;
    bool tuple = false;
};

Result<HostPort> splitHostPort(QStringView text)
{
    HostPort hp;
    if (text.startsWith(QLatin1Char('('))) {
        static const QRegularExpression tuple(QStringLiteral(
            R"(^\(\s*(['"])(.*?)\1\s*,\s*([^,\s)]*)\s*(?:,\s*([^,\s)]*)\s*(?:,\s*([^,\s)]*)\s*)?)?\)$)"));
        const auto match = tuple.match(text.toString());
        if (!match.hasMatch())
            return Result<HostPort>::failure(
                QCoreApplication::translate("core", "expected a tuple like ('127.0.0.1', 8080) or ('::1', 8080, 0, 0)"));
        hp.host = match.captured(2);
        hp.port = match.captured(3);
        hp.flow = match.captured(4);
        hp.scope = match.captured(5);
        if (hp.flow.isEmpty() && !hp.scope.isEmpty()) // ('::1', 80, , 1): a hole, not a Python tuple
            return Result<HostPort>::failure(
                QCoreApplication::translate("core", "expected a tuple like ('127.0.0.1', 8080) or ('::1', 8080, 0, 0)"));
        hp.tuple = true;
        return hp;
    }
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Result<HostPort>::failure(QCoreApplication::translate("core", "missing ']' after the IPv6 address"), int(text.size()));
        hp.host = text.mid(1, close - 1).toString();
        QStringView rest = text.mid(close + 1);
        if (!rest.startsWith(QLatin1Char(':')))
            return Result<HostPort>::failure(QCoreApplication::translate("core", "expected ':port' after ']'"), int(close + 1));
        hp.port = rest.mid(1).toString();
        return hp;
    }
    const qsizetype space = text.lastIndexOf(QLatin1Char(' '));
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (space >= 0) {
        hp.host = text.left(space).trimmed().toString();
        hp.port = text.mid(space + 1).toString();
    } else if (colon >= 0 && text.indexOf(QLatin1Char(':')) == colon) {
        hp.host = text.left(colon).toString();
        hp.port = text.mid(colon + 1).toString();
    } else if (colon >= 0) {
        return Result<HostPort>::failure(
            QCoreApplication::translate("core", "an IPv6 address with a port is written [addr]:port"), 0);
    } else {
        bool number = false;
        (void)text.toUInt(&number);
        if (number) // 8081 alone: a port without its host
            return Result<HostPort>::failure(
                QCoreApplication::translate("core", "%1 is a port without a host: write host:port, e.g. 127.0.0.1:%1").arg(text.toString()), 0);
        return Result<HostPort>::failure(QCoreApplication::translate("core", "missing port: write host:port"), int(text.size()));
    }
    return hp;
}

// Host names are case-insensitive: LOCALHOST is localhost, as the resolver sees it.
bool isLocalhost(const QString &host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0;
}

} // namespace

namespace {

// A DNS-style host name: letters, digits, '-', '_' and '.', in labels of at most 63, 253 in all;
// something that is only digits and dots is a (bad) IPv4 address, not a name.
bool isHostName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    bool letter = false;
    qsizetype label = 0;
    for (qsizetype i = 0; i < host.size(); ++i) {
        const QChar c = host[i];
        if (c == QLatin1Char('.')) {
            if (label == 0) // an empty label: "..", or a leading dot (a trailing one is the root)
                return false;
            label = 0;
            continue;
        }
        const bool alpha = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!alpha && !digit && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return false;
        letter = letter || !digit;
        if (++label > 63)
            return false;
    }
    return letter;
}

using Typed = Result<TypedAddress>;

Typed parseIp(QStringView text, int family, bool names)
{
    if (text.isEmpty())
        return Typed::failure(QCoreApplication::translate("core", "address is empty: write host:port"));
    // inet_pton and if_nametoindex would stop at a NUL and accept whatever came before it.
    if (const qsizetype nul = text.indexOf(QChar(0)); nul >= 0)
        return Typed::failure(QCoreApplication::translate("core", "address contains a NUL character"), int(nul));

    const auto split = splitHostPort(text);
    if (!split)
        return split.error();
    const HostPort &hp = *split;
    const auto port = parsePort(hp.port);
    if (!port)
        return Typed::failure(port.error().message);
    if (hp.host.isEmpty())
        return Typed::failure(
            family == AF_INET ? QCoreApplication::translate("core", "host is empty: use 0.0.0.0 for all interfaces or 127.0.0.1 for loopback")
                              : QCoreApplication::translate("core", "host is empty: use :: for all interfaces or ::1 for loopback"),
            0);
    // With names allowed, every name (localhost too) is kept as typed and resolved later.
    const bool name = names && isHostName(hp.host)
        && !(family == AF_INET6 && hp.host.contains(QLatin1Char(':')));
    TypedAddress typed;
    if (name)
        typed.hostName = hp.host;

    if (family == AF_INET) {
        if (!hp.flow.isEmpty())
            return Typed::failure(QCoreApplication::translate("core", "an AF_INET address is a 2-tuple (host, port)"));
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_port = htons(*port);
        if (!name) {
            const QString host = isLocalhost(hp.host) ? QStringLiteral("127.0.0.1") : hp.host;
            if (inet_pton(AF_INET, host.toLatin1().constData(), &in.sin_addr) != 1)
                return Typed::failure(names ? QCoreApplication::translate("core", "'%1' is neither an IPv4 address (four numbers 0-255 "
                                                                                  "separated by dots) nor a host name").arg(hp.host)
                                            : QCoreApplication::translate("core", "'%1' is not an IPv4 address (four numbers 0-255 "
                                                                                  "separated by dots; resolve names in the lookup panel)").arg(hp.host),
                                      0);
        }
        typed.address = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&in), sizeof in);
        return typed;
    }

    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(*port);
    QString host = isLocalhost(hp.host) ? QStringLiteral("::1") : hp.host;
    QString scope = hp.scope;
    if (!name) {
        const qsizetype percent = host.indexOf(QLatin1Char('%'));
        if (percent >= 0) {
            scope = host.mid(percent + 1);
            host.truncate(percent);
            if (scope.isEmpty())
                return Typed::failure(QCoreApplication::translate("core", "scope id after '%' is empty"), int(percent) + 1);
        }
        if (inet_pton(AF_INET6, host.toLatin1().constData(), &in6.sin6_addr) != 1)
            return Typed::failure(names ? QCoreApplication::translate("core", "'%1' is neither an IPv6 address (e.g. ::1, fe80::1%lo) "
                                                                              "nor a host name").arg(hp.host)
                                        : QCoreApplication::translate("core", "'%1' is not an IPv6 address (e.g. ::1, fe80::1%lo)").arg(hp.host),
                                  0);
    }
    if (!hp.flow.isEmpty()) {
        bool ok = false;
        const uint flow = hp.flow.toUInt(&ok);
        if (!ok || flow > 0xfffff)
            return Typed::failure(QCoreApplication::translate("core", "flowinfo '%1' must be 0-1048575").arg(hp.flow));
        in6.sin6_flowinfo = htonl(flow);
    }
    if (!scope.isEmpty()) {
        bool ok = false;
        uint index = scope.toUInt(&ok);
        if (!ok)
            index = if_nametoindex(scope.toLatin1().constData());
        if (!index && !(ok && scope == QLatin1String("0")))
            return Typed::failure(QCoreApplication::translate("core", "no network interface named '%1'").arg(scope));
        in6.sin6_scope_id = index;
    }
    typed.address = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&in6), sizeof in6);
    return typed;
}

Typed parseAny(QStringView input, int family, bool names)
{
    const QStringView text = input.trimmed();
    if (family == AF_UNIX) {
        const auto unix = parseUnix(text);
        if (!unix)
            return unix.error();
        return TypedAddress(unix.value());
    }
    if (family != AF_INET && family != AF_INET6)
        return Typed::failure(QCoreApplication::translate("core", "addresses of family %1 are not supported").arg(family));
    return parseIp(text, family, names);
}

} // namespace

Result<SocketAddress> parseAddress(QStringView input, int family)
{
    const auto typed = parseAny(input, family, false);
    if (!typed)
        return typed.error();
    return typed->address;
}

Result<TypedAddress> parseTypedAddress(QStringView text, int family)
{
    return parseAny(text, family, true);
}

} // namespace core
