#pragma once

#include "core/net/socketaddress.h"
#include "core/session/payloadlibrary.h"

#include <QWidget>

#include <functional>

class QLineEdit;
class QTreeView;

namespace core {
class Workbench;
struct ClientGroupSpec;
}

namespace ui {

class FieldMessage;
class SocketTreeModel;

// The sockets dock: the tree of sockets (accepted connections under their listener, a group's
// clients under the group), a "New socket…" dialog, quick actions for the common cases (TCP
// client, TCP server, UDP socket, UNIX server, socketpair) on the address typed beside them, and
// "Connect N clients…". A group selected (or its context menu) offers Close all, Shut down all
// (SHUT_WR) and Send to all.
class SocketsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SocketsPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    SocketTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    int currentSocket() const;
    QLineEdit *quickAddress() const { return m_quickAddress; }
    int currentGroup() const; // the group whose node is selected, or -1
    QWidget *groupBar() const { return m_groupBar; }
    // Where "Connect N clients…" finds the saved payloads it offers (the window's Payloads panel).
    void setSavedPayloads(std::function<QList<core::SavedPayload>()> source) { m_savedPayloads = std::move(source); }

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
    void manyClientsDialog();
    // Starts the clients (core::connectClients) and selects the group once the tree lists it.
    int connectClients(const core::ClientGroupSpec &spec);
    void selectGroup(int group);
    // On the selected group's clients (core::closeGroup ...); the number of calls made.
    int closeGroup();
    int shutdownGroup();
    int sendToGroup(const QByteArray &bytes);
    // Send to all: the window answers sendToGroupRequested with the composer's bytes.
    void requestSendToGroup();

signals:
    void currentSocketChanged(int socketId);
    // Double-click: the user wants this socket's traffic only.
    void socketActivated(int socketId);
    void sendToGroupRequested(int group);

private:
    bool quickTarget(int family, core::TypedAddress *out);
    void showGroupMenu(const QPoint &position);

    core::Workbench &m_workbench;
    SocketTreeModel *m_model;
    QTreeView *m_view;
    QLineEdit *m_quickAddress;
    FieldMessage *m_quickError;
    int m_pendingSelection = -1;
    int m_pendingGroup = -1;
    QWidget *m_groupBar;
    std::function<QList<core::SavedPayload>()> m_savedPayloads;
};

} // namespace ui
