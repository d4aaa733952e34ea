"""Shared machinery: a transition table becomes one module-level `transitions.Machine`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from transitions import Machine


@dataclass(frozen=True)
class Transitie:
    trigger: str
    label: str
    bronnen: tuple[str, ...]
    doel: str
    guards: tuple[Callable[..., bool], ...] = field(default_factory=tuple)


class TransitieGeweigerd(Exception):
    """A transition that is not possible now; `redenen` are Dutch sentences for the user."""

    def __init__(self, redenen: list[str]):
        super().__init__("; ".join(redenen))
        self.redenen = redenen


@dataclass(frozen=True)
class Actie:
    trigger: str
    label: str
    mogelijk: bool
    redenen: tuple[str, ...]


class Workflow:
    """A table of transitions, the shared Machine built from it, and questions about it."""

    def __init__(self, naam: str, states: dict[str, str], initial: str,
                 transities: tuple[Transitie, ...], uitleg: Callable[[str], str],
                 attribute: str = "status"):
        self.naam = naam
        self.states = states
        self.initial = initial
        self.transities = transities
        self.uitleg = uitleg
        self.attribute = attribute
        self.machine = Machine(
            model=None,
            states=list(states),
            initial=initial,
            auto_transitions=False,
            model_attribute=attribute,
            transitions=[
                {"trigger": t.trigger, "source": list(t.bronnen), "dest": t.doel,
                 "conditions": list(t.guards)}
                for t in transities
            ],
        )
        self.labels = {t.trigger: t.label for t in transities}

    def triggers_vanuit(self, state: str) -> list[str]:
        seen: list[str] = []
        for t in self.transities:
            if state in t.bronnen and t.trigger not in seen:
                seen.append(t.trigger)
        return seen

    def waarom_niet(self, state: str, trigger: str, **context) -> list[str]:
        """Empty when the trigger can fire from `state`; else the Dutch reasons why not."""
        kandidaten = [t for t in self.transities if t.trigger == trigger and state in t.bronnen]
        if not kandidaten:
            label = self.labels.get(trigger, trigger)
            return [f"'{label}' is niet mogelijk in de fase '{self.states.get(state, state)}'."]
        redenen: list[str] = []
        for t in kandidaten:
            failing = [g.__name__ for g in t.guards if not g(**context)]
            if not failing:
                return []
            for name in failing:
                tekst = self.uitleg(name)
                if tekst not in redenen:
                    redenen.append(tekst)
        return redenen

    def acties(self, state: str, **context) -> list[Actie]:
        return [
            Actie(trig, self.labels[trig], not (r := self.waarom_niet(state, trig, **context)),
                  tuple(r))
            for trig in self.triggers_vanuit(state)
        ]

    def fire(self, obj, trigger: str, **context) -> str:
        """Fire `trigger` on `obj`; raise TransitieGeweigerd with the reasons when refused."""
        state = getattr(obj, self.attribute)
        redenen = self.waarom_niet(state, trigger, **context)
        if redenen:
            raise TransitieGeweigerd(redenen)
        if not self.machine.events[trigger].trigger(obj, **context):
            raise TransitieGeweigerd(["De overgang werd geweigerd."])
        return getattr(obj, self.attribute)

    def mermaid(self) -> str:
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for t in self.transities:
            for bron in t.bronnen:
                lines.append(f"    {bron} --> {t.doel}: {t.label}")
        return "\n".join(lines)
