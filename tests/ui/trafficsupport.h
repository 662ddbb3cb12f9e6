#pragma once

#include "core/net/constants.h"
#include "core/net/socketaddress.h"
#include "core/store/socketregistry.h"

#include <QAbstractItemModel>
#include <QString>

// Helpers shared by the traffic tests: the size of the records and datagrams they make, a cell's
// text, and a socket as the registry publishes it.
namespace trafficsupport {

inline constexpr qsizetype kPayloadBytes = 64;

inline QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

inline core::SocketInfo socketInfo(int id, const QString &name, const core::SocketAddress &peer = {})
{
    core::SocketInfo info;
    info.id = id;
    info.name = name;
    info.family = core::sock::AfInet;
    info.type = core::sock::Dgram;
    info.peer = peer;
    return info;
}

} // namespace trafficsupport
