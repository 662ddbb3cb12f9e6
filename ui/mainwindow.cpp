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
    , m_guide(new GuidePanel(this))
    , m_center(new QStackedWidget(this))
{
    setWindowTitle(tr("Socket Workbench"));
    setDockNestingEnabled(true);
    // The traffic log, or, while there is no socket yet, where to begin.
    auto *welcome = new WelcomePage(m_center);
    m_center->addWidget(welcome);
    m_center->addWidget(m_traffic);
    setCentralWidget(m_center);
    connect(welcome, &WelcomePage::newSocket, m_sockets, &SocketsPanel::newSocketDialog);
    connect(welcome, &WelcomePage::tcpServer, m_sockets, &SocketsPanel::tcpServer);
    connect(welcome, &WelcomePage::tcpClient, m_sockets, &SocketsPanel::tcpClient);
    connect(welcome, &WelcomePage::lab, this, [this] { startExample(); });
    connect(welcome, &WelcomePage::guide, this, &MainWindow::showGuide);
    auto showTraffic = [this] {
        if (m_center->currentWidget() != m_traffic && !m_workbench.sockets().ids().isEmpty())
            m_center->setCurrentWidget(m_traffic);
    };
    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, showTraffic);
    showTraffic();
    // Sockets on the left, the selected socket's calls (and lookups) on the right, full height;
    // the journal and the composer share the bottom under the sockets and the traffic log.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_socketsDock = addDock(m_sockets, tr("Sockets"), QStringLiteral("socketsDock"), Qt::LeftDockWidgetArea);
    // The two tall panels scroll rather than set the window's smallest size: without that the
    // window could not be narrower than ~1,450 px, and one at its smallest was resized (and
    // wholly repainted) whenever a label in it grew.
    m_socketDock = addDock(scrollable(m_socket), tr("Socket"), QStringLiteral("socketDock"), Qt::RightDockWidgetArea);
    m_lookupDock = addDock(scrollable(m_lookup), tr("Lookups"), QStringLiteral("lookupDock"), Qt::RightDockWidgetArea);
    m_responder = new ResponderPanel(workbench, this);
    m_responderDock = addDock(scrollable(m_responder), tr("Responder"), QStringLiteral("responderDock"), Qt::RightDockWidgetArea);
    m_journalDock = addDock(m_journal, tr("Journal (Python)"), QStringLiteral("journalDock"), Qt::BottomDockWidgetArea);
    m_composerDock = addDock(m_composer, tr("Composer"), QStringLiteral("composerDock"), Qt::BottomDockWidgetArea);
    m_guideDock = addDock(m_guide, tr("Guide"), QStringLiteral("guideDock"), Qt::BottomDockWidgetArea);
    m_payloads = new PayloadsPanel(this);
    m_payloadsDock = addDock(m_payloads, tr("Payloads"), QStringLiteral("payloadsDock"), Qt::BottomDockWidgetArea);
    // The console's panel is made (and Python started) the first time the dock shows.
    auto *consoleHolder = new QWidget(this);
    auto *consoleLayout = new QVBoxLayout(consoleHolder);
    consoleLayout->setContentsMargins(0, 0, 0, 0);
    m_consoleDock = addDock(consoleHolder, tr("Console (Python)"), QStringLiteral("consoleDock"), Qt::BottomDockWidgetArea);
    connect(m_consoleDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            console();
    });
    statusBar()->addPermanentWidget(m_status, 1);
    m_relayout = new QTimer(this);
    m_relayout->setSingleShot(true);
    connect(m_relayout, &QTimer::timeout, this, &MainWindow::fitDocks);

    connect(m_sockets, &SocketsPanel::currentSocketChanged, m_socket, &SocketPanel::setSocket);
    connect(m_sockets, &SocketsPanel::currentSocketChanged, m_composer, &Composer::setSocket);
    connect(m_sockets, &SocketsPanel::currentSocketChanged, m_responder, &ResponderPanel::setSocket);
    connect(m_composer->repeatControls(), &RepeatControls::started, this, [this] {
        m_responder->showSchedules();
        m_responderDock->raise();
    });
    connect(m_sockets, &SocketsPanel::socketActivated, m_traffic, &TrafficPanel::setSocketFilter);
    // Picking a record selects its socket everywhere; a datagram's sender becomes the reply address.
    connect(m_traffic, &TrafficPanel::recordChosen, this, [this](int socketId, const core::SocketAddress &peer) {
        m_sockets->selectSocket(socketId);
        m_composer->setReplyPeer(socketId, peer);
    });
    m_sockets->setSavedPayloads([this] { return m_payloads->sessionPayloads() + m_payloads->globalPayloads(); });
    // Send to all: the composer's bytes on each client of the group.
    connect(m_sockets, &SocketsPanel::sendToGroupRequested, this, [this] {
        const auto bytes = m_composer->payload();
        if (bytes)
            m_sockets->sendToGroup(bytes.value());
        else
            m_status->showNotice(tr("Send to all: nothing sent, the composer's payload is not valid: %1").arg(bytes.error().message));
    });
    connect(m_payloads, &PayloadsPanel::composeRequested, this,
            [this](const core::SavedPayload &p) { m_composer->setPayload(p.form, p.content); });
    connect(m_payloads, &PayloadsPanel::sendRequested, this, [this](const core::SavedPayload &p) {
        m_composer->setPayload(p.form, p.content);
        m_composer->send();
    });
    connect(m_lookup, &LookupPanel::addressChosen, this, [this](const QString &text) {
        m_socket->setAddressText(text);
        m_sockets->quickAddress()->setText(text);
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("socketDock")))
            dock->raise();
    });

    createMenus();
    arrangeDocks();
    QSettings settings;
    const bool seen = settings.value(QStringLiteral("window/seen")).toBool();
    if (seen) {
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    } else {
        // 1500×950, or the screen when it is smaller (a laptop at 1366×768).
        QSize first(1500, 950);
        if (const QScreen *shown = screen())
            first = first.boundedTo(shown->availableGeometry().size());
        resize(first);
        m_autoLayout = true; // sized to the window once it is shown, and again as it is resized
    }
}

