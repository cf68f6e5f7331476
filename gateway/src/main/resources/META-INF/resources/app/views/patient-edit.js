// Editing a patient's details (name, reference, date of birth, time zone): PUT with If-Match, so a change made
// meanwhile by someone else is refused (412), never overwritten. The assigned physio is kept (physioId null): a
// clinic-admin reassigns on the patient's page.
import {api, ApiError} from '../api.js';
import {errorMessage, field, h, mount, status} from '../dom.js';
import {physioText} from './patient.js';

export async function patientEditView({params, main, session}) {
    const [id] = params;
    const path = `/api/v1/patients/${id}`;
    const [{data: patient, etag}, staff] = await Promise.all([api.getWithEtag(path),
        api.get(`/api/v1/clinics/${session.clinicId}/staff`)]);
    const input = (name, attrs, value) => {
        const el = h('input', {name, ...attrs});
        el.value = value ?? '';
        return el;
    };
    const displayName = input('displayName', {type: 'text', maxlength: 120, required: true}, patient.displayName);
    const externalRef = input('externalRef', {type: 'text', maxlength: 64}, patient.externalRef);
    const dateOfBirth = input('dateOfBirth', {type: 'date'}, patient.dateOfBirth);
    const timezone = input('timezone', {type: 'text', maxlength: 64, required: true}, patient.timezone);
    const feedback = h('div', {'aria-live': 'polite'});
    async function submit(event) {
        event.preventDefault();
        const body = {displayName: displayName.value.trim(), externalRef: externalRef.value.trim() || null,
            dateOfBirth: dateOfBirth.value || null, timezone: timezone.value.trim(), physioId: null};
        feedback.replaceChildren(status('Saving…'));
        try {
            await api.put(path, body, {headers: {'If-Match': etag}});
            location.hash = `#/patients/${id}`;
        } catch (e) {
            if (e instanceof ApiError && e.status === 412) {
                feedback.replaceChildren(h('div', {class: 'status error', role: 'alert'},
                    h('p', {}, 'This patient was changed by someone else since you opened the form — reload to see it; nothing was saved.'),
                    h('button', {type: 'button', onclick: async () => mount(main, await patientEditView({params, main, session}))}, 'Reload')));
            } else {
                feedback.replaceChildren(errorMessage(e));
            }
        }
    }
    return h('div', {class: 'patient-edit'},
        h('p', {class: 'crumbs'}, h('a', {href: '#/dashboard'}, 'Dashboard'), ' › ',
            h('a', {href: `#/patients/${id}`}, patient.displayName), ' › Edit'),
        h('h1', {}, `Edit ${patient.displayName}`),
        h('form', {class: 'card', novalidate: true, onsubmit: submit},
            field('Name', displayName), field('Clinic reference', externalRef, 'Letters, digits and . _ / -'),
            field('Date of birth', dateOfBirth), field('Time zone', timezone, 'An IANA time zone, e.g. Europe/London.'),
            h('p', {}, h('strong', {}, 'Assigned physio: '), physioText(patient, staff),
                h('span', {class: 'hint'}, session.role === 'clinic-admin' ? ' — reassign on the patient\'s page.' : '')),
            h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save'),
                h('a', {class: 'button', href: `#/patients/${id}`}, 'Cancel')), feedback));
}
