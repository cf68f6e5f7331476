// Adjusting an open program: doses, items (add, remove, reorder), sessions per week, end date and notes, sent as
// one PATCH with the ETag read with the program; a change made meanwhile by someone else is refused (412), never
// overwritten.
import {api, ApiError} from '../api.js';
import {doseText, errorMessage, field, h, mount, status} from '../dom.js';
import {doseEditor, exerciseFinder} from './assign.js';

/** The PATCH body: only what differs from the program as read (items as the complete new list when they differ). */
export function adjustment(program, state) {
    const body = {};
    if (state.sessionsPerWeek !== program.sessionsPerWeek) body.sessionsPerWeek = state.sessionsPerWeek;
    if ((state.endDate || null) !== (program.endDate || null)) {
        if (state.endDate) body.endDate = state.endDate;
        else body.clearEndDate = true;
    }
    if ((state.notes || '') !== (program.notes || '')) body.notes = state.notes;
    const items = state.items.map((i) => i.id ? {id: i.id, dose: i.dose, notes: i.notes || undefined}
        : {exercise: i.slug, dose: i.dose, notes: i.notes || undefined});
    const before = program.items.map((i) => ({id: i.id, dose: i.dose, notes: i.notes || undefined}));
    if (JSON.stringify(items) !== JSON.stringify(before)) body.items = items;
    return body;
}

export async function adjustView({params, main}) {
    const [patientId] = params;
    const base = `/api/v1/patients/${patientId}/programs`;
    const [patient, programs] = await Promise.all([api.get(`/api/v1/patients/${patientId}`), api.get(base)]);
    const open = programs.find((p) => p.status === 'ACTIVE' || p.status === 'PAUSED');
    const crumbs = h('p', {class: 'crumbs'}, h('a', {href: '#/dashboard'}, 'Dashboard'), ' › ',
        h('a', {href: `#/patients/${patientId}`}, patient.displayName), ' › Adjust program');
    if (!open) return h('div', {}, crumbs, h('h1', {}, 'Adjust program'), h('p', {}, 'No open program.'));
    // the ETag is the program's version: the PATCH carries it, so a change made since this read is refused
    const {data: program, etag} = await api.getWithEtag(`${base}/${open.id}`);
    const state = {
        sessionsPerWeek: program.sessionsPerWeek, endDate: program.endDate || '', notes: program.notes || '',
        items: program.items.map((i) => ({id: i.id, slug: i.exerciseSlug, name: i.exerciseName, version: i.exerciseVersion,
            dose: {...i.dose}, notes: i.notes})),
    };
    const list = h('div', {class: 'chosen'});
    const feedback = h('div', {'aria-live': 'polite'});

    function drawItems() {
        mount(list, state.items.length ? h('ol', {class: 'assign-items'}, state.items.map((item, index) => h('li', {},
            h('fieldset', {}, h('legend', {}, `${index + 1}. ${item.name}`, item.id ? ` (v${item.version})` : ' (new)'),
                h('p', {class: 'muted dose-preview'}, doseText(item.dose)),
                doseEditor(item, () => { list.querySelectorAll('.dose-preview')[index].textContent = doseText(item.dose); }),
                h('div', {class: 'actions'},
                    h('button', {type: 'button', disabled: index === 0, onclick: () => move(index, -1), 'aria-label': `Move ${item.name} up`}, 'Up'),
                    h('button', {type: 'button', disabled: index === state.items.length - 1, onclick: () => move(index, 1), 'aria-label': `Move ${item.name} down`}, 'Down'),
                    h('button', {type: 'button', disabled: state.items.length === 1, onclick: () => remove(index), 'aria-label': `Remove ${item.name}`}, 'Remove'))))))
            : h('p', {}, 'No exercises.'));
    }

    function move(index, by) {
        const [item] = state.items.splice(index, 1);
        state.items.splice(index + by, 0, item);
        drawItems();
    }

    function remove(index) {
        state.items.splice(index, 1);
        drawItems();
    }

    const [searchForm, results] = exerciseFinder(add);

    function add(exercise) {
        state.items.push({slug: exercise.slug, name: exercise.name, dose: {...exercise.defaultDose}});
        drawItems();
        list.querySelector('li:last-child input')?.focus();
    }

    const perWeek = h('input', {type: 'number', name: 'sessionsPerWeek', min: 1, max: 14, value: state.sessionsPerWeek, required: true});
    const endDate = h('input', {type: 'date', name: 'endDate', value: state.endDate});
    const notes = h('textarea', {name: 'notes', maxlength: 2000, rows: 3});
    notes.value = state.notes;

    async function submit(event) {
        event.preventDefault();
        state.sessionsPerWeek = Number(perWeek.value);
        state.endDate = endDate.value;
        state.notes = notes.value.trim();
        const body = adjustment(program, state);
        if (!Object.keys(body).length) {
            feedback.replaceChildren(status('Nothing changed.', 'error'));
            return;
        }
        const button = event.submitter;
        if (button) button.disabled = true;
        feedback.replaceChildren(status('Saving…'));
        try {
            await api.patch(`${base}/${program.id}`, body, {headers: {'If-Match': etag}});
            location.hash = `#/patients/${patientId}`;
        } catch (e) {
            if (button) button.disabled = false;
            if (e instanceof ApiError && e.status === 412) {
                feedback.replaceChildren(h('div', {class: 'status error', role: 'alert'},
                    h('p', {}, 'This program was changed by someone else since you opened it — reload to see it; nothing was saved.'),
                    h('button', {type: 'button', onclick: async () => mount(main, await adjustView({params, main}))}, 'Reload')));
            } else {
                feedback.replaceChildren(errorMessage(e));
            }
        }
    }

    drawItems();
    return h('div', {class: 'assign adjust'}, crumbs,
        h('h1', {}, `Adjust ${patient.displayName}'s program`),
        h('form', {class: 'card', onsubmit: submit},
            h('h2', {}, 'Exercises and doses'), list,
            h('div', {class: 'row'}, field('Sessions per week', perWeek, 'Counts from today; earlier days keep the earlier rate.'),
                field('End date', endDate, 'Leave empty for no end date.')),
            field('Notes for the patient', notes),
            h('p', {class: 'hint'}, 'A new exercise asks the patient to confirm the safety check again; doses, order, removals, schedule and notes do not.'),
            h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save changes'),
                h('a', {class: 'button', href: `#/patients/${patientId}`}, 'Cancel')), feedback),
        h('section', {class: 'card'}, h('h2', {}, 'Add exercises'), searchForm, results));
}
