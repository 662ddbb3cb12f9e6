#include "ui/sockets/sockettreemodel.h"

#include "ui/widgets/themecolors.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QSet>

namespace ui {

namespace {

QString countText(quint64 bytes, quint64 records)
{
    if (!records)
        return QString();
    return QStringLiteral("%1 (%2)").arg(QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat)).arg(records);
}

bool isOpen(const core::SocketInfo &info)
{
    return info.state != core::SocketState::Closed && info.state != core::SocketState::Error;
}

QFont boldFont()
{
    QFont bold;
    bold.setBold(true);
    return bold;
}

} // namespace

SocketTreeModel::SocketTreeModel(const core::SocketRegistry &registry, QObject *parent)
    : QAbstractItemModel(parent)
    , m_registry(registry)
{
    // At most every kRefreshMs: a burst of connections changes the registry at 60 Hz, and each
    // refresh costs the view a layout and a paint.
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(kRefreshMs);
    connect(&m_throttle, &QTimer::timeout, this, &SocketTreeModel::refresh);
    connect(&registry, &core::SocketRegistry::changed, this, [this] {
        if (!m_throttle.isActive())
            m_throttle.start();
    });
    refresh();
}

const QList<int> &SocketTreeModel::siblings(int parentId) const
{
    static const QList<int> none;
    const auto it = m_children.constFind(parentId);
    return it == m_children.constEnd() ? none : it.value();
}

int SocketTreeModel::rowOf(int key) const
{
    const auto it = m_nodes.constFind(key);
    return it == m_nodes.constEnd() ? -1 : it->row;
}

QModelIndex SocketTreeModel::nodeIndex(int key) const
{
    const int row = rowOf(key);
    // A group's key is negative: it makes the internal id a large one, and keyOf() gives it back.
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(qintptr(key)));
}

QModelIndex SocketTreeModel::indexOf(int socketId) const
{
    return socketId < 0 ? QModelIndex() : nodeIndex(socketId);
}

int SocketTreeModel::socketId(const QModelIndex &index) const
{
    return index.isValid() && keyOf(index) >= 0 ? keyOf(index) : -1;
}

QModelIndex SocketTreeModel::indexOfGroup(int group) const
{
    return group < 0 ? QModelIndex() : nodeIndex(groupKey(group));
}

int SocketTreeModel::group(const QModelIndex &index) const
{
    return index.isValid() && keyOf(index) < -1 ? -2 - keyOf(index) : -1;
}

int SocketTreeModel::openCount() const
{
    int n = 0;
    for (const core::SocketSnapshot &info : m_info)
        n += info->state != core::SocketState::Closed && info->state != core::SocketState::Error;
    return n;
}

QModelIndex SocketTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return {};
    const QList<int> &list = siblings(parent.isValid() ? keyOf(parent) : -1);
    if (row < 0 || row >= list.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, quintptr(qintptr(list[row])));
}

QModelIndex SocketTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto it = m_nodes.constFind(keyOf(child));
    return it == m_nodes.constEnd() || it->parentId == -1 ? QModelIndex() : nodeIndex(it->parentId);
}

int SocketTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(siblings(parent.isValid() ? keyOf(parent) : -1).size());
}

int SocketTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SocketTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const int g = group(index); g >= 0)
        return groupData(g, index.column(), role);
    const auto it = m_info.constFind(socketId(index));
    if (it == m_info.constEnd())
        return {};
    const core::SocketInfo &s = **it;
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
            return QBrush(ThemeColors::application().warning);
        if (s.state == core::SocketState::Error)
            return QBrush(ThemeColors::application().error);
        if (gone)
            return QBrush(ThemeColors::application().muted);
        break;
    case Qt::FontRole:
        if (index.column() == Name && s.state == core::SocketState::Listening)
            return boldFont();
        break;
    case SocketIdRole:
        return s.id;
    }
    return {};
}

