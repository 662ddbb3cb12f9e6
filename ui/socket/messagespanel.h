#pragma once

#include "core/calls/outcome.h"
#include "core/net/ancillary.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace core {
class CallWatcher;
class Workbench;
}

namespace ui {

class FieldMessage;

// sendmsg() and recvmsg() of the selected socket, with ancillary data as a list the user reads and
// edits: a descriptor of one of the workbench's sockets passed over a UNIX socket (SCM_RIGHTS),
// the process's credentials (SCM_CREDENTIALS), or any (level, type, bytes). What recvmsg() brings
// is listed as it reads (descriptors, credentials, the kernel's receive time, a datagram's
// destination) with MSG_CTRUNC and MSG_TRUNC said; descriptors received are adopted as new
// sockets (socket.socket(fileno=N)), so a passed socket appears on the other side. Both calls are
// journaled as their Python; their results show in the Socket panel's result box.
class MessagesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MessagesPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    QLineEdit *dataField() const { return m_data; }
    QTableWidget *ancillaryTable() const { return m_ancillary; }
    QComboBox *passChoice() const { return m_pass; }
    QListWidget *received() const { return m_received; }
    FieldMessage *ancillaryMessage() const { return m_ancillaryError; }

public slots:
    void setSocket(int socketId);
    void addDescriptor();
    void addCredentials();
    void sendMessage();
    void receiveMessage();

signals:
    // A call made here: the Socket panel tracks it and shows its result.
    void callMade(core::CallId id);

private:
    void addItem(const core::Ancillary &item);
    bool readAncillary(QList<core::Ancillary> *items);
    void refreshPassChoice();
    void showReceived(const core::CallRecord &record);

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_socketId = -1;
    int m_shown = 0; // counts what the Received list has shown: a late adoption finds its line or none
    QLineEdit *m_data;
    FieldMessage *m_dataError;
    QTableWidget *m_ancillary;
    FieldMessage *m_ancillaryError;
    QComboBox *m_pass;
    QLineEdit *m_to;
    FieldMessage *m_toError;
    QSpinBox *m_sendFlags;
    QSpinBox *m_bufsize;
    QSpinBox *m_ancbufsize;
    QSpinBox *m_recvFlags;
    QCheckBox *m_adopt;
    QListWidget *m_received;
};

} // namespace ui
