#pragma once

#include "core/session/session.h"

#include <QMainWindow>

class QStackedWidget;

namespace core {
class CallChain;
class Workbench;
}

namespace py {
class PythonRunner;
}

namespace ui {

class Composer;
class ConsolePanel;
class GuidePanel;
class JournalPanel;
class LookupPanel;
class PayloadsPanel;
class ResponderPanel;
class SocketPanel;
class SocketsPanel;
class StatusLine;
class TrafficPanel;

// The main window: places the panels in docks, wires them to each other and to the workbench,
// and holds the menus (sessions, examples, export). Owns no sockets and makes no socket call.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(core::Workbench &workbench, QWidget *parent = nullptr);

    SocketsPanel *socketsPanel() const { return m_sockets; }
    SocketPanel *socketPanel() const { return m_socket; }
    Composer *composer() const { return m_composer; }
    TrafficPanel *trafficPanel() const { return m_traffic; }
    JournalPanel *journalPanel() const { return m_journal; }
    LookupPanel *lookupPanel() const { return m_lookup; }
    StatusLine *statusLine() const { return m_status; }
    GuidePanel *guidePanel() const { return m_guide; }
    PayloadsPanel *payloadsPanel() const { return m_payloads; }
    ResponderPanel *responderPanel() const { return m_responder; }
    QWidget *centralPage() const; // the welcome page until a socket exists, then the traffic log

    // What to do with the sockets the window has when a session opens.
    enum class ExistingSockets { Ask, Close, Keep };
    // Reads, checks and opens a session file; nullptr (and *error) when it cannot, or when the
    // person cancelled the question about existing sockets (then *error is empty).
    core::CallChain *openSessionFile(const QString &path, QString *error, ExistingSockets existing = ExistingSockets::Ask);
    bool saveSessionFile(const QString &path, QString *error);
    // Opens the session's sockets; a socket whose call fails stops there, and the failure shows
    // in the status bar (the socket is selected) and through sessionStepFailed().
    core::CallChain *applySession(const core::Session &session, const QList<int> &closeFirst = {});
    // The Loopback echo lab; with sockets open it asks first whether to close them (Ask), and
    // returns nullptr when the person cancels.
    core::CallChain *startExample(ExistingSockets existing = ExistingSockets::Ask);

    // The Python console, its interpreter started on first use (a window that never shows it
    // runs no Python).
    ConsolePanel *console();
    // File → Run script… and --script FILE: the script runs in the console's interpreter.
    void runScript(const QString &path);
    // Help → Guide (F1).
    void showGuide();
    // View → Reset layout: every panel docked in its default place, sized for the window.
    void resetLayout();

signals:
    // A socket of an opened session (index in its list) stopped at a failed call: message says
    // the call, the exception and how many of its steps did not run.
    void sessionStepFailed(int index, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createMenus();
    void arrangeDocks();
    void fitDocks();
    QList<int> dockSizes() const;
    // The sockets holding a descriptor, and what to do with them before more open: false when the
    // person cancelled. Asks only when existing is Ask and some are open.
    QList<int> openSockets() const;
    bool settleExisting(const QString &title, const QString &question, ExistingSockets *existing, QList<int> *open);
    void openSessionDialog();
    void saveSessionDialog();
    QDockWidget *addDock(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    QWidget *scrollable(QWidget *panel); // panel in a scroll area, for a dock

    core::Workbench &m_workbench;
    SocketsPanel *m_sockets;
    SocketPanel *m_socket;
    Composer *m_composer;
    TrafficPanel *m_traffic;
    JournalPanel *m_journal;
    LookupPanel *m_lookup;
    StatusLine *m_status;
    GuidePanel *m_guide;
    QStackedWidget *m_center;
    QDockWidget *m_guideDock = nullptr;
    QDockWidget *m_consoleDock = nullptr;
    class py::PythonRunner *m_runner = nullptr;
    ConsolePanel *m_console = nullptr;
    QMenu *m_viewMenu = nullptr;
    QDockWidget *m_socketsDock = nullptr;
    QDockWidget *m_socketDock = nullptr;
    QDockWidget *m_lookupDock = nullptr;
    QDockWidget *m_journalDock = nullptr;
    QDockWidget *m_composerDock = nullptr;
    PayloadsPanel *m_payloads = nullptr;
    QDockWidget *m_payloadsDock = nullptr;
    ResponderPanel *m_responder = nullptr;
    QDockWidget *m_responderDock = nullptr;
    class QTimer *m_relayout = nullptr;
    bool m_autoLayout = false; // dock sizes follow the window (until a divider is dragged)
    QList<int> m_fitted;       // the dock sizes fitDocks() set last
};

} // namespace ui
