#include "ui/traffic/trafficmodel.h"

#include "core/export/trafficexport.h"
#include "core/net/errors.h"
#include "core/store/socketregistry.h"
#include "core/text/payload.h"
#include "ui/widgets/themecolors.h"

#include <QColor>
#include <QFontDatabase>

#include <algorithm>
#include <string_view>
#include <utility>

namespace ui {

namespace {

constexpr qsizetype kToolTipBytes = 1024;

} // namespace

TrafficModel::TrafficModel(const core::TrafficStore &store, const core::SocketRegistry &sockets, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_sockets(sockets)
    , m_dataFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &TrafficModel::refresh);
    connect(&m_sockets, &core::SocketRegistry::changed, this, &TrafficModel::socketsChanged);
    // The timer runs while records arrive and stops at the first tick that finds none, so an
    // idle window does not wake 30 times a second.
    connect(&m_store, &core::TrafficStore::appended, this, [this] {
        if (!m_timer.isActive())
            m_timer.start();
    });
    m_timer.start();
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_filtered ? int(m_rows.size()) : int(m_seen);
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    const qsizetype storeIndex = index.isValid() ? recordIndex(index.row()) : -1;
    if (storeIndex < 0 || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const core::TrafficRecord record = m_store.at(storeIndex);
    const bool error = record.flags & core::TrafficFlag::Error;
    const bool out = record.direction == core::Direction::Out;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(record, storeIndex, column);
    case Qt::ToolTipRole:
        return toolTipText(record, column);
    case Qt::AccessibleTextRole:
        if (column == DirectionColumn)
            return out ? tr("sent") : tr("received");
        return {};
    case Qt::ForegroundRole:
        if (error)
            return ThemeColors::application().error;
        if (column == DirectionColumn)
            return out ? ThemeColors::application().sent : ThemeColors::application().received;
        return {};
    case Qt::BackgroundRole:
        if (column == DirectionColumn) {
            const ThemeColors &colors = ThemeColors::application();
            return ThemeColors::tint(error ? colors.error : out ? colors.sent : colors.received);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == SeqColumn || column == LengthColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (column == DirectionColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return {};
    case Qt::FontRole:
        if (column == DataColumn)
            return m_dataFont;
        return {};
    case RecordIndexRole:
        return QVariant::fromValue(storeIndex);
    default:
        return {};
    }
}

QString TrafficModel::displayText(const core::TrafficRecord &record, qsizetype index, int column) const
{
    switch (column) {
    case SeqColumn:
        return QString::number(index + 1);
    case TimeColumn:
        return core::trafficTimeText(record.timeNs);
    case SocketColumn:
        return socketLabel(record.socketId).name;
    case DirectionColumn:
        return record.direction == core::Direction::Out ? QStringLiteral("\u2192") : QStringLiteral("\u2190");
    case PeerColumn:
        return record.peerId ? m_store.peer(record.peerId).toText() : socketLabel(record.socketId).peer;
    case LengthColumn:
        if (record.flags & core::TrafficFlag::Error)
            return {};
        if (record.flags & (core::TrafficFlag::Truncated | core::TrafficFlag::Dropped))
            return tr("%1 of %2").arg(record.length).arg(record.wireLength);
        return QString::number(record.length);
    case DataColumn:
        if (record.flags & core::TrafficFlag::Error)
            return core::errnoName(record.error) + QStringLiteral(": ") + core::errnoMessage(record.error);
        if (record.flags & core::TrafficFlag::Eof)
            //: end of file: the peer shut down its side, recv() returned b''
            return tr("EOF");
        if (record.flags & core::TrafficFlag::Dropped)
            return tr("(%n byte(s) not kept: the store's payload cap is reached)", nullptr, int(record.wireLength));
        return core::escapedText(m_store.payload(record), kPreviewBytes);
    default:
        return {};
    }
}

QString TrafficModel::toolTipText(const core::TrafficRecord &record, int column) const
{
    switch (column) {
    case TimeColumn:
        return core::trafficTimeText(record.timeNs, true);
    case DirectionColumn: {
        QString text = record.direction == core::Direction::Out ? tr("sent") : tr("received");
        const QString flags = core::trafficFlagsText(record.flags);
        return flags.isEmpty() ? text : text + QStringLiteral(" [") + flags + QLatin1Char(']');
    }
    case LengthColumn:
        if (record.flags & core::TrafficFlag::Truncated)
            return tr("The datagram had %1 bytes; the buffer kept %2.").arg(record.wireLength).arg(record.length);
        return {};
    case DataColumn:
        if (record.flags & core::TrafficFlag::Error)
            return core::pythonOsError(record.error);
        if (record.flags & core::TrafficFlag::Eof)
            return tr("The peer shut down its side: recv() returned 0 bytes.");
        return core::escapedText(m_store.payload(record), kToolTipBytes);
    default:
        return {};
    }
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case SeqColumn: return tr("#");
        case TimeColumn: return tr("Time");
        case SocketColumn: return tr("Socket");
        case DirectionColumn: return tr("Dir");
        case PeerColumn: return tr("Peer");
        case LengthColumn: return tr("Length");
        case DataColumn: return tr("Data");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SeqColumn: return tr("Record number, in the order the syscalls returned");
        case TimeColumn: return tr("Local wall time the syscall returned, to the microsecond");
        case SocketColumn: return tr("The socket, by its Python name");
        case DirectionColumn: return tr("\u2192 sent, \u2190 received; red when the syscall failed");
        case PeerColumn: return tr("The address the bytes came from or went to");
        case LengthColumn: return tr("Bytes moved; a truncated datagram shows kept of real size");
        case DataColumn: return tr("The first %1 bytes, with escapes for the unprintable ones").arg(kPreviewBytes);
        default: return {};
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags TrafficModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

qsizetype TrafficModel::recordIndex(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_filtered ? qsizetype(m_rows[size_t(row)]) : qsizetype(row);
}

core::TrafficRecord TrafficModel::record(int row) const
{
    const qsizetype index = recordIndex(row);
    return index < 0 ? core::TrafficRecord() : m_store.at(index);
}

int TrafficModel::rowOfRecord(qsizetype index) const
{
    if (index < 0 || index >= m_seen)
        return -1;
    if (!m_filtered)
        return int(index);
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), quint32(index));
    return it != m_rows.end() && *it == quint32(index) ? int(it - m_rows.begin()) : -1;
}

std::vector<qsizetype> TrafficModel::recordIndices() const
{
    std::vector<qsizetype> indices;
    const int rows = rowCount();
    indices.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row)
        indices.push_back(recordIndex(row));
    return indices;
}

