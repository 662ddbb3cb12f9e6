#include "core/session/quickopen.h"

#include "core/net/constants.h"

#include <QCoreApplication>

namespace core {

Result<SocketSpec> parseQuickOpen(QStringView url, bool listen)
{
    const QStringView text = url.trimmed();
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return Result<SocketSpec>::failure(
            QCoreApplication::translate("core", "'%1' has no scheme: write tcp://host:port, udp://host:port or unix:/path").arg(text.toString()));
    const QString scheme = text.left(colon).toString().toLower();
    QStringView rest = text.mid(colon + 1);

    SocketSpec spec;
    if (scheme == QLatin1String("tcp") || scheme == QLatin1String("udp")) {
        if (!rest.startsWith(QLatin1String("//")))
            return Result<SocketSpec>::failure(QCoreApplication::translate("core", "write %1://host:port").arg(scheme), int(colon + 1));
        rest = rest.mid(2);
        spec.type = scheme == QLatin1String("tcp") ? sock::Stream : sock::Dgram;
        spec.family = rest.startsWith(QLatin1Char('[')) ? sock::AfInet6 : sock::AfInet;
    } else if (scheme == QLatin1String("unix") || scheme == QLatin1String("unix-dgram")
               || scheme == QLatin1String("unix-seqpacket")) {
        if (rest.startsWith(QLatin1String("//")))
            rest = rest.mid(2);
        spec.family = sock::AfUnix;
        spec.type = scheme == QLatin1String("unix") ? sock::Stream
                  : scheme == QLatin1String("unix-dgram") ? sock::Dgram : sock::SeqPacket;
    } else {
        return Result<SocketSpec>::failure(
            QCoreApplication::translate("core", "unknown scheme '%1': use tcp, udp, unix, unix-dgram or unix-seqpacket").arg(scheme), 0);
    }
    const auto address = parseAddress(rest, spec.family);
    if (!address)
        return Result<SocketSpec>::failure(QStringLiteral("%1: %2").arg(text.toString(), address.error().message));

    spec.watch = true;
    if (listen) {
        spec.bind = address.value();
        spec.listen = spec.type != sock::Dgram;
        spec.backlog = 128;
        if (spec.type == sock::Stream && spec.family != sock::AfUnix) {
            const OptionSpec &reuse = *findOption(u"SO_REUSEADDR");
            spec.options.set(reuse, encodeOption(reuse, u"1").value());
        }
    } else {
        spec.connect = address.value();
    }
    return spec;
}

} // namespace core
