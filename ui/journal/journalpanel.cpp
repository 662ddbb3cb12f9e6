#include "ui/journal/journalpanel.h"

#include "ui/journal/journalmodel.h"

#include "core/export/pythonscript.h"
#include "core/workbench.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

JournalPanel::JournalPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
{
    setObjectName(QStringLiteral("journalPanel"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolBar = new QToolBar(tr("Journal tools"), this);
    m_toolBar->setAccessibleName(tr("Journal tools"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    if (auto *more = m_toolBar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"))) // the » menu
        more->setAccessibleName(tr("More journal tools"));
    layout->addWidget(m_toolBar);

    m_model = new JournalModel(m_workbench.journal(), this);
    m_view = new QTableView(this);
    m_view->setAccessibleName(tr("Journal"));
    m_view->setToolTip(tr("Every call of the session as Python, in the order the calls were made"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    // Fixed row heights: a long session must not measure every row.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Widths in the order they matter: call, result and errno show in a journal ~700 px wide;
    // duration and note follow (the note takes what is left). Cut text is whole in the tooltip.
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(JournalModel::SeqColumn, digit * 4);
    m_view->setColumnWidth(JournalModel::TimeColumn, digit * 13);
    m_view->setColumnWidth(JournalModel::CallColumn, digit * 38);
    m_view->setColumnWidth(JournalModel::ResultColumn, digit * 21);
    m_view->setColumnWidth(JournalModel::ErrnoColumn, digit * 13);
    m_view->setColumnWidth(JournalModel::DurationColumn, digit * 9);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    layout->addWidget(m_view);

    QAction *copy = addTool(tr("Copy transcript"),
                            tr("Copies the selected calls (all when none is selected) as an interactive Python "
                               "session: >>> call, then what it returned or raised"),
                            &JournalPanel::copyTranscript);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addTool(tr("Export as Python script…"),
            tr("Writes the session as a script python3 runs: import socket, struct, then every call, "
               "e.g. sk1.bind(('127.0.0.1', 8080))"),
            &JournalPanel::chooseExportFile);
    m_cancel = addTool(tr("Cancel selected call"),
                       tr("Stops a call that is still waiting (a blocking recv(), accept(), connect() or a lookup); "
                          "Python would be interrupted the same way by Ctrl+C"),
                       &JournalPanel::cancelSelected);

    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, &JournalPanel::rememberTail);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &JournalPanel::followTail);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JournalPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &JournalPanel::updateActions);
    updateActions();
}

QAction *JournalPanel::addTool(const QString &label, const QString &toolTip, void (JournalPanel::*slot)())
{
    auto *action = new QAction(label, this);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    connect(action, &QAction::triggered, this, slot);
    m_toolBar->addAction(action);
    m_view->addAction(action);
    if (QWidget *button = m_toolBar->widgetForAction(action)) {
        button->setAccessibleName(label);
        button->setToolTip(toolTip);
    }
    return action;
}

QList<int> JournalPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

int JournalPanel::currentPendingRow() const
{
    for (const int row : selectedRows()) {
        if (!m_model->record(row).finished())
            return row;
    }
    return -1;
}

void JournalPanel::copyTranscript()
{
    QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows << row;
    }
    QApplication::clipboard()->setText(m_model->transcript(rows));
}

bool JournalPanel::exportScript(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(core::pythonScript(m_workbench.journal(), m_workbench.sockets(), core::scriptResponders(m_workbench)).toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return true;
}

void JournalPanel::chooseExportFile()
{
    QFileDialog dialog(this, tr("Export as Python script"), QString(), tr("Python scripts (*.py)"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("py"));
    dialog.selectFile(QStringLiteral("session.py"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    QString error;
    const QString path = dialog.selectedFiles().constFirst();
    if (!exportScript(path, &error))
        QMessageBox::warning(this, tr("Export as Python script"), tr("Could not write %1: %2").arg(path, error));
}

void JournalPanel::cancelSelected()
{
    for (const int row : selectedRows()) {
        if (!m_model->record(row).finished())
            m_workbench.cancel(m_model->record(row).id);
    }
}

void JournalPanel::updateActions()
{
    m_cancel->setEnabled(currentPendingRow() >= 0);
}

void JournalPanel::rememberTail()
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    m_atBottom = bar->value() >= bar->maximum();
}

void JournalPanel::followTail()
{
    if (m_atBottom)
        m_view->scrollToBottom();
}

} // namespace ui
