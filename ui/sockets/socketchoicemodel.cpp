#include "ui/sockets/socketchoicemodel.h"

#include <algorithm>
#include <utility>

namespace ui {

SocketChoiceModel::SocketChoiceModel(const core::SocketRegistry &registry, QObject *parent)
    : QAbstractListModel(parent)
    , m_registry(registry)
{
    refresh();
}

int SocketChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + int(m_items.size());
}

QVariant SocketChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const bool all = index.row() == 0;
    switch (role) {
    case Qt::DisplayRole:
        return all ? tr("All sockets") : m_items[index.row() - 1].second;
    case SocketIdRole:
        return all ? -1 : m_items[index.row() - 1].first;
    }
    return {};
}

int SocketChoiceModel::rowOf(int socketId) const
{
    if (socketId < 0)
        return 0;
    return m_rows.value(socketId, -1);
}

int SocketChoiceModel::ensureListed(int socketId)
{
    refresh();
    const int row = rowOf(socketId);
    if (row >= 0)
        return row;
    const int added = rowCount();
    beginInsertRows({}, added, added);
    m_items.append({socketId, QStringLiteral("#%1").arg(socketId)});
    m_rows.insert(socketId, added);
    endInsertRows();
    return added;
}

void SocketChoiceModel::refresh()
{
    const QList<core::SocketSnapshot> changed = m_registry.changedSince(m_version, &m_version);
    QList<std::pair<int, QString>> added;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const core::SocketSnapshot &shared : changed) {
        const core::SocketInfo &info = *shared;
        const int row = rowOf(info.id);
        if (row < 0) {
            added.append({info.id, labelOf(info)});
            continue;
        }
        QString label = labelOf(info);
        if (label == m_items[row - 1].second)
            continue;
        m_items[row - 1].second = std::move(label);
        firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (!added.isEmpty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (auto &item : added) {
            m_rows.insert(item.first, int(m_items.size()) + 1);
            m_items.append(std::move(item));
        }
        endInsertRows();
    }
    if (firstChanged > 0)
        emit dataChanged(index(firstChanged), index(lastChanged), {Qt::DisplayRole});
}

QString SocketChoiceModel::labelOf(const core::SocketInfo &info)
{
    QString label = QStringLiteral("%1  %2").arg(info.name, info.kindText());
    if (info.local.isValid() && !info.local.isUnnamed())
        label += QStringLiteral("  ") + info.local.toText();
    return label;
}

} // namespace ui
