from wtforms import EmailField, PasswordField, StringField

from caseflow.web.fields import Form, lengte, verplicht


class LoginForm(Form):
    email = EmailField("E-mailadres", validators=[verplicht("Vul uw e-mailadres in."),
                                                  lengte(254)])
    wachtwoord = PasswordField("Wachtwoord", validators=[verplicht("Vul uw wachtwoord in."),
                                                         lengte(200)])


def _wachtwoordveld(label: str) -> PasswordField:
    # The rules themselves (ASVS 2.1.1, 2.1.7) are the service's: it answers per field.
    return PasswordField(label, validators=[verplicht("Vul een wachtwoord in."), lengte(200)])


class NieuwWachtwoordForm(Form):
    nieuw = _wachtwoordveld("Nieuw wachtwoord")
    herhaling = _wachtwoordveld("Nieuw wachtwoord, nog eens")


class WachtwoordWijzigenForm(NieuwWachtwoordForm):
    huidig = PasswordField("Huidig wachtwoord",
                           validators=[verplicht("Vul uw huidige wachtwoord in."), lengte(200)])


class HerstelForm(Form):
    email = EmailField("E-mailadres", validators=[verplicht("Vul uw e-mailadres in."),
                                                  lengte(254)])


class CodeForm(Form):
    code = StringField("Code", validators=[verplicht("Vul de code in."), lengte(20)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text",
                                  "autocapitalize": "none", "spellcheck": "false"})


class WachtwoordBevestigenForm(Form):
    """The current password that confirms a change to two factors (the page writes its own
    inputs, one per action; this reads and checks what was typed)."""
    wachtwoord = PasswordField("Uw wachtwoord", validators=[
        verplicht("Vul uw wachtwoord in."), lengte(200)])
