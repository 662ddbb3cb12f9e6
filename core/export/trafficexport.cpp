#include "core/export/trafficexport.h"

#include "core/export/exportsink.h"
#include "core/net/errors.h"
#include "core/store/socketregistry.h"
#include "core/text/payload.h"

#include <QDateTime>
#include <QHash>

namespace core {

namespace {

// Socket names and peers looked up once per socket for the length of an export.
class SocketCache
{
public:
    explicit SocketCache(const SocketRegistry &sockets)
        : m_sockets(sockets)
    {
    }

    const SocketInfo &info(int socketId)
    {
        auto it = m_infos.find(socketId);
        if (it == m_infos.end())
            it = m_infos.insert(socketId, m_sockets.info(socketId));
        return *it;
    }

    QString name(int socketId)
    {
        const SocketInfo &socket = info(socketId);
        return socket.id == socketId ? socket.name : QStringLiteral("#%1").arg(socketId);
    }

    SocketAddress peer(const TrafficStore &store, const TrafficRecord &record)
    {
        return record.peerId ? store.peer(record.peerId) : info(record.socketId).peer;
    }

private:
    const SocketRegistry &m_sockets;
    QHash<int, SocketInfo> m_infos;
};

QString directionText(Direction direction)
{
    return direction == Direction::Out ? QStringLiteral("\u2192 out") : QStringLiteral("\u2190 in");
}

QString summaryLine(const TrafficRecord &record, qsizetype index, const QString &socketName,
                    const SocketAddress &peer, bool withDate)
{
    QString line = QStringLiteral("#%1  %2  %3  %4")
                       .arg(index + 1)
                       .arg(trafficTimeText(record.timeNs, withDate), socketName, directionText(record.direction));
    if (peer.isValid())
        line += QStringLiteral("  ") + peer.toText();
    if (record.flags & TrafficFlag::Error)
        line += QStringLiteral("  ") + trafficErrorText(record.error);
    else if (record.flags & TrafficFlag::Truncated)
        line += QStringLiteral("  %1 of %2 bytes").arg(record.length).arg(record.wireLength);
    else
        line += record.length == 1 ? QStringLiteral("  1 byte") : QStringLiteral("  %1 bytes").arg(record.length);
    const QString flags = trafficFlagsText(record.flags);
    if (!flags.isEmpty())
        line += QStringLiteral("  [") + flags + QLatin1Char(']');
    return line;
}

QByteArray csvField(const QString &text)
{
    QByteArray field = text.toUtf8();
    if (field.contains(',') || field.contains('"') || field.contains('\r') || field.contains('\n')) {
        field.replace("\"", "\"\"");
        field.prepend('"');
        field.append('"');
    }
    return field;
}

bool writeText(const TrafficStore &store, const SocketRegistry &sockets, ExportSelection selection, QIODevice &out,
               QString *error)
{
    ExportSink sink(out, error);
    SocketCache cache(sockets);
    for (qsizetype i = 0; i < selection.size() && !sink.failed(); ++i) {
        const qsizetype index = selection[i];
        const TrafficRecord record = store.at(index);
        sink.add(summaryLine(record, index, cache.name(record.socketId), cache.peer(store, record), true).toUtf8());
        sink.add("\n");
        for (const QString &line : hexDumpLines(store.payload(record))) {
            sink.add("  ");
            sink.add(line.toLatin1());
            sink.add("\n");
        }
        sink.add("\n");
    }
    return sink.finish();
}

bool writeCsv(const TrafficStore &store, const SocketRegistry &sockets, ExportSelection selection, QIODevice &out,
              QString *error)
{
    ExportSink sink(out, error);
    SocketCache cache(sockets);
    sink.add("seq,time_ns,socket,direction,peer,length,wire_length,flags,errno,hex\r\n");
    for (qsizetype i = 0; i < selection.size() && !sink.failed(); ++i) {
        const qsizetype index = selection[i];
        const TrafficRecord record = store.at(index);
        const SocketAddress peer = cache.peer(store, record);
        const QByteArrayView payload = store.payload(record);
        QByteArray row;
        row += QByteArray::number(index + 1) + ',';
        row += QByteArray::number(record.timeNs) + ',';
        row += csvField(cache.name(record.socketId)) + ',';
        row += record.direction == Direction::Out ? "out," : "in,";
        row += (peer.isValid() ? csvField(peer.toText()) : QByteArray()) + ',';
        row += QByteArray::number(record.length) + ',';
        row += QByteArray::number(record.wireLength) + ',';
        row += csvField(trafficFlagsText(record.flags)) + ',';
        row += (record.error ? QByteArray::number(record.error) : QByteArray()) + ',';
        row += QByteArray::fromRawData(payload.data(), payload.size()).toHex();
        row += "\r\n";
        sink.add(row);
    }
    return sink.finish();
}

} // namespace

QString trafficFlagsText(quint8 flags)
{
    QStringList names;
    if (flags & TrafficFlag::Truncated)
        names << QStringLiteral("TRUNC");
    if (flags & TrafficFlag::Eof)
        names << QStringLiteral("EOF");
    if (flags & TrafficFlag::Peek)
        names << QStringLiteral("PEEK");
    if (flags & TrafficFlag::Oob)
        names << QStringLiteral("OOB");
    if (flags & TrafficFlag::Error)
        names << QStringLiteral("ERROR");
    if (flags & TrafficFlag::Dropped)
        names << QStringLiteral("DROPPED");
    return names.join(QLatin1Char(' '));
}

QString trafficTimeText(qint64 timeNs, bool withDate)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000);
    const qint64 micros = (timeNs / 1000) % 1'000'000;
    return time.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("HH:mm:ss"))
           + QStringLiteral(".%1").arg(micros, 6, 10, QLatin1Char('0'));
}

