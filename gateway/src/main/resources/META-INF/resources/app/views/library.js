// The exercise library: search with filters for everyone, exercise pages, and for content editors the
// draft → publish → retire cycle (published versions never change; an edit makes a new draft version).
import {api, ApiError, query} from '../api.js';
import {doseText, errorMessage, field, h, humanize, mount, select, status, when} from '../dom.js';
import {exerciseFigure} from '../figure.js';

export const REGIONS = ['NECK', 'UPPER_BACK', 'SHOULDER', 'CHEST', 'LOWER_BACK', 'HIP', 'CORE', 'ARM', 'KNEE', 'ANKLE'];
export const POSITIONS = ['STANDING', 'SEATED', 'SEATED_CROSS_LEGGED', 'SUPINE', 'PRONE', 'SIDE_LYING', 'QUADRUPED', 'KNEELING', 'HALF_KNEELING'];
export const CATEGORIES = ['WARM_UP', 'STRETCH', 'MOBILITY', 'STRENGTH', 'STABILITY', 'BREATHING'];
const STEP_ROLES = ['SETUP', 'MOVE', 'HOLD', 'RETURN', 'BREATHING'];
const PAGE_SIZE = 20;

const options = (values, any) => [['', any], ...values.map((v) => [v, humanize(v)])];

export async function libraryView({session}) {
    const conditions = await api.get('/api/v1/conditions');
    const filters = {
        q: h('input', {type: 'search', name: 'q', maxlength: 200, autocomplete: 'off'}),
        region: select('region', options(REGIONS, 'Any region'), ''),
        condition: select('condition', [['', 'Any condition'], ...conditions.map((c) => [c.slug, c.name])], ''),
        position: select('position', options(POSITIONS, 'Any position'), ''),
        category: select('category', options(CATEGORIES, 'Any category'), ''),
        difficulty: select('difficulty', [['', 'Any difficulty'], ['1', '1 — easy'], ['2', '2 — moderate'], ['3', '3 — harder']], ''),
        equipment: h('input', {type: 'text', name: 'equipment', maxlength: 40, placeholder: 'e.g. chair'}),
    };
    // the filters as submitted: paging reuses them, so edits not yet submitted never go out with an old page's token
    const readFilters = () => Object.fromEntries(Object.entries(filters).map(([k, el]) => [k, el.value.trim()]));
    let params = readFilters();
    // pages follow the answers' next tokens (keyset order when browsing); the tokens of earlier pages go back
    let after = null;
    const earlier = [];
    const results = h('div', {'aria-live': 'polite'});

    async function search() {
        try {
            const found = await api.get(`/api/v1/exercises${query({...params, after, size: PAGE_SIZE})}`);
            const pages = Math.max(1, Math.ceil(found.total / found.size));
            mount(results, h('p', {class: 'summary', role: 'status'}, `${found.total} ${found.total === 1 ? 'exercise' : 'exercises'}`),
                h('ul', {class: 'exercise-list'}, found.items.map((e) => h('li', {},
                    exerciseFigure(e, {size: 70}),
                    h('h2', {}, h('a', {href: `#/library/${e.slug}`}, e.name)),
                    h('p', {}, e.summary),
                    h('p', {class: 'tags'}, [humanize(e.category), ...e.bodyRegions.map(humanize), humanize(e.startPosition),
                        `difficulty ${e.difficulty}`, ...e.equipment].map((t) => h('span', {class: 'tag'}, t)))))),
                pages > 1 ? h('nav', {class: 'pager', 'aria-label': 'Pages'},
                    h('button', {type: 'button', disabled: earlier.length === 0, onclick: () => { after = earlier.pop(); search(); }}, 'Previous page'),
                    h('span', {}, `Page ${found.page + 1} of ${pages}`),
                    h('button', {type: 'button', disabled: !found.next, onclick: () => { earlier.push(after); after = found.next; search(); }}, 'Next page')) : null);
        } catch (e) {
            mount(results, errorMessage(e));
        }
    }

    const form = h('form', {role: 'search', class: 'filters', onsubmit: (e) => {
        e.preventDefault();
        params = readFilters();
        after = null;
        earlier.length = 0;
        search();
    }},
    field('Search', filters.q), field('Body region', filters.region), field('Condition', filters.condition),
    field('Start position', filters.position), field('Category', filters.category), field('Difficulty', filters.difficulty),
    field('Equipment', filters.equipment), h('button', {type: 'submit', class: 'primary'}, 'Search'));
    await search();
    return h('div', {class: 'library'}, h('h1', {}, 'Exercise library'),
        session.role === 'content-editor' ? h('p', {}, h('a', {class: 'button primary', href: '#/library/new'}, 'New exercise')) : null,
        form, results);
}

