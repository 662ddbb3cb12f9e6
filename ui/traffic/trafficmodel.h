#pragma once

#include "core/net/socketaddress.h"
#include "core/store/trafficstore.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QFont>
#include <QHash>
#include <QTimer>

#include <vector>

namespace core {
class SocketRegistry;
struct SocketInfo;
}

namespace ui {

// The traffic log as a table: one row per send/recv syscall, read from core::TrafficStore by
// index. A 33 ms timer picks up what the I/O threads appended and inserts it in one batch; text
// is built in data() only for the rows a view asks for. Filters (socket, direction, payload text)
// live here rather than in a proxy: a filtered model keeps the store indices that match and
// extends them as records arrive, so rowCount() and data() stay O(1) at a million records.
class TrafficModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeqColumn, TimeColumn, SocketColumn, DirectionColumn, PeerColumn, LengthColumn, DataColumn,
                  ColumnCount };
    enum class DirectionFilter { Both, In, Out };
    // data(index, RecordIndexRole): the row's store index, as a qsizetype.
    static constexpr int RecordIndexRole = Qt::UserRole + 1;
    static constexpr int kRefreshMs = 33;
    static constexpr qsizetype kPreviewBytes = 120;

    TrafficModel(const core::TrafficStore &store, const core::SocketRegistry &sockets, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The store index shown in a row (-1 outside the rows), and its record.
    qsizetype recordIndex(int row) const;
    core::TrafficRecord record(int row) const;
    // The row showing a store index; -1 when filtered out or not picked up yet. O(log n).
    int rowOfRecord(qsizetype index) const;
    // Every store index shown, in order (for exports).
    std::vector<qsizetype> recordIndices() const;
    // Store records the model has picked up, shown or filtered out.
    qsizetype seenCount() const { return m_seen; }

    int socketFilter() const { return m_socketFilter; }
    DirectionFilter directionFilter() const { return m_directionFilter; }
    QString textFilter() const { return m_textFilter; }
    // Why the text filter matches nothing by construction (a bad hex: filter); empty when fine.
    QString textFilterError() const { return m_textFilterError; }
    bool isFiltered() const { return m_filtered; }

    // Each change rebuilds the shown rows once, as a model reset.
    void setSocketFilter(int socketId); // -1: all sockets
    void setDirectionFilter(DirectionFilter direction);
    // Substring of the payload bytes, as UTF-8; "hex:48 65" looks for the bytes 0x48 0x65.
    void setTextFilter(const QString &text);
    void clearFilters();

public slots:
    // Picks up the records appended since the last refresh (the timer calls this).
    void refresh();

signals:
    void countsChanged(qsizetype shown, qsizetype seen);

private:
    struct SocketLabel
    {
        QString name;
        QString peer;
        bool known = false;
    };

    bool matches(const core::TrafficRecord &record) const;
    void scan(qsizetype from, qsizetype to, std::vector<quint32> &into) const;
    // Between beginResetModel() and endResetModel(): the shown rows for the filters now set.
    void rebuildRows();
    void endRebuild();
    void socketsChanged();
    SocketLabel socketLabel(int socketId) const;
    SocketLabel readSocketLabel(int socketId) const;
    static SocketLabel labelOf(const core::SocketInfo &info, int socketId);
    QString displayText(const core::TrafficRecord &record, qsizetype index, int column) const;
    QString toolTipText(const core::TrafficRecord &record, int column) const;

    const core::TrafficStore &m_store;
    const core::SocketRegistry &m_sockets;
    QTimer m_timer;
    qsizetype m_seen = 0;
    // Store indices of the shown rows, kept only while a filter is set (m_filtered).
    bool m_filtered = false;
    std::vector<quint32> m_rows;

    int m_socketFilter = -1;
    DirectionFilter m_directionFilter = DirectionFilter::Both;
    QString m_textFilter;
    QString m_textFilterError;
    QByteArray m_needle;

    mutable QHash<int, SocketLabel> m_socketLabels;
    quint64 m_socketsVersion = 0; // the registry's, as of the last socketsChanged()
    mutable bool m_missedSocket = false; // a row named a socket the registry did not know yet
    QFont m_dataFont;
};

} // namespace ui