// The default arrangement: sockets on the left, the selected socket's calls (and lookups) on the
// right, full height; the journal and the composer share the bottom under the sockets and the
// traffic log. Every dock shown and docked.
void MainWindow::arrangeDocks()
{
    // The console dock shows for a moment while it is put in place: that must not start Python.
    const QSignalBlocker quiet(m_consoleDock);
    for (QDockWidget *dock : {m_socketsDock, m_socketDock, m_lookupDock, m_journalDock, m_composerDock, m_guideDock,
                              m_consoleDock, m_payloadsDock, m_responderDock}) {
        dock->setFloating(false);
        dock->show();
    }
    addDockWidget(Qt::LeftDockWidgetArea, m_socketsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_socketDock);
    addDockWidget(Qt::RightDockWidgetArea, m_lookupDock);
    tabifyDockWidget(m_socketDock, m_lookupDock);
    addDockWidget(Qt::RightDockWidgetArea, m_responderDock);
    tabifyDockWidget(m_socketDock, m_responderDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_journalDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_composerDock);
    splitDockWidget(m_journalDock, m_composerDock, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, m_guideDock);
    tabifyDockWidget(m_journalDock, m_guideDock); // the guide and the lab's notes, a tab beside the journal
    addDockWidget(Qt::BottomDockWidgetArea, m_consoleDock);
    tabifyDockWidget(m_journalDock, m_consoleDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_payloadsDock);
    tabifyDockWidget(m_journalDock, m_payloadsDock); // beside the composer, which it fills
    m_journalDock->raise();
    m_socketDock->raise();
    if (QToolBar *toolbar = findChild<QToolBar *>(QStringLiteral("mainToolbar")))
        toolbar->show();
}

void MainWindow::resetLayout()
{
    arrangeDocks();
    m_autoLayout = true;
    fitDocks();
}

// Dock sizes for the window's size: the right column as wide as the socket panel needs (no button
// cut off), the sockets wide enough for name, state, fd, local and peer where the window allows,
// the composer a third of the bottom. Kept in step with the window while the person has not
// dragged a divider since (the sizes are still the ones set here).
void MainWindow::fitDocks()
{
    if (!m_autoLayout)
        return;
    const int w = width();
    const int h = height();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 12;
    const int rightNeeds = std::max(m_socket->minimumSizeHint().width(), m_lookup->minimumSizeHint().width()) + scrollBar;
    const int right = std::clamp(w * 26 / 100, rightNeeds, std::max(rightNeeds, 460));
    // The sockets give way first: the traffic log keeps the width its filters need.
    const int centerNeeds = m_center->minimumSizeHint().width() + 12;
    const int left = std::max(200, std::min(std::clamp(w * 32 / 100, 260, 560), w - right - centerNeeds));
    const int bottomWidth = w - right;
    const int composerNeeds = m_composer->minimumSizeHint().width() + 8;
    const int composer = std::clamp(bottomWidth * 36 / 100, composerNeeds, std::max(composerNeeds, 460));
    const int bottom = std::clamp(h * 38 / 100, 200, 420);
    resizeDocks({m_socketsDock, m_socketDock}, {left, right}, Qt::Horizontal);
    resizeDocks({m_journalDock, m_composerDock}, {bottomWidth - composer, composer}, Qt::Horizontal);
    resizeDocks({m_journalDock}, {bottom}, Qt::Vertical);
    m_fitted = dockSizes();
}

