#pragma once

#include "store/journal.h"

#include <QAbstractTableModel>

#include <deque>
#include <vector>

namespace ui {

// The journal as a table: one row per call, in the order the calls were made. Rows are copied
// from core::Journal when it announces a change: new calls are inserted in one batch and only
// the rows still pending are looked at again, so a long session costs nothing per refresh.
class JournalModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeqColumn, TimeColumn, CallColumn, ResultColumn, ErrnoColumn, DurationColumn, NoteColumn, ColumnCount };
    enum Role { CallIdRole = Qt::UserRole + 1, StatusRole };

    explicit JournalModel(const core::Journal &journal, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A row as copied (Journal::Text::Lazy): core::Journal::textOf() gives its call text.
    const core::CallRecord &record(int row) const { return m_rows[size_t(row)]; }
    int pendingCount() const { return int(m_pending.size()); }

    // The rows as an interactive Python session would show them (>>> call, then its result).
    QString transcript(const QList<int> &rows) const;

    // Takes in what the journal holds now; called on Journal::changed.
    void refresh();

    static QString durationText(qint64 ns);
    static QString resultText(const core::CallRecord &record);

private:
    QString displayText(const core::CallRecord &record, int column) const;
    void refreshPending();

    const core::Journal &m_journal;
    std::deque<core::CallRecord> m_rows; // a deque: growing never moves the rows already shown
    std::vector<int> m_pending; // rows not finished when last seen, ascending
};

} // namespace ui
