#pragma once

#include "net/result.h"
#include "net/socketaddress.h"
#include "store/journal.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace core {
class CallWatcher;
class Workbench;
}

namespace ui {


// The payload composer: bytes typed as text with escapes (\r\n, \x00, UTF-8), as hex, or taken
// from a file; shows the exact bytes and their count before anything is sent; sends them with
// send, sendall or sendto (to a typed address, or to the peer of the record picked in the
// traffic log). Enter sends, Shift+Enter starts a new line. Bad input is explained under the
// field and nothing is sent; what was typed stays.
class Composer final : public QWidget
{
    Q_OBJECT
public:
    enum Mode { Text, Hex, File };

    explicit Composer(core::Workbench &workbench, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *modeBox() const { return m_mode; }
    QLineEdit *sendToField() const { return m_sendTo; }
    QLineEdit *fileField() const { return m_file; }
    QLabel *preview() const { return m_preview; }
    QComboBox *history() const { return m_history; }
    core::Result<QByteArray> payload() const;

public slots:
    void setSocket(int socketId);
    void setReplyPeer(int socketId, const core::SocketAddress &peer);
    void setMode(Mode mode);
    void send();
    void sendAll();
    void sendTo();

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void updatePreview();
    void showOutcome(const core::CallRecord &record);
    bool takePayload(QByteArray *out);
    void remember();
    void sendDefault();

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_socketId = -1;
    QComboBox *m_mode;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_editor;
    QLineEdit *m_file;
    QLabel *m_preview;
    QLineEdit *m_sendTo;
    QLabel *m_sendToError;
    QComboBox *m_history;
    QLabel *m_status;
    QList<QPushButton *> m_buttons;
};

} // namespace ui
