#include "mainwindow.h"

#include "workbench.h"

#include <QPlainTextEdit>

namespace ui {

MainWindow::MainWindow(core::Workbench &workbench, QWidget *parent)
    : QMainWindow(parent)
    , m_workbench(workbench)
{
    setWindowTitle(tr("Socket Workbench"));
    auto *journal = new QPlainTextEdit(this);
    journal->setReadOnly(true);
    journal->setAccessibleName(tr("Journal"));
    setCentralWidget(journal);
    connect(&m_workbench.journal(), &core::Journal::changed, journal, [this, journal] {
        QStringList lines;
        const qsizetype n = m_workbench.journal().count();
        for (qsizetype i = 0; i < n; ++i) {
            const core::CallRecord r = m_workbench.journal().at(i);
            lines << QStringLiteral(">>> %1").arg(r.call) << (r.finished() ? r.outcome.result : tr("(pending)"));
        }
        journal->setPlainText(lines.join(QLatin1Char('\n')));
    });
    resize(900, 600);
}

} // namespace ui
