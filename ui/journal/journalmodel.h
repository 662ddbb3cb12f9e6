#pragma once

#include "core/store/journal.h"

#include <QAbstractTableModel>

#include <vector>

namespace ui {

// The journal as a table: one row per call, in the order the calls were made. The rows stay in
// core::Journal: the model copies only a window of them, the rows a view is showing, and on each
// change inserts the new calls in one batch and looks again only at the rows still pending. A
// responder journaling 40,000 replies a second costs the window a refresh, not 40,000 copies.
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

    // A row as copied (Journal::Text::Lazy): core::Journal::textOf() gives its call text. The
    // reference holds until the next call of record() or refresh().
    const core::CallRecord &record(int row) const;
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
    int m_count = 0;                // rows shown
    std::vector<int> m_pending;     // rows not finished when last seen, ascending
    static constexpr int kWindow = 256;
    mutable std::vector<core::CallRecord> m_window; // copies of rows from m_windowFirst on
    mutable int m_windowFirst = 0;
};

} // namespace ui