QVariant SocketTreeModel::groupData(int group, int column, int role) const
{
    const Group g = m_groups.value(group);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name: {
            // The view spans this column over the row: the open count is said here too.
            const int members = int(siblings(groupKey(group)).size());
            //: a group's node in the tree: its number, its address, how many clients; %4 says how many are open
            return tr("clients %1 → %2 (%3), %4")
                .arg(QString::number(group), g.address.isValid() ? g.address.toText() : QStringLiteral("…"),
                     QString::number(members), tr("%n open", nullptr, g.open));
        }
        case State: return tr("%n open", nullptr, g.open);
        case In: return countText(g.bytesIn, g.recordsIn);
        case Out: return countText(g.bytesOut, g.recordsOut);
        default: return QString();
        }
    case Qt::ToolTipRole:
        return tr("Made by Connect N clients. In: %1; out: %2. Close all, Shut down all and Send to all act on each open "
                  "client").arg(countText(g.bytesIn, g.recordsIn), countText(g.bytesOut, g.recordsOut));
    case Qt::ForegroundRole:
        if (!g.open)
            return QBrush(ThemeColors::application().muted);
        break;
    case Qt::FontRole:
        if (column == Name)
            return boldFont();
        break;
    case GroupRole:
        return group;
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
    const QList<core::SocketSnapshot> changed = m_registry.changedSince(m_version, &m_version);
    // New sockets go in as runs that share a parent (the registry lists them in creation order,
    // so a parent is always in the tree before its children): a listener's burst of accepted
    // connections is one insertion. Rows already shown are refreshed per parent, first to last.
    QList<core::SocketSnapshot> run;
    int runParent = -1;
    QHash<int, std::pair<int, int>> refreshed; // parent key -> first and last row changed
    const auto markRefreshed = [&refreshed](const Node &node) {
        const auto range = refreshed.find(node.parentId);
        if (range == refreshed.end())
            refreshed.insert(node.parentId, {node.row, node.row});
        else
            *range = {std::min(range->first, node.row), std::max(range->second, node.row)};
    };
    QSet<int> groupsChanged;
    for (const core::SocketSnapshot &shared : changed) {
        const core::SocketInfo &info = *shared;
        if (info.group >= 0)
            groupsChanged.insert(info.group);
        const auto known = m_info.find(info.id);
        if (known != m_info.end()) {
            count(**known, -1);
            count(info, +1);
            *known = shared;
            markRefreshed(m_nodes.value(info.id));
            continue;
        }
        // A group's clients go under the group's node, the others under their listener, if any.
        const int parentKey = info.group >= 0 ? groupKey(info.group) : info.parentId;
        if (!run.isEmpty() && parentKey != runParent) {
            insertRun(runParent, run);
            run.clear();
        }
        runParent = parentKey;
        run.append(shared);
    }
    if (!run.isEmpty())
        insertRun(runParent, run);
    // A group's node sums its members: its row changes with theirs (its count as they arrive).
    for (int g : std::as_const(groupsChanged))
        markRefreshed(m_nodes.value(groupKey(g)));
    for (auto it = refreshed.cbegin(); it != refreshed.cend(); ++it) {
        const QModelIndex parentIndex = it.key() == -1 ? QModelIndex() : nodeIndex(it.key());
        emit dataChanged(index(it->first, 0, parentIndex), index(it->second, ColumnCount - 1, parentIndex));
    }
}

void SocketTreeModel::insertRun(int parentId, const QList<core::SocketSnapshot> &run)
{
    if (parentId < -1 && !m_nodes.contains(parentId))
        insertGroup(run.first()->group); // the group's first clients: its node comes first
    if (!m_nodes.contains(parentId))
        parentId = -1; // not a socket of the tree: top level
    const QModelIndex parentIndex = parentId == -1 ? QModelIndex() : nodeIndex(parentId);
    QList<int> &list = m_children[parentId];
    const int first = int(list.size());
    beginInsertRows(parentIndex, first, first + int(run.size()) - 1);
    for (const core::SocketSnapshot &info : run) {
        m_nodes.insert(info->id, {parentId, int(list.size())});
        list.append(info->id);
        m_info.insert(info->id, info);
        count(*info, +1);
    }
    endInsertRows();
}

void SocketTreeModel::insertGroup(int group)
{
    QList<int> &top = m_children[-1];
    const int row = int(top.size());
    beginInsertRows({}, row, row);
    m_nodes.insert(groupKey(group), {-1, row});
    top.append(groupKey(group));
    m_groups.insert(group, Group());
    endInsertRows();
}

// Adds a group member's figures to its group's node (sign +1), or takes them away (-1).
void SocketTreeModel::count(const core::SocketInfo &member, int sign)
{
    if (member.group < 0)
        return;
    const auto it = m_groups.find(member.group);
    if (it == m_groups.end())
        return;
    Group &g = *it;
    if (!g.address.isValid() && member.connectTo.isValid())
        g.address = member.connectTo;
    const auto add = [sign](quint64 &sum, quint64 value) { sign > 0 ? sum += value : sum -= value; };
    g.open += sign * int(isOpen(member));
    add(g.bytesIn, member.bytesIn);
    add(g.bytesOut, member.bytesOut);
    add(g.recordsIn, member.recordsIn);
    add(g.recordsOut, member.recordsOut);
}

} // namespace ui