function list(title, items) {
    return items && items.length ? h('section', {}, h('h2', {}, title), h('ul', {}, items.map((i) => h('li', {}, i)))) : null;
}

export function exerciseDetails(e) {
    const picture = exerciseFigure(e, {size: 220});
    return [
        h('p', {class: 'lead'}, e.summary),
        picture ? h('div', {class: 'exercise-figure'}, picture) : null,
        h('p', {class: 'tags'}, [humanize(e.category), ...e.bodyRegions.map(humanize), humanize(e.startPosition), `difficulty ${e.difficulty}`,
            ...e.equipment].map((t) => h('span', {class: 'tag'}, t))),
        h('section', {}, h('h2', {}, 'Why'), h('p', {}, e.purpose)),
        h('section', {}, h('h2', {}, 'Default dose'), h('p', {}, doseText(e.defaultDose))),
        list('Before you start', e.cautions),
        list('Not suitable when', e.contraindications),
        list('Stop if', e.stopRules),
        h('section', {}, h('h2', {}, 'Steps'), h('ol', {class: 'steps'}, e.steps.map((s) => h('li', {}, h('span', {class: 'step-role'}, humanize(s.role)), ' ', s.instruction)))),
        e.media.length ? h('section', {}, h('h2', {}, 'Pictures and videos'), h('ul', {}, e.media.map((m) => h('li', {}, h('a', {href: m.url, rel: 'noopener noreferrer', target: '_blank'}, m.altText))))) : null,
        e.source ? h('p', {class: 'muted'}, `Source: ${e.source.title}${e.source.publisher ? `, ${e.source.publisher}` : ''}. Licence ${e.licence}.`) : null,
    ];
}

