#pragma once

#include "core/base/result.h"
#include "core/net/socketaddress.h"
#include "core/store/journal.h"
#include "core/text/payload.h"

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

class FieldMessage;
class RepeatControls;

// The payload composer: bytes typed as text with escapes (\r\n, \x00, UTF-8), as hex, or taken
// from a file; shows the exact bytes and their count before anything is sent; sends them with
// send, sendall or sendto (to a typed address, or to the peer of the record picked in the
// traffic log). Enter sends and clears the field for the next message (the history keeps what
// was sent; Up in an empty field brings the last one back), Shift+Enter starts a new line.
// Switching between Text and Hex shows the same bytes the other way. Bad input is explained
// under the field and nothing is sent; what was typed stays. On a listener it sends on the
// newest connection the listener accepted (a listener itself sends nothing), and says so.
class Composer final : public QWidget
{
    Q_OBJECT
public:
    enum Mode { Text, Hex, File };
    // The notation of each mode, as schedules and saved payloads name it.
    static core::ByteForm formOf(Mode mode);
    static Mode modeOf(core::ByteForm form);
    // What is typed, in the current mode's notation (a file's path for File), and that notation.
    core::ByteForm payloadForm() const;
    QString payloadContent() const;

    explicit Composer(core::Workbench &workbench, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *modeBox() const { return m_mode; }
    QLineEdit *sendToField() const { return m_sendTo; }
    FieldMessage *sendToMessage() const { return m_sendToError; }
    QLabel *statusLabel() const { return m_status; }
    int targetSocket() const { return m_socketId; } // where send() goes: the selected socket or its newest connection
    QLineEdit *fileField() const { return m_file; }
    QLabel *preview() const { return m_preview; }
    QComboBox *history() const { return m_history; }
    RepeatControls *repeatControls() const { return m_repeat; }
    core::Result<QByteArray> payload() const;

public slots:
    void setSocket(int socketId);
    void setReplyPeer(int socketId, const core::SocketAddress &peer);
    void setMode(Mode mode);
    // Puts a saved payload in the composer (what it held goes): content in form's notation.
    void setPayload(core::ByteForm form, const QString &content);
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
    void retarget();
    void convertEditor(Mode from, Mode to);
    void showStatus(const QString &text, bool error);

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_selected = -1; // the socket selected in the window
    int m_socketId = -1; // where the composer sends: the selected socket, or a listener's newest connection
    QString m_targetText; // what the status says of the target
    Mode m_shownMode = Text;
    bool m_tookPayload = false; // the last send took the payload (it is in the history)
    QComboBox *m_mode;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_editor;
    QLineEdit *m_file;
    QLabel *m_preview;
    QLineEdit *m_sendTo;
    FieldMessage *m_sendToError;
    QComboBox *m_history;
    QLabel *m_status;
    QList<QPushButton *> m_buttons;
    RepeatControls *m_repeat;
};

} // namespace ui
