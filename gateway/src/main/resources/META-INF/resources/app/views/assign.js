// Assigning a program: start from a routine template or pick exercises by search; every dose is editable,
// side included. A template whose exercises are kept as they are is sent as the template with dose overrides
// (so the program remembers where it came from); anything else is sent as explicit items.
import {api, idempotencyKeys, query} from '../api.js';
import {doseText, errorMessage, field, h, humanize, mount, select, status} from '../dom.js';

const SIDES = ['BOTH', 'EACH_SIDE', 'LEFT', 'RIGHT', 'ALTERNATING'];
const DOSE_FIELDS = [
    ['sets', 'Sets', 1, 10], ['reps', 'Reps', 1, 100], ['holdSeconds', 'Hold (s)', 1, 600],
    ['durationSeconds', 'Duration (s)', 1, 3600], ['restSeconds', 'Rest (s)', 0, 600],
    ['timesPerDay', 'Times a day', 1, 6], ['daysPerWeek', 'Days a week', 1, 7],
];

/** Number fields for every part of a dose and the side; onChange after each edit. */
export function doseEditor(item, onChange) {
    const inputs = DOSE_FIELDS.map(([key, label, min, max]) => {
        const input = h('input', {type: 'number', inputmode: 'numeric', min, max, step: 1, name: key, value: item.dose[key] ?? ''});
        input.addEventListener('change', () => {
            item.dose[key] = input.value === '' ? undefined : Number(input.value);
            onChange();
        });
        return field(label, input);
    });
    const side = select('side', SIDES.map((s) => [s, humanize(s)]), item.dose.side || 'BOTH');
    side.addEventListener('change', () => {
        item.dose.side = side.value;
        onChange();
    });
    return h('div', {class: 'dose-grid'}, inputs, field('Side', side));
}

/** A search of the library whose results each have an Add button; returns the form and the results' box. */
export function exerciseFinder(onAdd) {
    const searchBox = h('input', {type: 'search', name: 'exercise-q', maxlength: 200, autocomplete: 'off'});
    const results = h('div', {'aria-live': 'polite'});
    const form = h('form', {role: 'search', class: 'controls', onsubmit: async (event) => {
        event.preventDefault();
        try {
            const page = await api.get(`/api/v1/exercises${query({q: searchBox.value.trim(), size: 10})}`);
            mount(results, page.items.length ? h('ul', {class: 'results'}, page.items.map((e) => h('li', {},
                h('span', {}, h('strong', {}, e.name), ` — ${humanize(e.category)}, ${e.bodyRegions.map(humanize).join(', ')}`),
                h('button', {type: 'button', onclick: () => onAdd(e), 'aria-label': `Add ${e.name}`}, 'Add'))))
                : h('p', {}, 'No exercises match.'));
        } catch (e) {
            mount(results, errorMessage(e));
        }
    }}, field('Find exercises', searchBox), h('button', {type: 'submit'}, 'Search'));
    return [form, results];
}