void TrafficModel::setSocketFilter(int socketId)
{
    socketId = std::max(socketId, -1);
    if (socketId == m_socketFilter)
        return;
    beginResetModel();
    m_socketFilter = socketId;
    rebuildRows();
    endRebuild();
}

void TrafficModel::setDirectionFilter(DirectionFilter direction)
{
    if (direction == m_directionFilter)
        return;
    beginResetModel();
    m_directionFilter = direction;
    rebuildRows();
    endRebuild();
}

void TrafficModel::setTextFilter(const QString &text)
{
    if (text == m_textFilter)
        return;
    QByteArray needle;
    QString error;
    const QLatin1String hexPrefix("hex:");
    if (text.startsWith(hexPrefix, Qt::CaseInsensitive)) {
        const auto decoded = core::decodeHex(QStringView(text).sliced(hexPrefix.size()));
        if (decoded)
            needle = decoded.value();
        else
            error = decoded.error().message;
    } else {
        needle = text.toUtf8();
    }
    const bool same = needle == m_needle && error == m_textFilterError;
    m_textFilter = text;
    if (same)
        return; // "hex:4865" and "hex:48 65" look for the same bytes
    beginResetModel();
    m_needle = needle;
    m_textFilterError = error;
    rebuildRows();
    endRebuild();
}

void TrafficModel::clearFilters()
{
    m_textFilter.clear();
    if (!m_filtered && m_needle.isEmpty() && m_textFilterError.isEmpty())
        return;
    beginResetModel();
    m_socketFilter = -1;
    m_directionFilter = DirectionFilter::Both;
    m_needle.clear();
    m_textFilterError.clear();
    rebuildRows();
    endRebuild();
}

