// The web app's shell: who is signed in, the navigation for their role, and hash routes to the views.
import {auth, NotSignedIn} from './api.js';
import {outbox, outboxEvents} from './outbox.js';
import {outboxStatus} from './views/outbox.js';
import {startOffline} from './offline.js';
import {errorMessage, h, mount, status} from './dom.js';
import {loginView, completeOidcLogin} from './views/login.js';
import {dashboardView} from './views/dashboard.js';
import {patientView} from './views/patient.js';
import {handoutView} from './views/handout.js';
import {repinView} from './views/repin.js';
import {assignView} from './views/assign.js';
import {adjustView} from './views/adjust.js';
import {patientEditView} from './views/patient-edit.js';
import {auditView, settingsView} from './views/clinic.js';
import {todayView} from './views/today.js';
import {libraryView, exerciseView, exerciseEditView} from './views/library.js';
import {energyView} from './views/energy.js';
import {progressView} from './views/progress.js';
import {questionnaireView} from './views/outcomes.js';

const STAFF = ['physio', 'clinic-admin'];

/** Routes: pattern, who may open it, and the view that draws it into <main>. */
const ROUTES = [
    {path: /^\/login$/, view: loginView, public: true},
    {path: /^\/dashboard$/, roles: STAFF, view: dashboardView},
    {path: /^\/patients\/([0-9a-f-]{36})$/, roles: STAFF, view: patientView},
    {path: /^\/patients\/([0-9a-f-]{36})\/assign$/, roles: STAFF, view: assignView},
    {path: /^\/patients\/([0-9a-f-]{36})\/energy$/, roles: STAFF, view: energyView},
    {path: /^\/patients\/([0-9a-f-]{36})\/handout$/, roles: STAFF, view: handoutView},
    {path: /^\/patients\/([0-9a-f-]{36})\/repin$/, roles: STAFF, view: repinView},
    {path: /^\/patients\/([0-9a-f-]{36})\/adjust$/, roles: STAFF, view: adjustView},
    {path: /^\/patients\/([0-9a-f-]{36})\/edit$/, roles: STAFF, view: patientEditView},
    {path: /^\/clinic\/settings$/, roles: STAFF, view: settingsView},
    {path: /^\/clinic\/audit$/, roles: ['clinic-admin'], view: auditView},
    {path: /^\/today$/, roles: ['patient'], view: todayView},
    {path: /^\/progress$/, roles: ['patient'], view: progressView},
    {path: /^\/questionnaires\/([0-9a-f-]{36})$/, roles: ['patient'], view: questionnaireView},
    {path: /^\/handout$/, roles: ['patient'], view: handoutView},
    {path: /^\/energy$/, roles: ['patient'], view: energyView},
    {path: /^\/library$/, view: libraryView},
    {path: /^\/library\/new$/, roles: ['content-editor'], view: exerciseEditView},
    {path: /^\/library\/([a-z0-9-]+)\/edit$/, roles: ['content-editor'], view: exerciseEditView},
    {path: /^\/library\/([a-z0-9-]+)$/, view: exerciseView},
];

function home(session) {
    if (!session) return '#/login';
    if (session.role === 'patient') return '#/today';
    if (STAFF.includes(session.role)) return '#/dashboard';
    return '#/library';
}

function navigation(session) {
    const nav = document.getElementById('nav');
    if (!session) {
        mount(nav);
        return;
    }
    const links = [];
    if (STAFF.includes(session.role)) links.push(['#/dashboard', 'Dashboard'], ['#/clinic/settings', 'Clinic settings']);
    if (session.role === 'clinic-admin') links.push(['#/clinic/audit', 'Audit trail']);
    if (session.role === 'patient') links.push(['#/today', 'Today'], ['#/progress', 'My progress'], ['#/energy', 'Energy']);
    links.push(['#/library', 'Exercise library']);
    const current = location.hash || '#/';
    mount(nav, h('ul', {}, links.map(([href, text]) => h('li', {}, h('a', {href, 'aria-current': current.startsWith(href) ? 'page' : null}, text))),
        h('li', {class: 'who'}, h('span', {}, `${session.name || session.subject} (${session.role})`)),
        h('li', {}, h('button', {type: 'button', class: 'link', onclick: signOut}, 'Sign out'))));
}

function signOut() {
    // nothing of a patient's stays on a shared device; logs not yet sent (anyone's) are lost, so the user decides
    const waiting = outbox.waiting().length;
    if (waiting && !window.confirm(waiting === 1
        ? 'A session log has not reached the clinic yet. Signing out deletes it from this device. Sign out anyway?'
        : `${waiting} session logs have not reached the clinic yet. Signing out deletes them from this device. Sign out anyway?`)) {
        return;
    }
    outbox.clear();
    auth.signOut(); // at the provider too, when signed in through one
    location.hash = '#/login';
}

let rendering = 0;
let drawOutbox = null;

async function render() {
    const main = document.getElementById('main');
    const session = auth.get();
    const path = (location.hash || '#/').slice(1);
    const route = ROUTES.find((r) => r.path.test(path));
    if (!route) {
        location.replace(home(session));
        return;
    }
    if (!route.public && !session) {
        location.replace('#/login');
        return;
    }
    if (route.roles && !route.roles.includes(session.role)) {
        location.replace(home(session));
        return;
    }
    navigation(session);
    drawOutbox?.();
    if (session?.patientId) outbox.flush(); // on page load and after signing in: whatever waits goes now
    const ticket = ++rendering;
    const params = path.match(route.path).slice(1);
    mount(main, status('Loading…'));
    try {
        const content = await route.view({session, params, main});
        if (ticket !== rendering) return; // the user went elsewhere meanwhile
        if (content) mount(main, content);
        const heading = main.querySelector('h1');
        document.title = heading ? `${heading.textContent} — Rehabit` : 'Rehabit';
        main.focus({preventScroll: true});
    } catch (e) {
        if (ticket !== rendering) return;
        if (e instanceof NotSignedIn) {
            location.replace('#/login');
            return;
        }
        mount(main, h('h1', {}, 'Something went wrong'), errorMessage(e));
    }
}

async function start() {
    await completeOidcLogin();
    outbox.start();
    drawOutbox = outboxStatus(document.getElementById('outbox'));
    startOffline(document.getElementById('offline'));
    // a log sent while the sign-in had ended is kept; signing in again sends it
    outboxEvents.addEventListener('signin', () => location.replace('#/login'));
    window.addEventListener('hashchange', render);
    await render();
}

start();