export async function assignView({params}) {
    const [patientId] = params;
    const [patient, templates] = await Promise.all([
        api.get(`/api/v1/patients/${patientId}`), api.get('/api/v1/routine-templates'),
    ]);
    const state = {template: null, templateDoses: new Map(), items: []};
    const list = h('div', {class: 'chosen'});
    const feedback = h('div', {'aria-live': 'polite'});

    function drawItems() {
        mount(list, state.items.length ? h('ol', {class: 'assign-items'}, state.items.map((item, index) => h('li', {},
            h('fieldset', {}, h('legend', {}, `${index + 1}. ${item.name}`),
                h('p', {class: 'muted dose-preview'}, doseText(item.dose)),
                doseEditor(item, () => drawPreview(index)),
                h('div', {class: 'actions'},
                    h('button', {type: 'button', disabled: index === 0, onclick: () => move(index, -1), 'aria-label': `Move ${item.name} up`}, 'Up'),
                    h('button', {type: 'button', disabled: index === state.items.length - 1, onclick: () => move(index, 1), 'aria-label': `Move ${item.name} down`}, 'Down'),
                    h('button', {type: 'button', onclick: () => remove(index), 'aria-label': `Remove ${item.name}`}, 'Remove'))))))
            : h('p', {}, 'No exercises yet: choose a template or add exercises from the library.'));
    }

    function drawPreview(index) {
        list.querySelectorAll('.dose-preview')[index].textContent = doseText(state.items[index].dose);
    }

    function move(index, by) {
        const [item] = state.items.splice(index, 1);
        state.items.splice(index + by, 0, item);
        state.template = null;
        drawItems();
    }

    function remove(index) {
        state.items.splice(index, 1);
        state.template = null;
        drawItems();
    }

    const templateSelect = select('template', [['', 'Choose a routine template…'], ...templates.map((t) => [t.slug, `${t.name} (${t.itemCount} exercises)`])], '');
    templateSelect.addEventListener('change', async () => {
        if (!templateSelect.value) return;
        try {
            const template = await api.get(`/api/v1/routine-templates/${templateSelect.value}`);
            state.template = template.slug;
            state.templateDoses = new Map(template.items.map((i) => [i.exerciseSlug, JSON.stringify(i.dose)]));
            state.items = template.items.filter((i) => i.available !== false).map((i) => ({slug: i.exerciseSlug,
                name: i.exercise?.name || i.exerciseSlug, dose: {...i.dose}, notes: i.notes}));
            drawItems();
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    });

    const [searchForm, results] = exerciseFinder((e) => add(e.slug));

    async function add(slug) {
        try {
            const exercise = await api.get(`/api/v1/exercises/${slug}`);
            state.items.push({slug, name: exercise.name, dose: {...exercise.defaultDose}});
            state.template = null;
            drawItems();
            list.querySelector('li:last-child input')?.focus();
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }

    const perWeek = h('input', {type: 'number', name: 'sessionsPerWeek', min: 1, max: 14, value: 5, required: true});
    const start = h('input', {type: 'date', name: 'startDate'});
    const notes = h('textarea', {name: 'notes', maxlength: 2000, rows: 3});

    const key = idempotencyKeys();
    async function submit(event) {
        event.preventDefault();
        if (!state.items.length) {
            feedback.replaceChildren(status('Add at least one exercise.', 'error'));
            return;
        }
        const common = {sessionsPerWeek: Number(perWeek.value), startDate: start.value || undefined, notes: notes.value.trim() || undefined};
        const body = state.template ? {...common, template: state.template, doseOverrides: Object.fromEntries(state.items
            .filter((i) => JSON.stringify(i.dose) !== state.templateDoses.get(i.slug)).map((i) => [i.slug, i.dose]))}
            : {...common, items: state.items.map((i) => ({exercise: i.slug, dose: i.dose, notes: i.notes}))};
        feedback.replaceChildren(status('Assigning…'));
        try {
            await api.post(`/api/v1/patients/${patientId}/programs`, body, key(body));
            location.hash = `#/patients/${patientId}`;
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }

    drawItems();
    return h('div', {class: 'assign'},
        h('p', {class: 'crumbs'}, h('a', {href: '#/dashboard'}, 'Dashboard'), ' › ', h('a', {href: `#/patients/${patientId}`}, patient.displayName), ' › Assign'),
        h('h1', {}, `Assign a program to ${patient.displayName}`),
        h('section', {class: 'card'}, h('h2', {}, 'Start from a template'), field('Routine template', templateSelect)),
        h('section', {class: 'card'}, h('h2', {}, 'Or add exercises'), searchForm, results),
        h('form', {class: 'card', onsubmit: submit},
            h('h2', {}, 'Exercises and doses'), list,
            h('div', {class: 'row'}, field('Sessions per week', perWeek), field('Start date', start, 'Leave empty to start today.')),
            field('Notes for the patient', notes),
            h('button', {type: 'submit', class: 'primary'}, 'Assign program'), feedback));
}
