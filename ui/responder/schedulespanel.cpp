#include "ui/responder/schedulespanel.h"

#include "core/workbench.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

namespace {
enum Column { IdColumn, SocketColumn, SentColumn, StateColumn, SendsColumn, EveryColumn, LateColumn, FailedColumn, ColumnCount };
}

SchedulesPanel::SchedulesPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_stop(new QPushButton(tr("&Stop"), this))
    , m_stopAll(new QPushButton(tr("Stop all"), this))
    , m_summary(new QLabel(this))
    , m_timer(new QTimer(this))
{
    m_table->setAccessibleName(tr("Schedules"));
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Socket"), tr("Sent"), tr("State"), tr("Sends"), tr("Every"),
                                        tr("Late"), tr("Failed")});
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(IdColumn, metrics.horizontalAdvance(QStringLiteral("000")) + 12);
    m_table->setColumnWidth(SocketColumn, metrics.horizontalAdvance(QStringLiteral("sk0000")) + 12);
    m_table->setColumnWidth(SentColumn, metrics.horizontalAdvance(QStringLiteral("0000000")) + 12);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_stop->setAccessibleName(tr("Stop schedule"));
    m_stopAll->setAccessibleName(tr("Stop all schedules"));
    connect(m_stop, &QPushButton::clicked, this, &SchedulesPanel::stopSelected);
    connect(m_stopAll, &QPushButton::clicked, this, &SchedulesPanel::stopAll);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SchedulesPanel::refresh);

    auto *hint = new QLabel(tr("Start one from the composer: Repeat (every N ms) or Burst (N at once)."), this);
    hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stop);
    buttons->addWidget(m_stopAll);
    buttons->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &SchedulesPanel::refresh);
    refresh();
}

void SchedulesPanel::refresh()
{
    const QList<core::ScheduleStatus> schedules = m_workbench.schedules();
    const int selectedId = m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), IdColumn)
        ? m_table->item(m_table->currentRow(), IdColumn)->data(Qt::UserRole).toInt() : -1;
    m_table->setRowCount(int(schedules.size()));
    int running = 0;
    bool selectedRuns = false;
    auto set = [this](int row, int column, const QString &text) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        if (item->text() != text)
            item->setText(text);
        return item;
    };
    for (int row = 0; row < schedules.size(); ++row) {
        const core::ScheduleStatus &s = schedules.at(row);
        running += s.running;
        if (s.id == selectedId)
            selectedRuns = s.running;
        set(row, IdColumn, QString::number(s.id))->setData(Qt::UserRole, s.id);
        set(row, SocketColumn, m_workbench.sockets().info(s.schedule.socketId).name);
        set(row, SendsColumn, s.schedule.count > 0 ? tr("%1 × %2").arg(s.schedule.count).arg(core::callKindName(s.schedule.kind))
                                                   : tr("%1 until stopped").arg(core::callKindName(s.schedule.kind)));
        set(row, EveryColumn, s.schedule.burst ? tr("burst") : tr("%1 ms").arg(s.schedule.intervalMs));
        set(row, SentColumn, QString::number(s.sent));
        set(row, LateColumn, QString::number(s.late));
        set(row, FailedColumn, QString::number(s.failed));
        set(row, StateColumn, s.running ? tr("running") : s.stopReason);
    }
    m_stop->setEnabled(selectedRuns);
    m_stopAll->setEnabled(running > 0);
    m_summary->setText(running ? tr("%n running", nullptr, running) : QString());
    if (running > 0 && isVisible())
        m_timer->start();
    else
        m_timer->stop();
}

void SchedulesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void SchedulesPanel::stopSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, IdColumn))
        return;
    m_workbench.stopSchedule(m_table->item(row, IdColumn)->data(Qt::UserRole).toInt());
    refresh();
}

void SchedulesPanel::stopAll()
{
    for (const core::ScheduleStatus &s : m_workbench.schedules()) {
        if (s.running)
            m_workbench.stopSchedule(s.id);
    }
    refresh();
}

} // namespace ui
