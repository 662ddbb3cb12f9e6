// The main window's sessions: opening a session file or an example (asking first about the sockets
// already open), saving one, and their dialogs.
#include "ui/mainwindow.h"

#include "core/recipes/callchain.h"
#include "core/recipes/examples.h"
#include "core/workbench.h"
#include "python/pythonrunner.h"
#include "ui/composer/composer.h"
#include "ui/composer/repeatcontrols.h"
#include "ui/console/consolepanel.h"
#include "ui/guide/guidepanel.h"
#include "ui/guide/welcomepage.h"
#include "ui/journal/journalpanel.h"
#include "ui/lookup/lookuppanel.h"
#include "ui/panelshortcuts.h"
#include "ui/payloads/payloadspanel.h"
#include "ui/responder/responderpanel.h"
#include "ui/socket/socketpanel.h"
#include "ui/sockets/socketspanel.h"
#include "ui/statusline.h"
#include "ui/traffic/trafficpanel.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCloseEvent>
#include <QResizeEvent>
#include <QScreen>
#include <QStyle>
#include <QDir>
#include <QDockWidget>
#include <QScrollArea>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QStackedWidget>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

QList<int> MainWindow::openSockets() const
{
    QList<int> open;
    for (const core::SocketInfo &info : m_workbench.sockets().snapshot()) {
        if (info.state != core::SocketState::Closed && info.fd >= 0)
            open.append(info.id);
    }
    return open;
}

bool MainWindow::settleExisting(const QString &title, const QString &question, ExistingSockets *existing, QList<int> *open)
{
    *open = openSockets();
    if (open->isEmpty() || *existing != ExistingSockets::Ask)
        return true;
    QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Cancel, this);
    QPushButton *close = box.addButton(tr("Close them"), QMessageBox::AcceptRole);
    QPushButton *keep = box.addButton(tr("Add to them"), QMessageBox::AcceptRole);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == close)
        *existing = ExistingSockets::Close;
    else if (box.clickedButton() == keep)
        *existing = ExistingSockets::Keep;
    else
        return false;
    return true;
}

core::CallChain *MainWindow::startExample(ExistingSockets existing)
{
    QList<int> open;
    if (!settleExisting(tr("Loopback echo lab"),
                        tr("The lab adds three sockets (a listener, a client and the accepted connection). The window "
                           "has %n open socket(s): close them first, or add the lab's to them?", nullptr,
                           int(openSockets().size())),
                        &existing, &open))
        return nullptr;
    if (existing == ExistingSockets::Close) {
        for (int id : open)
            m_workbench.close(id);
    }
    // Show the lab's client once it is set up (its calls are the usual next step), and explain,
    // beside the journal, each call the lab made.
    const QList<int> before = m_workbench.sockets().ids();
    const qsizetype firstCall = m_workbench.journal().count();
    core::CallChain *chain = core::startEchoLab(m_workbench);
    connect(chain, &core::CallChain::finished, this, [this, before, firstCall] {
        QSet<int> lab;
        for (int id : m_workbench.sockets().ids()) {
            if (!before.contains(id))
                lab.insert(id);
        }
        QList<core::CallRecord> calls;
        const qsizetype count = m_workbench.journal().count();
        for (qsizetype i = firstCall; i < count; ++i) {
            const core::CallRecord record = m_workbench.journal().at(i);
            if (lab.contains(record.socketId) || (record.value && lab.contains(record.value->newSocketId)))
                calls.append(record);
        }
        QList<int> ids(lab.begin(), lab.end());
        std::sort(ids.begin(), ids.end());
        if (ids.size() < 3)
            return; // a step failed: the status line says which
        m_guide->showLabNotes(calls, core::socketName(ids[1]), core::socketName(ids[2]));
        m_guideDock->show();
        m_guideDock->raise();
        m_sockets->followNewSocket(ids[1]);
    });
    return chain;
}

core::CallChain *MainWindow::applySession(const core::Session &session, const QList<int> &closeFirst)
{
    const QList<int> ids = m_workbench.sockets().ids();
    const QSet<int> before(ids.begin(), ids.end());
    core::CallChain *chain = core::applySession(m_workbench, session, closeFirst);
    // As a quick action does: what the session (or --listen / --connect) opened is selected, so the
    // socket panel and the composer are ready for it. A failed step has selected its socket already.
    connect(chain, &core::CallChain::finished, this, [this, before] {
        if (m_sockets->currentSocket() >= 0)
            return;
        for (int id : m_workbench.sockets().ids()) {
            if (!before.contains(id)) {
                m_sockets->followNewSocket(id);
                return;
            }
        }
    });
    connect(chain, &core::CallChain::stepFailed, this, [this](int index, const core::CallRecord &record, int skipped) {
        const QString message = core::CallChain::failureText(record, skipped);
        m_status->showNotice(message);
        m_sockets->followNewSocket(record.socketId); // the socket panel shows the failed call's outcome
        emit sessionStepFailed(index, message);
    });
    connect(chain, &core::CallChain::noticed, this, [this](int index, const QString &message) {
        m_status->showNotice(message);
        emit sessionStepFailed(index, message);
    });
    return chain;
}

core::CallChain *MainWindow::openSessionFile(const QString &path, QString *error, ExistingSockets existing)
{
    const auto data = core::readSessionFile(path);
    if (!data) {
        *error = data.error().message;
        return nullptr;
    }
    const auto session = core::sessionFromJson(data.value());
    if (!session) {
        *error = tr("%1: %2").arg(path, session.error().message);
        return nullptr;
    }
    QList<int> open;
    if (!settleExisting(tr("Open session"),
                        tr("The window has %n open socket(s). Close them before the session opens, or add the "
                           "session's sockets to them?", nullptr, int(openSockets().size())),
                        &existing, &open)) {
        error->clear();
        return nullptr;
    }
    m_payloads->setSessionPayloads(session->payloads); // the session's own: what the window had goes with it
    return applySession(session.value(), existing == ExistingSockets::Close ? open : QList<int>());
}

bool MainWindow::saveSessionFile(const QString &path, QString *error)
{
    core::Session session = core::captureSession(m_workbench);
    session.payloads = m_payloads->sessionPayloads();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(core::sessionToJson(session)) < 0
        || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    m_status->showInfo(tr("Saved %n socket(s) to %1", nullptr, int(session.sockets.size())).arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::openSessionDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), {}, tr("Sessions (*.json);;All files (*)"),
                                                      nullptr, QFileDialog::DontUseNativeDialog);
    QString error;
    if (!path.isEmpty() && !openSessionFile(path, &error) && !error.isEmpty())
        QMessageBox::warning(this, tr("Open session"), error);
}

void MainWindow::saveSessionDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QStringLiteral("session.json"),
                                                      tr("Sessions (*.json)"), nullptr, QFileDialog::DontUseNativeDialog);
    QString error;
    if (!path.isEmpty() && !saveSessionFile(path, &error))
        QMessageBox::warning(this, tr("Save session"), error);
}

} // namespace ui
