#pragma once

#include "core/responder/rule.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace core {
class Workbench;
}

namespace ui {

class FieldMessage;

// The responder rules of the selected socket: an ordered list (first match wins), each switched
// on or off, with its hits; an editor for one rule whose fields say what is wrong as it is typed.
// A rule runs on the socket's I/O thread (the window only hands the list to the engine); on a
// listener the rules answer all its connections. Hits are refreshed while the panel is shown.
class RulesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RulesPanel(core::Workbench &workbench, QWidget *parent = nullptr);

    int socketId() const { return m_socketId; }
    QTableWidget *table() const { return m_table; }
    QLineEdit *patternField() const { return m_pattern; }
    QLineEdit *replyField() const { return m_reply; }
    FieldMessage *patternMessage() const { return m_patternError; }
    FieldMessage *replyMessage() const { return m_replyError; }
    QPushButton *addButton() const { return m_add; }
    QList<core::Rule> rules() const { return m_rules; }

    // The rule the editor holds, as typed.
    core::Rule editedRule() const;
    void editRule(const core::Rule &rule);

public slots:
    void setSocket(int socketId);
    // Replaces the socket's rules (the engine gets them at once).
    void setRules(const QList<core::Rule> &rules);

private:
    void apply();
    void fillTable();
    void refreshHits();
    void validate();
    void selectRow(int row);
    void addRule();
    void updateRule();
    void removeRule();
    void moveRule(int by);
    void updateControls();

    core::Workbench &m_workbench;
    int m_socketId = -1;
    QList<core::Rule> m_rules;
    bool m_filling = false;

    QLabel *m_title;
    QTableWidget *m_table;
    QComboBox *m_match;
    QLineEdit *m_pattern;
    QComboBox *m_patternForm;
    QCheckBox *m_caseSensitive;
    FieldMessage *m_patternError;
    QComboBox *m_replyKind;
    QLineEdit *m_reply;
    QComboBox *m_replyForm;
    QPushButton *m_browse;
    FieldMessage *m_replyError;
    QComboBox *m_after;
    QSpinBox *m_delay;
    QLineEdit *m_note;
    QPushButton *m_add;
    QPushButton *m_update;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_unanswerable;
    QTimer *m_hitsTimer;
};

} // namespace ui