QString trafficSocketName(const SocketRegistry &sockets, int socketId)
{
    const SocketInfo info = sockets.info(socketId);
    return info.id == socketId ? info.name : QStringLiteral("#%1").arg(socketId);
}

SocketAddress trafficPeer(const TrafficStore &store, const SocketRegistry &sockets, const TrafficRecord &record)
{
    return record.peerId ? store.peer(record.peerId) : sockets.info(record.socketId).peer;
}

QString trafficErrorText(int error)
{
    return QStringLiteral("%1 (errno %2): %3").arg(errnoName(error)).arg(error).arg(errnoMessage(error));
}

QString trafficSummary(const TrafficStore &store, const SocketRegistry &sockets, qsizetype index, bool withDate)
{
    const TrafficRecord record = store.at(index);
    return summaryLine(record, index, trafficSocketName(sockets, record.socketId),
                       trafficPeer(store, sockets, record), withDate);
}

bool exportText(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
                QIODevice &out, QString *error)
{
    return writeText(store, sockets, ExportSelection{indices}, out, error);
}

bool exportText(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error)
{
    return writeText(store, sockets, ExportSelection{{}, store.count()}, out, error);
}

bool exportCsv(const TrafficStore &store, const SocketRegistry &sockets, std::span<const qsizetype> indices,
               QIODevice &out, QString *error)
{
    return writeCsv(store, sockets, ExportSelection{indices}, out, error);
}

bool exportCsv(const TrafficStore &store, const SocketRegistry &sockets, QIODevice &out, QString *error)
{
    return writeCsv(store, sockets, ExportSelection{{}, store.count()}, out, error);
}

bool exportRaw(const TrafficStore &store, int socketId, Direction direction, QIODevice &out, QString *error)
{
    constexpr quint8 kSkipped = TrafficFlag::Peek | TrafficFlag::Error | TrafficFlag::Eof;
    ExportSink sink(out, error);
    const qsizetype count = store.count();
    for (qsizetype i = 0; i < count && !sink.failed(); ++i) {
        const TrafficRecord record = store.at(i);
        if (record.socketId == socketId && record.direction == direction && !(record.flags & kSkipped)
            && isApplicationRecord(record))
            sink.add(store.payload(record));
    }
    return sink.finish();
}

} // namespace core
