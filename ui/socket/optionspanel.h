#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QTableWidget;

namespace core {
class CallWatcher;
class Workbench;
struct CallRecord;
}

namespace ui {

class FieldMessage;

// The named socket options of the selected socket: each with its level, what it does and its
// current value, kept live from the socket's snapshot; those the kernel does not have for this
// socket (ENOPROTOOPT: TCP's on a UNIX socket) are hidden unless asked for. Any other option goes
// by its numbers in the raw row, an int or bytes, with the kernel's answer. getsockopt and setsockopt are the journaled
// calls. A value typed for setsockopt is checked as it is typed; a bad one is explained and
// nothing is set.
class OptionsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit OptionsPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *valueField() const { return m_value; }
    // Any option by number: level, option, value (an int or hex bytes), getsockopt's buflen.
    QLineEdit *rawLevel() const { return m_rawLevel; }
    QLineEdit *rawOption() const { return m_rawOption; }
    QLineEdit *rawValue() const { return m_rawValue; }
    QComboBox *rawForm() const { return m_rawForm; }
    QSpinBox *rawBuflen() const { return m_rawBuflen; }
    QLabel *rawResult() const { return m_rawResult; }
    // Rows of options the kernel does not have for this socket are hidden unless unticked.
    QCheckBox *onlyThisSocket() const { return m_onlyThis; }

public slots:
    void setSocket(int socketId);
    void readSelected();
    void setSelected();
    void readRaw();
    void setRaw();

private:
    void showValues();
    int selectedRow() const;
    void readRow(int row);
    void validate();
    QWidget *makeRawRow();
    void showRawOutcome(const core::CallRecord &record);

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    int m_socketId = -1;
    QTableWidget *m_table;
    QLineEdit *m_value;
    QLabel *m_error;
    QPushButton *m_set;
    QCheckBox *m_onlyThis;
    QLineEdit *m_rawLevel;
    QLineEdit *m_rawOption;
    QComboBox *m_rawForm;
    QLineEdit *m_rawValue;
    QSpinBox *m_rawBuflen;
    FieldMessage *m_rawError;
    QLabel *m_rawResult;
};

} // namespace ui
