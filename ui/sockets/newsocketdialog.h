#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace ui {

// Asks for socket(family, type, proto), or socketpair(family, type, proto).
class NewSocketDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit NewSocketDialog(QWidget *parent = nullptr);

    int family() const;
    int type() const;
    int proto() const;
    bool pair() const;

private:
    QComboBox *m_family;
    QComboBox *m_type;
    QSpinBox *m_proto;
    QCheckBox *m_pair;
};

} // namespace ui
