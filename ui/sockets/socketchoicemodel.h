#pragma once

#include "core/store/socketregistry.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QString>

#include <utility>

namespace ui {

// The sockets as a flat list to choose from (the traffic log's socket filter): "All sockets"
// (id -1) first, then every socket in creation order, labelled with its name, kind and local
// address. refresh() takes only what changed in the registry since the last time: new sockets
// are appended in one insertion and only labels that changed are signalled, so a burst of
// 10,000 accepted connections costs the GUI thread a few milliseconds, not a rebuilt list.
class SocketChoiceModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SocketIdRole = Qt::UserRole };

    explicit SocketChoiceModel(const core::SocketRegistry &registry, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    int rowOf(int socketId) const; // -1 when not listed
    // Lists socketId even if the registry does not know it (yet): as "#id" until it does, then
    // with its label. Such a row is added at the end and stays there (rows never move, so the
    // combo's current item stays put).
    int ensureListed(int socketId);

public slots:
    void refresh();

private:
    static QString labelOf(const core::SocketInfo &info);

    const core::SocketRegistry &m_registry;
    quint64 m_version = 0;
    QList<std::pair<int, QString>> m_items; // after row 0 ("All sockets")
    QHash<int, int> m_rows;                  // id -> row
};

} // namespace ui
