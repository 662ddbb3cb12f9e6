#pragma once

#include "core/net/socketaddress.h"
#include "core/store/journal.h"
#include "core/store/socketregistry.h"

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimer;
class QTreeWidget;

namespace core {
class CallWatcher;
class Workbench;
}

namespace ui {

class FieldMessage;
class MessagesPanel;
class OptionsPanel;

// The calls of the selected socket: bind, listen, accept, connect, connect_ex, recv, recvfrom,
// shutdown, close, the blocking mode, watch, names, its calls still waiting (each with the front
// end or script thread that made it, and a cancel), and its options. Every call stays
// available in every state (the kernel's answer is the lesson); the usual next calls are
// highlighted. The address field validates as you type. Live figures (queues, TCP state) are
// refreshed once a second while a socket is shown.
class SocketPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SocketPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    int socketId() const { return m_socketId; }
    QLineEdit *addressField() const { return m_address; }
    FieldMessage *addressMessage() const { return m_addressError; }
    QLabel *resultLabel() const { return m_result; }
    // The socket's calls still waiting, oldest first: the call, who made it, how long it waits.
    QTreeWidget *waitingCalls() const { return m_waiting; }
    MessagesPanel *messages() const { return m_messages; }
    QPushButton *button(const QString &accessibleName) const;
    core::CallId lastCall() const { return m_lastCall; }

public slots:
    void setSocket(int socketId);
    void setAddressText(const QString &text);

signals:
    // A call made from this panel; the main window may select a socket it created (accept).
    void callFinished(const core::CallRecord &record);

protected:
    void changeEvent(QEvent *event) override;

private:
    QPushButton *addButton(const QString &label, const QString &python, void (SocketPanel::*slot)());
    void track(core::CallId id);
    void showResult(const core::CallRecord &record);
    bool validAddress(core::TypedAddress *out);
    void showLastCall();
    void setResultStyle(bool failed);
    void setSuggestedStyle();
    void validateAddress();
    void refreshInfo();
    void updateSuggestions(const core::SocketInfo &info);
    void refreshWaiting();
    int recvFlags() const;
    void rememberAddress(const QString &text);
    void addressCall(core::CallId (core::Workbench::*call)(int, const core::TypedAddress &));

    void doBind();
    void doListen();
    void doAccept();
    void doConnect();
    void doConnectEx();
    void doRecv();
    void doRecvFrom();
    void doShutdown();
    void doClose();
    void doSockName();
    void doPeerName();
    void doFileno();
    void doGetTimeout();
    void doCancel();
    void applyMode();

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_shownBacklog = -1; // the listener backlog last put in the Backlog box
    int m_socketId = -1;
    core::CallId m_lastCall = 0;
    // Each socket keeps what was typed for it and the last call made on it from here.
    QHash<int, QString> m_addressTexts;
    QHash<int, core::CallId> m_lastCalls;
    bool m_settingMode = false;

    QLabel *m_title;
    QLabel *m_details;
    QLineEdit *m_address;
    FieldMessage *m_addressError;
    QSpinBox *m_backlog;
    QComboBox *m_how;
    QSpinBox *m_bufsize;
    QCheckBox *m_peek;
    QCheckBox *m_waitAll;
    QCheckBox *m_dontWait;
    QCheckBox *m_oob;
    QRadioButton *m_blocking;
    QRadioButton *m_nonBlocking;
    QRadioButton *m_timeoutMode;
    QDoubleSpinBox *m_timeout;
    QCheckBox *m_watch;
    QLabel *m_result;
    QPushButton *m_cancel;
    QTreeWidget *m_waiting;
    QLabel *m_waitingTitle;
    OptionsPanel *m_options;
    MessagesPanel *m_messages;
    QTimer *m_liveTimer;
    QList<QPushButton *> m_buttons;
};

} // namespace ui
