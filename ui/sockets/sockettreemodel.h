#pragma once

#include "core/store/socketregistry.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QTimer>

namespace ui {

// Every socket of the session as a tree: listeners with their accepted connections under them,
// and the clients of a group (core/session/clientgroup.h) under a node of their own, "clients 1 →
// 127.0.0.1:8080 (200)", whose columns sum its members (open ones, bytes in and out).
// Follows SocketRegistry::changed (at most 10 times a second) and takes only what changed since
// the last refresh: new sockets are inserted where they belong, a run of them under one parent
// at once, and changed ones are refreshed with one dataChanged per parent. Sockets never leave
// the tree; closed ones stay, greyed, so the session's history remains readable.
class SocketTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, State, Fd, Local, Peer, In, Out, ColumnCount };
    enum Role { SocketIdRole = Qt::UserRole + 1, GroupRole };

    explicit SocketTreeModel(const core::SocketRegistry &registry, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex indexOf(int socketId) const;
    int socketId(const QModelIndex &index) const; // -1 for a group's node
    QModelIndex indexOfGroup(int group) const;
    int group(const QModelIndex &index) const;    // the group of a group's node, else -1
    core::SocketInfo info(int socketId) const
    {
        const core::SocketSnapshot found = m_info.value(socketId);
        return found ? *found : core::SocketInfo();
    }
    int openCount() const;

public slots:
    void refresh();

private:
    // Nodes are keyed by socket id, or for a group's node by groupKey(group) (below -1).
    struct Node
    {
        int parentId = -1; // -1: top level
        int row = 0;       // under the parent; sockets never leave, so rows never move
    };
    // What a group's node shows: its members summed.
    struct Group
    {
        core::SocketAddress address; // where its members connect, once one has started to
        int open = 0;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        quint64 recordsIn = 0;
        quint64 recordsOut = 0;
    };

    static int groupKey(int group) { return -2 - group; }
    static int keyOf(const QModelIndex &index) { return int(index.internalId()); }
    QModelIndex nodeIndex(int key) const;
    const QList<int> &siblings(int parentId) const;
    int rowOf(int key) const;
    void insertRun(int parentId, const QList<core::SocketSnapshot> &run);
    void insertGroup(int group);
    void count(const core::SocketInfo &member, int sign);
    QVariant groupData(int group, int column, int role) const;

    static constexpr int kRefreshMs = 100;

    const core::SocketRegistry &m_registry;
    QTimer m_throttle;
    quint64 m_version = 0; // the registry's, as of the last refresh
    QHash<int, core::SocketSnapshot> m_info;
    QHash<int, Node> m_nodes;
    QHash<int, QList<int>> m_children; // parent id (-1: top level) -> children in order
    QHash<int, Group> m_groups;        // by group number
};

} // namespace ui
