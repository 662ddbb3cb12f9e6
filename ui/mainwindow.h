#pragma once

#include "session/session.h"

#include <QMainWindow>

namespace core {
class CallChain;
class Workbench;
}

namespace ui {

class Composer;
class JournalPanel;
class LookupPanel;
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

    bool openSessionFile(const QString &path, QString *error);
    bool saveSessionFile(const QString &path, QString *error);
    core::CallChain *applySession(const core::Session &session);
    core::CallChain *startExample();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
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
    QMenu *m_viewMenu = nullptr;
};

} // namespace ui
