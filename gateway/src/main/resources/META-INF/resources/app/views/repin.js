// Re-pin: what moving a patient's program to the newest published exercise versions would change, then doing it.
import {api} from '../api.js';
import {errorMessage, h, humanize, mount} from '../dom.js';

function itemView(item) {
    const head = `${item.exerciseName} (v${item.pinnedVersion}` + // (the list numbers the positions)
        (item.newestVersion && item.newestVersion !== item.pinnedVersion ? ` → v${item.newestVersion})` : ')');
    const note = item.outcome === 'RETIRED'
        ? ['Retired: it stays as it is', item.replacedBy
            ? ['; the library suggests ', h('a', {href: `#/library/${item.replacedBy}`}, item.replacedBy), ' instead'] : null, '.']
        : humanize(item.outcome);
    return h('li', {dataset: {outcome: item.outcome}}, h('strong', {}, head), h('p', {}, note),
        item.changes.length ? h('ul', {}, item.changes.map((line) => h('li', {}, line))) : null);
}

export async function repinView({params, main}) {
    const [id] = params;
    const base = `/api/v1/patients/${id}/programs`;
    async function draw() {
        const programs = await api.get(base);
        const program = programs.find((p) => p.status === 'ACTIVE' || p.status === 'PAUSED');
        if (!program) {
            mount(main, h('h1', {}, 'Exercise updates'), h('p', {}, 'No open program.'));
            return;
        }
        // the program's ETag, read before the preview: a change in between makes the re-pin fail (412), never apply
        // to a program other than the one previewed
        const {etag} = await api.getWithEtag(`${base}/${program.id}`);
        const preview = await api.post(`${base}/${program.id}/repin/preview`, {});
        const feedback = h('div', {'aria-live': 'polite'});
        const moving = preview.items.some((i) => i.outcome === 'NEWER_VERSION');
        const confirm = h('button', {type: 'button', class: 'primary', disabled: !moving, onclick: async (event) => {
            event.target.disabled = true;
            try {
                await api.post(`${base}/${program.id}/repin`, {}, {headers: {'If-Match': etag}});
                location.hash = `#/patients/${id}`;
            } catch (e) {
                event.target.disabled = false;
                feedback.replaceChildren(errorMessage(e));
            }
        }}, 'Re-pin to the newest versions');
        mount(main, h('h1', {}, 'Exercise updates'),
            h('ol', {class: 'repin'}, preview.items.map(itemView)),
            preview.safetyConfirmationRequired
                ? h('p', {class: 'status warning'}, 'Cautions changed: the patient confirms the safety check again.') : null,
            h('div', {class: 'actions'}, confirm, h('a', {class: 'button', href: `#/patients/${id}`}, 'Back')), feedback);
    }
    await draw();
}
