"""SQLAlchemy 2 models, one module per aggregate."""
from caseflow.models.attest import Attest
from caseflow.models.audit import AuditAnker, AuditEvent
from caseflow.models.begeleiding import Begeleidingsovereenkomst, BOVoorstel
from caseflow.models.casusoverleg import Actiepunt, Casusoverleg
from caseflow.models.dossier import Dossier, DossierHistoriek
from caseflow.models.gebruiker import (
    Aanmeldpoging,
    Accounttoken,
    Gebruiker,
    Herstelcode,
    Sessie,
)
from caseflow.models.instelling import Instelling
from caseflow.models.lease import SchedulerLease
from caseflow.models.monitoring import Beoordeling, MonitoringStand, Toewijzingstotaal
from caseflow.models.notificatie import Notificatie
from caseflow.models.organisatie import (
                                         Gemeente,
                                         Organisatie,
                                         Quotum,
                                         Samenwerkingsovereenkomst,
                                         Zone,
)
from caseflow.models.pijler3 import AdresPeriode, Pijler3Toeleiding
from caseflow.models.privacy import Notitie, Rechtsverzoek, Toestemming
from caseflow.models.signaal import EscalatieStap, Signaal
from caseflow.models.signalering import Knipperlicht, SociaalVerslag
from caseflow.models.toewijzing import Toewijzing
from caseflow.models.woning import Voorstel, Woning

__all__ = [
    "Aanmeldpoging", "Actiepunt", "AdresPeriode", "Attest", "AuditAnker", "AuditEvent",
    "BOVoorstel",
    "Beoordeling",
    "Begeleidingsovereenkomst", "Casusoverleg", "Dossier", "DossierHistoriek", "EscalatieStap",
    "Gebruiker", "Gemeente", "Instelling", "Knipperlicht", "MonitoringStand", "Notificatie",
    "Notitie", "Organisatie",
    "Pijler3Toeleiding", "Quotum", "Samenwerkingsovereenkomst", "SchedulerLease", "Sessie",
    "Accounttoken", "Herstelcode", "Rechtsverzoek",
    "Signaal", "SociaalVerslag",
    "Toestemming", "Toewijzing", "Toewijzingstotaal", "Voorstel", "Woning", "Zone",
]