export async function exerciseView({params, session, main}) {
    const [slug] = params;
    const editor = session.role === 'content-editor';
    // editors see drafts too: the version list says whether there is a published version and an open draft
    const versions = editor ? await api.find(`/api/v1/exercises/${slug}/versions`) : null;
    const hasDraft = Boolean(versions?.some((v) => v.status === 'DRAFT'));
    const hasPublished = versions ? versions.some((v) => v.status !== 'DRAFT') : true;
    const [exercise, draft] = await Promise.all([
        hasPublished ? api.getWithEtag(`/api/v1/exercises/${slug}`).catch((e) => {
            if (e instanceof ApiError && e.status === 404) return null;
            throw e;
        }) : null,
        hasDraft ? api.get(`/api/v1/exercises/${slug}/draft`) : null,
    ]);
    if (!exercise && !draft) return h('div', {}, h('h1', {}, 'Exercise not found'), h('p', {}, h('a', {href: '#/library'}, 'Back to the library')));
    const shown = exercise ? exercise.data : draft;
    const feedback = h('div', {'aria-live': 'polite'});

    async function act(action) {
        try {
            const {etag} = await api.getWithEtag(draft ? `/api/v1/exercises/${slug}/draft` : `/api/v1/exercises/${slug}`);
            await api.post(`/api/v1/exercises/${slug}/${action}`, undefined, {headers: etag ? {'If-Match': etag} : {}});
            mount(main, await exerciseView({params, session, main}));
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }

    const editorBar = editor ? h('div', {class: 'card editor-bar'},
        h('p', {}, `Status: ${humanize(shown.status)}, version ${shown.version}`, draft && exercise ? ` · a draft (version ${draft.version}) is open` : '',
            draft && !exercise ? ' · never published' : ''),
        h('div', {class: 'actions'},
            h('a', {class: 'button', href: `#/library/${slug}/edit`}, draft ? 'Edit draft' : 'Edit (starts a new draft)'),
            draft ? h('button', {type: 'button', class: 'primary', onclick: () => act('publish')}, `Publish version ${draft.version}`) : null,
            exercise && shown.status === 'PUBLISHED' ? h('button', {type: 'button', class: 'danger', onclick: () => act('retire')}, 'Retire') : null),
        feedback) : null;
    return h('article', {class: 'exercise'},
        h('p', {class: 'crumbs'}, h('a', {href: '#/library'}, 'Exercise library'), ' › ', shown.name),
        h('h1', {}, shown.name),
        shown.status === 'RETIRED' ? status('This exercise is retired: existing programs keep it, new programs cannot use it.', 'warning') : null,
        editorBar, exerciseDetails(draft && editor ? draft : shown),
        h('p', {class: 'muted'}, `Version ${shown.version}${shown.publishedAt ? `, published ${when(shown.publishedAt)}` : ''}`));
}

// --- editing ---

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const csv = (text) => text.split(',').map((l) => l.trim()).filter(Boolean);

function stepsText(steps) {
    return (steps || []).map((s) => `${s.role}: ${s.instruction}`).join('\n');
}

function parseSteps(text) {
    return lines(text).map((line) => {
        const match = line.match(/^([A-Z]+):\s*(.*)$/);
        return match && STEP_ROLES.includes(match[1]) ? {role: match[1], instruction: match[2]} : {role: 'MOVE', instruction: line};
    });
}

export async function exerciseEditView({params}) {
    const [slug] = params;
    let start = null;
    let etag = null;
    if (slug) {
        const versions = await api.get(`/api/v1/exercises/${slug}/versions`);
        const current = await api.getWithEtag(versions.some((v) => v.status === 'DRAFT')
            ? `/api/v1/exercises/${slug}/draft` : `/api/v1/exercises/${slug}`);
        start = current.data;
        etag = current.etag;
    }
    const e = start || {aliases: [], equipment: [], cautions: [], contraindications: [], stopRules: [], steps: [], media: [], conditions: [],
        defaultDose: {sets: 1, reps: 10, side: 'BOTH'}, difficulty: 1, licence: 'CC-BY-4.0'};
    const f = {
        slug: h('input', {name: 'slug', value: e.slug || '', pattern: '[a-z0-9]+(-[a-z0-9]+)*', disabled: Boolean(slug)}),
        name: h('input', {name: 'name', value: e.name || '', required: true, maxlength: 120}),
        aliases: h('input', {name: 'aliases', value: e.aliases.join(', ')}),
        summary: h('textarea', {name: 'summary', required: true, maxlength: 500, rows: 3}),
        purpose: h('textarea', {name: 'purpose', required: true, maxlength: 1000, rows: 3}),
        category: select('category', CATEGORIES.map((c) => [c, humanize(c)]), e.category),
        bodyRegions: h('input', {name: 'bodyRegions', value: (e.bodyRegions || []).join(', '), required: true}),
        startPosition: select('startPosition', POSITIONS.map((c) => [c, humanize(c)]), e.startPosition),
        equipment: h('input', {name: 'equipment', value: e.equipment.join(', ')}),
        difficulty: select('difficulty', [['1', '1'], ['2', '2'], ['3', '3']], e.difficulty),
        steps: h('textarea', {name: 'steps', rows: 8, required: true}),
        cautions: h('textarea', {name: 'cautions', rows: 3}),
        contraindications: h('textarea', {name: 'contraindications', rows: 3}),
        stopRules: h('textarea', {name: 'stopRules', rows: 3, required: true}),
        dose: h('textarea', {name: 'defaultDose', rows: 2}),
        conditions: h('input', {name: 'conditions', value: e.conditions.join(', ')}),
        licence: h('input', {name: 'licence', value: e.licence || '', required: true, maxlength: 64}),
        figure: h('textarea', {name: 'figure', rows: 6}),
    };
    f.figure.value = e.figure ? JSON.stringify(e.figure, null, 1) : '';
    const preview = h('div', {class: 'exercise-figure', 'aria-live': 'polite'});
    const showPreview = () => {
        try {
            preview.replaceChildren(exerciseFigure({figure: f.figure.value.trim() ? JSON.parse(f.figure.value) : null}) || '');
        } catch {
            preview.replaceChildren(h('p', {class: 'hint'}, 'The picture is not valid JSON yet.'));
        }
    };
    f.figure.addEventListener('input', showPreview);
    showPreview();
    f.summary.value = e.summary || '';
    f.purpose.value = e.purpose || '';
    f.steps.value = stepsText(e.steps);
    f.cautions.value = e.cautions.join('\n');
    f.contraindications.value = e.contraindications.join('\n');
    f.stopRules.value = e.stopRules.join('\n');
    f.dose.value = JSON.stringify(e.defaultDose);
    const feedback = h('div', {'aria-live': 'polite'});

    async function save(event) {
        event.preventDefault();
        let dose;
        let figure = null;
        try {
            dose = JSON.parse(f.dose.value);
        } catch {
            feedback.replaceChildren(status('Default dose: must be JSON such as {"sets": 1, "reps": 10, "side": "BOTH"}.', 'error'));
            return;
        }
        try {
            figure = f.figure.value.trim() ? JSON.parse(f.figure.value) : null;
        } catch {
            feedback.replaceChildren(status('Picture: must be JSON (see the catalog documentation), or empty for none.', 'error'));
            return;
        }
        const body = {slug: slug || f.slug.value.trim() || undefined, name: f.name.value.trim(), aliases: csv(f.aliases.value),
            summary: f.summary.value.trim(), purpose: f.purpose.value.trim(), category: f.category.value,
            bodyRegions: csv(f.bodyRegions.value).map((r) => r.toUpperCase().replaceAll(' ', '_')), startPosition: f.startPosition.value,
            equipment: csv(f.equipment.value), difficulty: Number(f.difficulty.value), steps: parseSteps(f.steps.value),
            cautions: lines(f.cautions.value), contraindications: lines(f.contraindications.value), stopRules: lines(f.stopRules.value),
            defaultDose: dose, media: e.media, figure, conditions: csv(f.conditions.value), source: e.source, licence: f.licence.value.trim()};
        try {
            const saved = slug ? await api.put(`/api/v1/exercises/${slug}`, body, {headers: {'If-Match': etag}})
                : await api.post('/api/v1/exercises', body);
            location.hash = `#/library/${saved.slug}`;
        } catch (err) {
            feedback.replaceChildren(err instanceof ApiError && err.status === 412
                ? status('Someone else changed this exercise since you opened it. Reload to see their version.', 'error') : errorMessage(err));
        }
    }

    return h('div', {class: 'exercise-edit'},
        h('p', {class: 'crumbs'}, h('a', {href: '#/library'}, 'Exercise library'), slug ? [' › ', h('a', {href: `#/library/${slug}`}, e.name)] : null, ' › Edit'),
        h('h1', {}, slug ? `Edit ${e.name}` : 'New exercise'),
        h('p', {}, 'Saving makes a draft; published versions never change. Publish the draft from the exercise page.'),
        h('form', {class: 'card', onsubmit: save},
            slug ? null : field('Slug', f.slug, 'Lowercase words joined by hyphens; made from the name when empty.'),
            field('Name', f.name), field('Other names', f.aliases, 'Separated by commas.'),
            field('Summary', f.summary), field('Purpose', f.purpose),
            h('div', {class: 'row'}, field('Category', f.category), field('Start position', f.startPosition), field('Difficulty', f.difficulty)),
            field('Body regions', f.bodyRegions, `Separated by commas: ${REGIONS.join(', ')}.`),
            field('Equipment', f.equipment, 'Separated by commas, e.g. chair, resistance-band.'),
            field('Steps', f.steps, `One per line, starting with its role (${STEP_ROLES.join(', ')}), e.g. "HOLD: Hold for 5 seconds."`),
            field('Cautions', f.cautions, 'One per line.'), field('Contraindications', f.contraindications, 'One per line.'),
            field('Stop rules', f.stopRules, 'One per line, e.g. "Stop if pain spreads down the arm."'),
            field('Default dose', f.dose, 'sets, reps, holdSeconds, durationSeconds, restSeconds, side (BOTH, EACH_SIDE, LEFT, RIGHT, ALTERNATING), timesPerDay, daysPerWeek.'),
            field('Conditions', f.conditions, 'Condition slugs, separated by commas.'), field('Licence', f.licence),
            field('Picture', f.figure, 'JSON: view (SIDE, FRONT, BACK, TOP), poses (one or two, each a label and joint angles), props and altText. Empty for none.'),
            preview,
            h('button', {type: 'submit', class: 'primary'}, 'Save draft'), feedback));
}