void TrafficModel::refresh()
{
    const qsizetype count = m_store.count();
    if (count <= m_seen) {
        m_timer.stop();
        return;
    }
    if (!m_filtered) {
        beginInsertRows(QModelIndex(), int(m_seen), int(count - 1));
        m_seen = count;
        endInsertRows();
    } else {
        // Only the new records are looked at: the rows before them are already decided.
        std::vector<quint32> found;
        scan(m_seen, count, found);
        m_seen = count;
        if (!found.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows(QModelIndex(), first, first + int(found.size()) - 1);
            m_rows.insert(m_rows.end(), found.begin(), found.end());
            endInsertRows();
        }
    }
    emit countsChanged(rowCount(), m_seen);
}

bool TrafficModel::matches(const core::TrafficRecord &record) const
{
    if (m_socketFilter >= 0 && record.socketId != m_socketFilter)
        return false;
    if (m_directionFilter == DirectionFilter::In && record.direction != core::Direction::In)
        return false;
    if (m_directionFilter == DirectionFilter::Out && record.direction != core::Direction::Out)
        return false;
    if (!m_textFilterError.isEmpty())
        return false;
    if (m_needle.isEmpty())
        return true;
    const QByteArrayView payload = m_store.payload(record);
    return std::string_view(payload.data(), size_t(payload.size()))
               .find(std::string_view(m_needle.constData(), size_t(m_needle.size())))
           != std::string_view::npos;
}

void TrafficModel::scan(qsizetype from, qsizetype to, std::vector<quint32> &into) const
{
    for (qsizetype i = from; i < to; ++i) {
        if (matches(m_store.at(i)))
            into.push_back(quint32(i));
    }
}

void TrafficModel::rebuildRows()
{
    std::vector<quint32>().swap(m_rows);
    m_filtered = m_socketFilter >= 0 || m_directionFilter != DirectionFilter::Both || !m_needle.isEmpty()
                 || !m_textFilterError.isEmpty();
    if (m_filtered)
        scan(0, m_seen, m_rows);
}

void TrafficModel::endRebuild()
{
    endResetModel();
    emit countsChanged(rowCount(), m_seen);
}

TrafficModel::SocketLabel TrafficModel::readSocketLabel(int socketId) const
{
    return labelOf(m_sockets.info(socketId), socketId);
}

TrafficModel::SocketLabel TrafficModel::labelOf(const core::SocketInfo &info, int socketId)
{
    SocketLabel label;
    label.known = info.id == socketId;
    label.name = label.known ? info.name : QStringLiteral("#%1").arg(socketId);
    if (info.peer.isValid())
        label.peer = info.peer.toText();
    return label;
}

TrafficModel::SocketLabel TrafficModel::socketLabel(int socketId) const
{
    const auto it = m_socketLabels.constFind(socketId);
    if (it != m_socketLabels.constEnd())
        return *it;
    SocketLabel label = readSocketLabel(socketId);
    if (label.known)
        m_socketLabels.insert(socketId, label);
    else
        m_missedSocket = true;
    return label;
}

void TrafficModel::socketsChanged()
{
    // Only the sockets published since the last time: with 10,000 connections, re-reading every
    // label on each registry change was most of the GUI thread's time.
    bool changed = std::exchange(m_missedSocket, false);
    for (const core::SocketSnapshot &info : m_sockets.changedSince(m_socketsVersion, &m_socketsVersion)) {
        const auto it = m_socketLabels.find(info->id);
        if (it == m_socketLabels.end())
            continue; // no row has asked for it yet
        SocketLabel label = labelOf(*info, info->id);
        if (label.name != it->name || label.peer != it->peer) {
            *it = std::move(label);
            changed = true;
        }
    }
    if (changed && rowCount() > 0)
        emit dataChanged(index(0, SocketColumn), index(rowCount() - 1, PeerColumn), {Qt::DisplayRole});
}

} // namespace ui
