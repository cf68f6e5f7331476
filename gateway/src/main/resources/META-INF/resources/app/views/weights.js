// Recording a weight, in kg or lb, for the patient themselves or by their physio; one entry a day.
import {api, idempotencyKeys} from '../api.js';
import {day, errorMessage, field, h, mount, status} from '../dom.js';

/**
 * Today as yyyy-mm-dd in the patient's time zone (the day the service checks "not in the future" against), or in the
 * browser's calendar when the zone is unknown or the browser does not know it.
 */
export function today(timezone) {
    const now = new Date();
    if (timezone) {
        try {
            const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {timeZone: timezone, year: 'numeric',
                month: '2-digit', day: '2-digit'}).formatToParts(now).map((p) => [p.type, p.value]));
            return `${parts.year}-${parts.month}-${parts.day}`;
        } catch (e) {
            // an unknown zone: the browser's own day below
        }
    }
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function entryText(entry) {
    const w = entry.weight;
    const entered = w.lb !== undefined && w.lb !== null ? `${w.lb} lb` : `${w.kg} kg`;
    return `${day(entry.measuredOn)}: ${entered}`;
}

/**
 * The weight section: the latest entries and a form to add one, dated today in the patient's time zone; onSaved runs
 * after a weight is stored (e.g. to redraw the charts).
 */
export function weightSection(patientId, weights, onSaved, timezone) {
    const feedback = h('div', {'aria-live': 'polite'});
    const measuredOn = h('input', {type: 'date', name: 'measuredOn', value: today(timezone), max: today(timezone),
        required: true});
    const amount = h('input', {type: 'number', name: 'weight', inputmode: 'decimal', min: 20, max: 900, step: 0.1, required: true});
    const last = weights.entries.length ? weights.entries[weights.entries.length - 1] : null;
    const lastUnit = last && last.weight.lb !== undefined && last.weight.lb !== null ? 'lb' : 'kg';
    const units = ['kg', 'lb'].map((u) => h('input', {type: 'radio', name: 'weightUnit', value: u, id: `weight-unit-${u}`,
        checked: u === lastUnit}));
    const key = idempotencyKeys();
    async function submit(event) {
        event.preventDefault();
        const unit = units.find((i) => i.checked).value;
        const body = {measuredOn: measuredOn.value, weight: {[unit]: amount.value === '' ? null : Number(amount.value)}};
        feedback.replaceChildren(status('Saving…'));
        try {
            await api.post(`/api/v1/patients/${patientId}/weights`, body, key(body));
            feedback.replaceChildren(status('Weight saved.'));
            await onSaved?.();
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }
    const recent = weights.entries.slice(-5).reverse();
    return h('section', {class: 'weights', 'aria-labelledby': 'weights-title'},
        h('h2', {id: 'weights-title'}, 'Weight'),
        recent.length ? h('ul', {class: 'weight-entries'}, recent.map((e) => h('li', {}, entryText(e))))
            : h('p', {}, 'No weight entries yet.'),
        h('form', {class: 'card weight-form', novalidate: true, onsubmit: submit},
            h('div', {class: 'row'}, field('Weight', amount),
                h('fieldset', {class: 'radios'}, h('legend', {}, 'Unit'),
                    units.map((input) => [input, h('label', {for: input.id}, input.value)])),
                field('Measured on', measuredOn, 'One entry a day.')),
            h('button', {type: 'submit', class: 'primary'}, 'Save weight'), feedback));
}

/** Redraws a weight section in place (after a save). */
export async function redrawWeights(container, patientId, onSaved, timezone) {
    const weights = await api.get(`/api/v1/patients/${patientId}/weights`);
    mount(container, weightSection(patientId, weights, onSaved, timezone));
}
