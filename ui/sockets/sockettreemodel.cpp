#include "sockettreemodel.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace ui {

namespace {

QString countText(quint64 bytes, quint64 records)
{
    if (!records)
        return QString();
    return QStringLiteral("%1 (%2)").arg(QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat)).arg(records);
}

} // namespace

SocketTreeModel::SocketTreeModel(core::SocketRegistry &registry, QObject *parent)
    : QAbstractItemModel(parent)
    , m_registry(registry)
{
    m_children.insert(-1, {});
    connect(&registry, &core::SocketRegistry::changed, this, &SocketTreeModel::refresh);
    refresh();
}

const QList<int> &SocketTreeModel::siblings(int parentId) const
{
    static const QList<int> none;
    const auto it = m_children.constFind(parentId);
    return it == m_children.constEnd() ? none : it.value();
}

int SocketTreeModel::rowOf(int socketId) const
{
    const auto it = m_info.constFind(socketId);
    if (it == m_info.constEnd())
        return -1;
    const int parentId = m_info.contains(it->parentId) ? it->parentId : -1;
    return int(siblings(parentId).indexOf(socketId));
}

QModelIndex SocketTreeModel::indexOf(int socketId) const
{
    const int row = rowOf(socketId);
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(socketId));
}

int SocketTreeModel::socketId(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : -1;
}

int SocketTreeModel::openCount() const
{
    int n = 0;
    for (const core::SocketInfo &info : m_info)
        n += info.state != core::SocketState::Closed && info.state != core::SocketState::Error;
    return n;
}

QModelIndex SocketTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const QList<int> &list = siblings(parent.isValid() ? socketId(parent) : -1);
    if (row < 0 || row >= list.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, quintptr(list[row]));
}

QModelIndex SocketTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentId = m_info.value(socketId(child)).parentId;
    if (parentId < 0 || !m_info.contains(parentId))
        return {};
    return indexOf(parentId);
}

int SocketTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(siblings(parent.isValid() ? socketId(parent) : -1).size());
}

int SocketTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SocketTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const auto it = m_info.constFind(socketId(index));
    if (it == m_info.constEnd())
        return {};
    const core::SocketInfo &s = *it;
    const bool gone = s.state == core::SocketState::Closed || s.state == core::SocketState::Error;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return QStringLiteral("%1  %2").arg(s.name, s.kindText());
        case State: return core::stateName(s.state) + (s.watching ? tr(", watched") : QString())
                           + (s.pendingCalls ? tr(", %n waiting", nullptr, s.pendingCalls) : QString());
        case Fd: return s.fd >= 0 ? QVariant(s.fd) : QVariant(QStringLiteral("-"));
        case Local:
            if (!s.local.isValid())
                return QString();
            // Reachable from other machines: say so where the address is shown.
            if ((s.local.host() == QLatin1String("0.0.0.0") || s.local.host() == QLatin1String("::"))
                && (s.state == core::SocketState::Listening || s.state == core::SocketState::Bound))
                return tr("%1 (all interfaces)").arg(s.local.toText());
            return s.local.toText();
        case Peer: return s.peer.isValid() ? s.peer.toText() : QString();
        case In: return countText(s.bytesIn, s.recordsIn) + (s.drops ? tr(", %1 dropped").arg(s.drops) : QString());
        case Out: return countText(s.bytesOut, s.recordsOut);
        }
        break;
    case Qt::ToolTipRole:
        return s.pythonRepr();
    case Qt::ForegroundRole:
        if (index.column() == Local && data(index, Qt::DisplayRole).toString().endsWith(tr("(all interfaces)")))
            return QBrush(QColor(0xb3, 0x5c, 0x00));
        if (s.state == core::SocketState::Error)
            return QBrush(Qt::darkRed);
        if (gone)
            return QBrush(Qt::gray);
        break;
    case Qt::FontRole:
        if (index.column() == Name && s.state == core::SocketState::Listening) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case SocketIdRole:
        return s.id;
    }
    return {};
}

QVariant SocketTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Socket");
    case State: return tr("State");
    case Fd: return tr("fd");
    case Local: return tr("Local");
    case Peer: return tr("Peer");
    case In: return tr("In");
    case Out: return tr("Out");
    }
    return {};
}

void SocketTreeModel::refresh()
{
    const QList<core::SocketInfo> snapshot = m_registry.snapshot();
    // Insert sockets not seen before (the registry lists them in creation order, so a parent
    // always comes before its children), then refresh the rest.
    for (const core::SocketInfo &info : snapshot) {
        if (m_info.contains(info.id)) {
            m_info[info.id] = info;
            continue;
        }
        const int parentId = m_info.contains(info.parentId) ? info.parentId : -1;
        const QModelIndex parentIndex = parentId < 0 ? QModelIndex() : indexOf(parentId);
        QList<int> &list = m_children[parentId];
        beginInsertRows(parentIndex, int(list.size()), int(list.size()));
        list.append(info.id);
        m_info.insert(info.id, info);
        m_children.insert(info.id, {});
        endInsertRows();
    }
    for (auto it = m_children.cbegin(); it != m_children.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        const QModelIndex parentIndex = it.key() < 0 ? QModelIndex() : indexOf(it.key());
        emit dataChanged(index(0, 0, parentIndex), index(int(it.value().size()) - 1, ColumnCount - 1, parentIndex));
    }
}

} // namespace ui
