#pragma once

#include "net/socketaddress.h"

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace core {
class Workbench;
}

namespace ui {

class FieldMessage;
class SocketTreeModel;

// The sockets dock: the tree of sockets (accepted connections under their listener), a
// "New socket…" dialog, and quick actions for the common cases (TCP client, TCP server, UDP
// socket, UNIX server, socketpair) on the address typed beside them.
class SocketsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SocketsPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    SocketTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    int currentSocket() const;
    QLineEdit *quickAddress() const { return m_quickAddress; }

public slots:
    void selectSocket(int socketId);
    // Selects the socket as soon as the tree lists it (the tree inserts new rows in batches).
    void followNewSocket(int socketId);
    void newSocketDialog();
    int newSocket(int family, int type, int proto = 0);
    int newSocketPair(int family, int type, int proto = 0);
    int tcpClient();
    int tcpServer();
    int udpSocket();
    int unixServer();

signals:
    void currentSocketChanged(int socketId);
    // Double-click: the user wants this socket's traffic only.
    void socketActivated(int socketId);

private:
    bool quickTarget(int family, core::TypedAddress *out);

    core::Workbench &m_workbench;
    SocketTreeModel *m_model;
    QTreeView *m_view;
    QLineEdit *m_quickAddress;
    FieldMessage *m_quickError;
    int m_pendingSelection = -1;
};

} // namespace ui
