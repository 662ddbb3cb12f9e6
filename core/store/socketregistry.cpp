#include "core/store/socketregistry.h"

#include <sys/socket.h>

#include "core/net/constants.h"

#include <QCoreApplication>

namespace core {

namespace {

// The state names, marked for lupdate: stateName() gives them in the window's language,
// stateSourceName() as written here (for the comments of an exported script).
const char *stateSource(SocketState state)
{
    switch (state) {
    case SocketState::Created: return QT_TRANSLATE_NOOP("core", "created");
    case SocketState::Bound: return QT_TRANSLATE_NOOP("core", "bound");
    case SocketState::Listening: return QT_TRANSLATE_NOOP("core", "listening");
    case SocketState::Connecting: return QT_TRANSLATE_NOOP("core", "connecting");
    case SocketState::Connected: return QT_TRANSLATE_NOOP("core", "connected");
    case SocketState::HalfClosedRead: return QT_TRANSLATE_NOOP("core", "half-closed (rd)");
    case SocketState::HalfClosedWrite: return QT_TRANSLATE_NOOP("core", "half-closed (wr)");
    case SocketState::ShutDown: return QT_TRANSLATE_NOOP("core", "shut down");
    case SocketState::Closed: return QT_TRANSLATE_NOOP("core", "closed");
    case SocketState::Error: return QT_TRANSLATE_NOOP("core", "error");
    }
    return "";
}

} // namespace

QString stateName(SocketState state)
{
    return QCoreApplication::translate("core", stateSource(state));
}

QString stateSourceName(SocketState state)
{
    return QString::fromLatin1(stateSource(state));
}

QString SocketInfo::pythonRepr() const
{
    const bool closed = state == SocketState::Closed;
    QString text = QStringLiteral("<socket.socket %1fd=%2, family=%3, type=%4, proto=%5")
                       .arg(closed ? QStringLiteral("[closed] ") : QString())
                       .arg(closed ? -1 : fd)
                       .arg(family)
                       .arg(type)
                       .arg(proto);
    if (!closed) {
        // CPython omits an AF_UNIX laddr that is unnamed (''), and raddr when not connected.
        if (local.isValid() && !local.isUnnamed())
            text += QStringLiteral(", laddr=") + local.toPython();
        if (peer.isValid() && !peer.isUnnamed())
            text += QStringLiteral(", raddr=") + peer.toPython();
    }
    return text + QLatin1Char('>');
}

QString SocketInfo::kindText() const
{
    QString base;
    if (family == sock::AfUnix) {
        base = QStringLiteral("UNIX ");
        base += type == sock::Stream ? QStringLiteral("stream")
              : type == sock::Dgram  ? QStringLiteral("dgram")
              : type == sock::SeqPacket ? QStringLiteral("seqpacket")
                                        : constantName(socketTypes(), type);
        return base;
    }
    const QString suffix = family == sock::AfInet6 ? QStringLiteral("6") : QString();
    if (type == sock::Stream)
        return QStringLiteral("TCP") + suffix;
    if (type == sock::Dgram)
        return QStringLiteral("UDP") + suffix;
    return constantName(socketTypes(), type) + (suffix.isEmpty() ? QString() : QStringLiteral(" (v6)"));
}

SocketRegistry::SocketRegistry(QObject *parent)
    : QObject(parent)
{
    connect(&m_notify, &Coalescer::fired, this, &SocketRegistry::changed);
}

void SocketRegistry::publish(const SocketInfo &info)
{
    // Copied outside the lock; readers copy pointers under it: an I/O thread publishing never
    // waits while a view copies thousands of snapshots.
    SocketSnapshot shared = std::make_shared<const SocketInfo>(info);
    SocketSnapshot old;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_positions.constFind(info.id);
        if (it == m_positions.constEnd()) {
            m_positions.insert(info.id, qsizetype(m_sockets.size()));
            m_sockets.push_back(std::move(shared));
            m_versions.push_back(++m_version);
        } else {
            old = std::exchange(m_sockets[size_t(*it)], std::move(shared));
            m_versions[size_t(*it)] = ++m_version;
        }
    }
    m_notify.poke();
}

SocketInfo SocketRegistry::info(int id) const
{
    std::shared_ptr<const SocketInfo> found;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_positions.constFind(id);
        if (it != m_positions.constEnd())
            found = m_sockets[size_t(*it)];
    }
    return found ? *found : SocketInfo();
}

bool SocketRegistry::contains(int id) const
{
    QMutexLocker lock(&m_mutex);
    return m_positions.contains(id);
}

QList<int> SocketRegistry::ids() const
{
    QMutexLocker lock(&m_mutex);
    QList<int> list;
    list.reserve(qsizetype(m_sockets.size()));
    for (const auto &info : m_sockets)
        list.append(info->id);
    return list;
}

QList<SocketInfo> SocketRegistry::snapshot() const
{
    const QList<SocketSnapshot> shared = changedSince(0, nullptr);
    QList<SocketInfo> list;
    list.reserve(shared.size());
    for (const SocketSnapshot &info : shared)
        list.append(*info);
    return list;
}

QList<SocketSnapshot> SocketRegistry::changedSince(quint64 since, quint64 *version) const
{
    QList<SocketSnapshot> changed;
    QMutexLocker lock(&m_mutex);
    for (size_t i = 0; i < m_versions.size(); ++i) {
        if (m_versions[i] > since)
            changed.append(m_sockets[i]);
    }
    if (version)
        *version = m_version;
    return changed;
}

bool SocketInfo::isStream() const
{
    return type == SOCK_STREAM;
}

int SocketRegistry::openCount() const
{
    QMutexLocker lock(&m_mutex);
    int open = 0;
    for (const auto &info : m_sockets)
        // A socket in the error state still holds its descriptor: it counts until closed.
        open += info->fd >= 0 && info->state != SocketState::Closed;
    return open;
}

int SocketRegistry::newestOpenChild(int parentId) const
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if ((*it)->parentId == parentId && (*it)->fd >= 0 && (*it)->state != SocketState::Closed)
            return (*it)->id;
    }
    return -1;
}

} // namespace core
