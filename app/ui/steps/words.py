"""The steps recorder's sentences in the user's language: captions, stop reasons, and why
clicks cannot be recorded here. The Qt-free layers hand over codes and facts
(``app.collectors.steps``, ``app.collectors.steps_input``); this module words them, and
``app.cli_text`` says the same in English for ``helpline record``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.collectors import steps_input
from app.collectors.steps import Kind, Step, Stop
from app.collectors.steps_report import ReportWords
from app.ui.i18n import program_name

tr = QCoreApplication.translate


def caption(step: Step) -> str:
    """The caption a step starts with; the user may reword it on review."""
    time = step.at.strftime("%H:%M:%S")
    if step.kind is Kind.CLICK:
        if step.title and step.program:
            return tr("StepsWords", "Clicked in “{title}” ({program}) at {time}").format(
                title=step.title, program=step.program, time=time
            )
        if step.title or step.program:
            return tr("StepsWords", "Clicked in “{title}” at {time}").format(
                title=step.title or step.program, time=time
            )
        return tr("StepsWords", "Clicked at {time}").format(time=time)
    if step.kind is Kind.TYPED and step.keystrokes == 1:
        return tr("StepsWords", "Typed text (1 keystroke) at {time}").format(time=time)
    if step.kind is Kind.TYPED:
        return tr("StepsWords", "Typed text ({count} keystrokes) at {time}").format(
            count=step.keystrokes, time=time
        )
    if step.kind is Kind.NOTE:
        return tr("StepsWords", "Note: {note}").format(note=step.note)
    return tr("StepsWords", "Captured the screen at {time}").format(time=time)


def numbered(number: int, step: Step) -> str:
    """ "Step 3: clicked in 'Inbox — Thunderbird' at 10:42:13" """
    return tr("StepsWords", "Step {n}: {caption}").format(n=number, caption=step.caption)


def stopped(reason: Stop, steps: int, max_steps: int, max_minutes: int) -> str:
    if reason is Stop.MAX_STEPS:
        return tr(
            "StepsWords",
            "The recording stopped by itself after {count} steps, the most your IT "
            "department allows.",
        ).format(count=max_steps)
    if reason is Stop.MAX_MINUTES:
        return tr(
            "StepsWords",
            "The recording stopped by itself after {minutes} minutes, the longest your IT "
            "department allows.",
        ).format(minutes=max_minutes)
    if steps == 1:
        return tr("StepsWords", "The recording has stopped: one step.")
    return tr("StepsWords", "The recording has stopped: {count} steps.").format(count=steps)


def manual_reason(problem: str, shortcut: str = "") -> str:
    """Why only manual steps are possible here, said honestly, and what to do instead."""
    if problem == steps_input.WAYLAND:
        why = tr(
            "StepsWords",
            "This desktop (Wayland) does not let any program see clicks in other programs' "
            "windows, so {program} cannot record them by itself.",
        )
    elif problem == steps_input.NO_RECORD:
        why = tr(
            "StepsWords",
            "This X server does not offer the RECORD extension that {program} needs to see "
            "clicks in other programs, so it cannot record them by itself.",
        )
    elif problem == steps_input.OTHER_SYSTEM:
        why = tr(
            "StepsWords",
            "On this system {program} cannot yet record clicks in other programs by itself.",
        )
    else:
        why = tr(
            "StepsWords",
            "{program} cannot see clicks in other programs here, so it cannot record them by "
            "itself.",
        )
    if shortcut:
        what = tr(
            "StepsWords",
            "Press “Capture this step” on the bar, or {shortcut} anywhere, after each step "
            "instead.",
        ).format(shortcut=shortcut)
    else:
        what = tr(
            "StepsWords",
            "Press “Capture this step” on the bar after each step instead; there is no "
            "shortcut key for it on this desktop.",
        )
    return why.format(program=program_name()) + " " + what


def report_words() -> ReportWords:
    return ReportWords(
        title=tr("StepsWords", "Steps recorded"),
        intro=tr(
            "StepsWords",
            "Each click is a picture of the screen it was on; the red ring marks where the "
            "click was. Typing is counted, never recorded.",
        ),
        step=tr("StepsWords", "Step {n}: {caption}"),
        window=tr("StepsWords", "Window: {title}"),
        program=tr("StepsWords", "Program: {program}"),
        time=tr("StepsWords", "Time: {time}"),
        picture=tr("StepsWords", "Screen at step {n}"),
        summary=tr("StepsWords", "{count} steps, recorded {start} to {end}"),
        summary_one=tr("StepsWords", "One step, recorded at {start}"),
    )
