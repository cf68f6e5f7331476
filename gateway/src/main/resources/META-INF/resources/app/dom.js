// Small DOM helpers. Every piece of text from the API goes in through textContent (never innerHTML), so
// content and notes cannot inject markup.
import {ApiError} from './api.js';

/** Builds an element: h('button', {class: 'primary', onclick: fn}, 'Save'). */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.slice(2), value);
        } else if (key === 'class') {
            el.className = value;
        } else if (key === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (value === true) {
            el.setAttribute(key, '');
        } else {
            el.setAttribute(key, String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Replaces everything inside el. */
export function mount(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

let ids = 0;
/** A unique id for label/field pairs. */
export function uid(prefix = 'f') {
    ids += 1;
    return `${prefix}-${ids}`;
}

/** A labelled form field: the label is always a real <label for>, hints are tied with aria-describedby. */
export function field(label, control, hint) {
    const id = control.id || uid();
    control.id = id;
    const parts = [h('label', {for: id}, label), control];
    if (hint) {
        const hintId = `${id}-hint`;
        control.setAttribute('aria-describedby', hintId);
        parts.push(h('p', {class: 'hint', id: hintId}, hint));
    }
    return h('div', {class: 'field'}, parts);
}

export function select(name, options, value) {
    return h('select', {name}, options.map(([v, text]) => h('option', {value: v, selected: String(v) === String(value)}, text)));
}

export function percent(ratio) {
    return ratio === null || ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;
}

export function number(value, digits = 1) {
    return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const dateOnly = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});

export function when(instant) {
    return instant ? dateTime.format(new Date(instant)) : '—';
}

export function day(localDate) {
    return localDate ? dateOnly.format(new Date(`${localDate}T12:00:00`)) : '—';
}

/** "2 days ago" for the dashboard's last session. */
export function ago(instant, now = Date.now()) {
    if (!instant) return 'never';
    const days = Math.floor((now - new Date(instant).getTime()) / 86_400_000);
    if (days <= 0) return 'today';
    if (days === 1) return 'yesterday';
    return `${days} days ago`;
}

export function humanize(constant) {
    if (!constant) return '';
    const text = String(constant).toLowerCase().replaceAll('_', ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
}

const RULES = {OUTCOME_WORSE: 'Outcome measure worse'};

/** An alert rule in words: "Pain high", "Outcome measure worse" (a clinically important worsening). */
export function ruleName(rule) {
    return RULES[rule] || humanize(rule);
}

/** The dose as a patient reads it: "2 sets × 10 reps, hold 5 s, each side". */
export function doseText(dose) {
    if (!dose) return '';
    const parts = [];
    const sets = dose.sets ? `${dose.sets} ${dose.sets === 1 ? 'set' : 'sets'}` : null;
    if (dose.reps) parts.push(sets ? `${sets} × ${dose.reps} reps` : `${dose.reps} reps`);
    else if (sets) parts.push(sets);
    if (dose.holdSeconds) parts.push(`hold ${dose.holdSeconds} s`);
    if (dose.durationSeconds) parts.push(`${dose.durationSeconds} s`);
    const side = {EACH_SIDE: 'each side', LEFT: 'left side', RIGHT: 'right side', ALTERNATING: 'alternating sides'}[dose.side];
    if (side) parts.push(side);
    if (dose.restSeconds) parts.push(`rest ${dose.restSeconds} s`);
    if (dose.timesPerDay && dose.timesPerDay > 1) parts.push(`${dose.timesPerDay}× a day`);
    return parts.join(', ');
}

/** A status line read out by screen readers. */
export function status(message, kind = 'info') {
    return h('p', {class: `status ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, message);
}

/** A problem+json answer, or a network failure, said plainly. */
export function errorMessage(e) {
    if (e instanceof ApiError) {
        const lines = e.fieldErrors;
        return h('div', {class: 'status error', role: 'alert'},
            h('p', {}, e.problem.title ? `${e.problem.title}: ${e.message}` : e.message),
            lines.length ? h('ul', {}, lines.map((l) => h('li', {}, l))) : null);
    }
    if (e instanceof TypeError) return status('The server cannot be reached. Check your connection and try again.', 'error');
    return status(e.message || String(e), 'error');
}
