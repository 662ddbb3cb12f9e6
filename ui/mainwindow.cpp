#include "mainwindow.h"

#include "calls/socketpanel.h"
#include "composer/composer.h"
#include "journal/journalpanel.h"
#include "lookup/lookuppanel.h"
#include "session/callchain.h"
#include "session/examples.h"
#include "sockets/socketspanel.h"
#include "statusline.h"
#include "traffic/trafficpanel.h"
#include "workbench.h"

#include <QApplication>
#include <QCloseEvent>
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
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace ui {

MainWindow::MainWindow(core::Workbench &workbench, QWidget *parent)
    : QMainWindow(parent)
    , m_workbench(workbench)
    , m_sockets(new SocketsPanel(workbench, this))
    , m_socket(new SocketPanel(workbench, this))
    , m_composer(new Composer(workbench, this))
    , m_traffic(new TrafficPanel(workbench, this))
    , m_journal(new JournalPanel(workbench, this))
    , m_lookup(new LookupPanel(workbench, this))
    , m_status(new StatusLine(workbench, this))
{
    setWindowTitle(tr("Socket Workbench"));
    setDockNestingEnabled(true);
    setCentralWidget(m_traffic);
    // Sockets on the left, the selected socket's calls (and lookups) on the right, full height;
    // the journal and the composer share the bottom under the sockets and the traffic log.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *sockets = addDock(m_sockets, tr("Sockets"), QStringLiteral("socketsDock"), Qt::LeftDockWidgetArea);
    // The two tall panels scroll rather than set the window's smallest size: without that the
    // window could not be narrower than ~1,450 px, and one at its smallest was resized (and
    // wholly repainted) whenever a label in it grew.
    QDockWidget *calls = addDock(scrollable(m_socket), tr("Socket"), QStringLiteral("socketDock"), Qt::RightDockWidgetArea);
    QDockWidget *lookup = addDock(scrollable(m_lookup), tr("Lookups"), QStringLiteral("lookupDock"), Qt::RightDockWidgetArea);
    QDockWidget *journal = addDock(m_journal, tr("Journal (Python)"), QStringLiteral("journalDock"), Qt::BottomDockWidgetArea);
    QDockWidget *composer = addDock(m_composer, tr("Composer"), QStringLiteral("composerDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(journal, composer, Qt::Horizontal);
    tabifyDockWidget(calls, lookup);
    calls->raise();
    statusBar()->addPermanentWidget(m_status, 1);

    connect(m_sockets, &SocketsPanel::currentSocketChanged, m_socket, &SocketPanel::setSocket);
    connect(m_sockets, &SocketsPanel::currentSocketChanged, m_composer, &Composer::setSocket);
    connect(m_sockets, &SocketsPanel::socketActivated, m_traffic, &TrafficPanel::setSocketFilter);
    // Picking a record selects its socket everywhere; a datagram's sender becomes the reply address.
    connect(m_traffic, &TrafficPanel::recordChosen, this, [this](int socketId, const core::SocketAddress &peer) {
        m_sockets->selectSocket(socketId);
        m_composer->setReplyPeer(socketId, peer);
    });
    connect(m_lookup, &LookupPanel::addressChosen, this, [this](const QString &text) {
        m_socket->setAddressText(text);
        m_sockets->quickAddress()->setText(text);
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("socketDock")))
            dock->raise();
    });

    createMenus();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.value(QStringLiteral("window/seen")).toBool()) {
        resize(1500, 950);
        // queued: dock sizes only take once the window is laid out
        QTimer::singleShot(0, this, [=, this] {
            resizeDocks({sockets, calls}, {340, 400}, Qt::Horizontal);
            resizeDocks({journal, composer}, {width() - 440, 440}, Qt::Horizontal);
            resizeDocks({journal}, {280}, Qt::Vertical);
        });
        statusBar()->showMessage(tr("New here? Try Examples → Loopback echo lab (one click, on the toolbar)."), 30000);
    }
}

QWidget *MainWindow::scrollable(QWidget *panel)
{
    auto *area = new QScrollArea(this);
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setAccessibleName(panel->accessibleName());
    return area;
}

QDockWidget *MainWindow::addDock(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setAccessibleName(title);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newSocket = file->addAction(tr("&New socket…"), m_sockets, &SocketsPanel::newSocketDialog);
    newSocket->setShortcut(QKeySequence::New);
    file->addSeparator();
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, &MainWindow::openSessionDialog);
    file->addAction(tr("&Save session…"), QKeySequence::Save, this, &MainWindow::saveSessionDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *examples = menuBar()->addMenu(tr("&Examples"));
    QAction *lab = examples->addAction(tr("&Loopback echo lab"), this, [this] { startExample(); });
    lab->setToolTip(tr("A listener and a client on 127.0.0.1, connected, a few messages exchanged"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About Socket Workbench"),
                           tr("<b>Socket Workbench %1</b><p>A workbench for the BSD socket API. Every action is the "
                              "Python <code>socket</code> call it equals, with its real result or exception.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(newSocket);
    toolbar->addAction(lab);
    m_viewMenu->addAction(toolbar->toggleViewAction());
}

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
    // Show the lab's client once it is set up: its calls are the usual next step.
    const QList<int> before = m_workbench.sockets().ids();
    core::CallChain *chain = core::startEchoLab(m_workbench);
    connect(chain, &core::CallChain::finished, this, [this, before] {
        const QList<int> after = m_workbench.sockets().ids();
        if (after.size() > before.size() + 1)
            m_sockets->selectSocket(after[before.size() + 1]);
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
    return applySession(session.value(), existing == ExistingSockets::Close ? open : QList<int>());
}

bool MainWindow::saveSessionFile(const QString &path, QString *error)
{
    const core::Session session = core::captureSession(m_workbench.sockets());
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/seen"), true);
    QMainWindow::closeEvent(event);
}

} // namespace ui