QList<int> MainWindow::dockSizes() const
{
    return {m_socketsDock->width(), m_socketDock->width(), m_journalDock->width(), m_composerDock->width(),
            m_journalDock->height()};
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_autoLayout)
        m_relayout->start(0); // once the window's own layout has settled
}

bool MainWindow::event(QEvent *event)
{
    const bool handled = QMainWindow::event(event);
    // A divider dragged (QMainWindow moves its separators itself): the sizes are the person's now.
    if (event->type() == QEvent::MouseButtonRelease && m_autoLayout && !m_fitted.isEmpty() && dockSizes() != m_fitted)
        m_autoLayout = false;
    return handled;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_autoLayout)
        m_relayout->start(0);
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
    file->addAction(tr("Connect N &clients…"), m_sockets, &SocketsPanel::manyClientsDialog);
    file->addSeparator();
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, &MainWindow::openSessionDialog);
    file->addAction(tr("&Save session…"), QKeySequence::Save, this, &MainWindow::saveSessionDialog);
    file->addSeparator();
    QAction *run = file->addAction(tr("&Run script…"), this, [this] {
        m_consoleDock->show();
        m_consoleDock->raise();
        console()->chooseScript();
    });
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    run->setToolTip(tr("Runs a Python script in the console: its socket calls go through the workbench"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *examples = menuBar()->addMenu(tr("&Examples"));
    QAction *lab = examples->addAction(tr("&Loopback echo lab"), this, [this] { startExample(); });
    lab->setToolTip(tr("A listener and a client on 127.0.0.1, connected, a few messages exchanged"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    QAction *reset = m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setToolTip(tr("Every panel back in its place, sized for the window"));
    m_viewMenu->addMenu(languageMenu(this, [this] {
        m_status->showInfo(tr("The window speaks the chosen language from the next start"));
    }));
    m_viewMenu->addSeparator();
    // Alt+digit, in the order the panels are read (left to right, top to bottom); the guide has F1.
    auto dock = [](QDockWidget *d) {
        return [d] {
            d->show();
            d->raise();
        };
    };
    addPanelShortcuts(m_viewMenu, {
        {tr("Sockets"), QKeySequence(Qt::ALT | Qt::Key_1), m_socketsDock->widget(), dock(m_socketsDock)},
        {tr("Socket"), QKeySequence(Qt::ALT | Qt::Key_2), m_socketDock->widget(), dock(m_socketDock)},
        {tr("Traffic log"), QKeySequence(Qt::ALT | Qt::Key_3), m_traffic, [this] { m_center->setCurrentWidget(m_traffic); }},
        {tr("Composer"), QKeySequence(Qt::ALT | Qt::Key_4), m_composerDock->widget(), dock(m_composerDock)},
        {tr("Journal (Python)"), QKeySequence(Qt::ALT | Qt::Key_5), m_journalDock->widget(), dock(m_journalDock)},
        {tr("Console (Python)"), QKeySequence(Qt::ALT | Qt::Key_6), m_consoleDock->widget(), dock(m_consoleDock)},
        {tr("Lookups"), QKeySequence(Qt::ALT | Qt::Key_7), m_lookupDock->widget(), dock(m_lookupDock)},
        {tr("Responder"), QKeySequence(Qt::ALT | Qt::Key_8), m_responderDock->widget(), dock(m_responderDock)},
        {tr("Payloads"), QKeySequence(Qt::ALT | Qt::Key_9), m_payloadsDock->widget(), dock(m_payloadsDock)},
    });
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&Guide"), this, &MainWindow::showGuide);
    guide->setShortcut(QKeySequence::HelpContents);
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
    // The » buttons shown when the window is too narrow for every menu or tool.
    if (auto *more = toolbar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")))
        more->setAccessibleName(tr("More tools"));
    if (auto *more = menuBar()->findChild<QToolButton *>(QStringLiteral("qt_menubar_ext_button")))
        more->setAccessibleName(tr("More menus"));
}

ConsolePanel *MainWindow::console()
{
    if (!m_console) {
        m_runner = new py::PythonRunner(m_workbench, this);
        m_console = new ConsolePanel(*m_runner, m_consoleDock->widget());
        m_consoleDock->widget()->layout()->addWidget(m_console);
    }
    return m_console;
}

void MainWindow::runScript(const QString &path)
{
    m_consoleDock->show();
    m_consoleDock->raise();
    console()->runScript(path);
}

QWidget *MainWindow::centralPage() const
{
    return m_center->currentWidget();
}

void MainWindow::showGuide()
{
    m_guideDock->show();
    m_guideDock->raise();
    m_guide->showGuide();
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
