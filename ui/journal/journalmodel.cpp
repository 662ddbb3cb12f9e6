#include "ui/journal/journalmodel.h"

#include "core/export/transcript.h"
#include "ui/widgets/themecolors.h"

#include <QColor>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace ui {

namespace {

constexpr qsizetype kDisplayLimit = 300;  // characters shown in a cell; the tooltip has more
constexpr qsizetype kToolTipLimit = 4000;

QString clipped(const QString &text, qsizetype limit)
{
    return text.size() > limit ? text.left(limit) + QChar(0x2026) : text;
}

} // namespace

JournalModel::JournalModel(const core::Journal &journal, QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
{
    connect(&m_journal, &core::Journal::changed, this, &JournalModel::refresh);
    refresh();
}

int JournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JournalModel::durationText(qint64 ns)
{
    if (ns < 0)
        return {};
    if (ns < 1'000'000)
        return QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', ns < 10'000 ? 1 : 0);
    if (ns < 1'000'000'000)
        return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', ns < 100'000'000 ? 1 : 0);
    return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', ns < 100'000'000'000 ? 2 : 0);
}

QString JournalModel::resultText(const core::CallRecord &record)
{
    switch (record.outcome.status) {
    case core::CallStatus::Pending:
        return tr("… pending");
    case core::CallStatus::Cancelled:
        return tr("cancelled (%1)").arg(record.outcome.note);
    case core::CallStatus::Done:
    case core::CallStatus::Failed:
        break;
    }
    return record.outcome.result;
}

QString JournalModel::displayText(const core::CallRecord &record, int column) const
{
    switch (column) {
    case SeqColumn:
        return QString::number(record.id);
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(record.startWallNs / 1'000'000).toString(QStringLiteral("HH:mm:ss.zzz"));
    case CallColumn:
        return core::Journal::textOf(record);
    case ResultColumn:
        return resultText(record);
    case ErrnoColumn:
        return record.outcome.errorName;
    case DurationColumn:
        return durationText(record.durationNs);
    case NoteColumn:
        return record.outcome.status == core::CallStatus::Cancelled ? QString() : record.outcome.note;
    default:
        return {};
    }
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::CallRecord &r = record(index.row());
    const core::CallStatus status = r.outcome.status;
    switch (role) {
    case Qt::DisplayRole:
        return clipped(displayText(r, index.column()), kDisplayLimit);
    case Qt::ToolTipRole: {
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(r.startWallNs / 1'000'000).toString(Qt::ISODateWithMs);
        QString text = displayText(r, index.column());
        if (index.column() == CallColumn && r.value && r.value->origin != core::CallOrigin::Window)
            text += r.value->source.isEmpty() ? tr("\n(made by %1)").arg(core::callOriginName(r.value->origin))
                                              : tr("\n(made by %1 at %2)").arg(core::callOriginName(r.value->origin), r.value->source.text());
        if (index.column() == CallColumn && r.value && r.value->dataSize > 0) {
            text += tr("\n(%n payload byte(s))", nullptr, int(r.value->dataSize));
            if (!r.payloadComplete())
                text += tr("; the journal kept %n of them (the traffic log has what was sent)", nullptr, int(r.payload().size()));
        }
        if (index.column() == ResultColumn && !r.outcome.note.isEmpty() && status != core::CallStatus::Cancelled)
            text += QLatin1Char('\n') + r.outcome.note;
        return text.isEmpty() ? QVariant() : QVariant(clipped(text, kToolTipLimit));
    }
    case Qt::ForegroundRole:
        if (status == core::CallStatus::Failed)
            return ThemeColors::application().error;
        if (status == core::CallStatus::Pending || status == core::CallStatus::Cancelled)
            return ThemeColors::application().muted;
        return {};
    case Qt::FontRole:
        if (status == core::CallStatus::Pending) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case CallIdRole:
        return QVariant::fromValue(r.id);
    case StatusRole:
        return int(status);
    default:
        return {};
    }
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case CallColumn: return tr("Call");
    case ResultColumn: return tr("Result");
    case ErrnoColumn: return tr("Errno");
    case DurationColumn: return tr("Duration");
    case NoteColumn: return tr("Note");
    default: return {};
    }
}

QString JournalModel::transcript(const QList<int> &rows) const
{
    std::vector<core::CallRecord> records;
    for (const int row : rows) {
        if (row >= 0 && row < rowCount())
            records.push_back(m_journal.at(row)); // its text filled in
    }
    return core::pythonTranscript(records);
}

const core::CallRecord &JournalModel::record(int row) const
{
    if (row < m_windowFirst || row >= m_windowFirst + int(m_window.size())) {
        // A view asks for the rows it paints, top to bottom, and scrolls either way: the window
        // starts a little above the row asked for. Only rows shown are copied, so a pending one
        // among them is in m_pending and refreshPending() drops the window when it finishes.
        m_windowFirst = std::max(0, row - kWindow / 4);
        m_window = m_journal.range(m_windowFirst, std::min(kWindow, m_count - m_windowFirst), core::Journal::Text::Lazy);
        if (row >= m_windowFirst + int(m_window.size())) { // not in the journal: a row it never had
            static const core::CallRecord none;
            m_window.clear();
            return none;
        }
    }
    return m_window[size_t(row - m_windowFirst)];
}

void JournalModel::refresh()
{
    refreshPending();
    const qsizetype count = m_journal.count();
    if (count <= m_count)
        return;
    for (const qsizetype row : m_journal.pendingAmong(m_count, count - m_count))
        m_pending.push_back(int(row));
    beginInsertRows({}, m_count, int(count) - 1);
    m_count = int(count);
    endInsertRows();
}

void JournalModel::refreshPending()
{
    std::vector<int> still;
    int first = -1;
    int last = -1;
    auto flush = [&] {
        if (first >= 0)
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        first = -1;
    };
    for (const int row : m_pending) {
        if (m_journal.isPending(core::CallId(row) + 1)) {
            still.push_back(row);
            continue;
        }
        if (row >= m_windowFirst && row < m_windowFirst + int(m_window.size()))
            m_window.clear(); // its copy of the row is out of date
        if (first >= 0 && row == last + 1) {
            last = row;
        } else {
            flush();
            first = last = row;
        }
    }
    flush();
    m_pending.swap(still);
}

} // namespace ui
