from wtforms import EmailField, PasswordField

from caseflow.web.fields import Form, lengte, verplicht


class LoginForm(Form):
    email = EmailField("E-mailadres", validators=[verplicht("Vul uw e-mailadres in."),
                                                  lengte(254)])
    wachtwoord = PasswordField("Wachtwoord", validators=[verplicht("Vul uw wachtwoord in."),
                                                         lengte(200)])
