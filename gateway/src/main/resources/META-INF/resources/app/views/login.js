// Signing in: demo users on a local installation, the clinic's OpenID Connect provider in production
// (authorization code flow with PKCE; the app keeps the tokens for this browser tab only, refreshes the access token
// before it expires and signs out at the provider too: see auth in api.js).
import {api, auth, ApiError} from '../api.js';
import {errorMessage, field, h, status} from '../dom.js';

const ROLE_ORDER = ['physio', 'clinic-admin', 'patient', 'content-editor'];

async function config() {
    return api.get('/app/config');
}

/**
 * Stores the token and what /api/v1/me says about it, then opens the user's home page. A provider's token comes with
 * {@code provider}: what the app needs to refresh it before it expires and to sign out at the provider.
 */
async function signedIn(token, expiresInSeconds, name, provider = {}) {
    const lifetimeMs = expiresInSeconds * 1000;
    auth.set({token, expiresAt: Date.now() + lifetimeMs, lifetimeMs, ...provider});
    const me = await api.get('/api/v1/me');
    const role = ROLE_ORDER.find((r) => me.roles.includes(r)) || me.roles[0];
    const current = auth.get() || {token, expiresAt: Date.now() + lifetimeMs, lifetimeMs, ...provider};
    auth.set({...current, role, subject: me.subject, clinicId: me.clinicId, patientId: me.patientId,
        name: name || me.subject});
    location.hash = '#/'; // the router opens the user's home page
}

export async function loginView() {
    const settings = await config();
    const parts = [h('h1', {}, 'Sign in to Rehabit')];
    if (settings.oidc) parts.push(oidcSection(settings.oidc));
    if (settings.demoLogins) parts.push(demoSection(settings.demoUsers));
    if (!settings.oidc && !settings.demoLogins) {
        parts.push(status('This installation has no sign-in configured. Ask its operator to set REHABIT_OIDC_ISSUER.', 'error'));
    }
    return h('section', {class: 'login'}, parts);
}

function demoSection(users) {
    const username = h('input', {name: 'username', autocomplete: 'username', required: true, list: 'demo-users'});
    const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
    const feedback = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'card', onsubmit: async (event) => {
        event.preventDefault();
        feedback.replaceChildren(status('Signing in…'));
        try {
            const token = await api.post('/auth/token', {username: username.value.trim(), password: password.value});
            await signedIn(token.accessToken, token.expiresIn, token.name);
        } catch (e) {
            feedback.replaceChildren(e instanceof ApiError && e.status === 400
                ? status('Unknown demo user or wrong password.', 'error') : errorMessage(e));
        }
    }},
    h('h2', {}, 'Demo login'),
    h('p', {}, 'This is a local or demo installation. Every demo user\'s password is "demo".'),
    field('User name', username), field('Password', password),
    h('datalist', {id: 'demo-users'}, users.map((u) => h('option', {value: u.username}, `${u.name} — ${u.role}`))),
    h('button', {type: 'submit', class: 'primary'}, 'Sign in'), feedback,
    h('details', {}, h('summary', {}, 'Demo users'),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'User name'), h('th', {scope: 'col'}, 'Who'), h('th', {scope: 'col'}, 'Role'))),
            h('tbody', {}, users.map((u) => h('tr', {}, h('td', {}, h('code', {}, u.username)), h('td', {}, u.name), h('td', {}, u.role)))))));
    return form;
}

function oidcSection(oidc) {
    return h('div', {class: 'card'}, h('h2', {}, 'Clinic sign-in'),
        h('p', {}, 'Sign in with your clinic\'s account.'),
        h('button', {type: 'button', class: 'primary', onclick: () => beginOidcLogin(oidc)}, 'Sign in with your clinic'));
}

// --- OpenID Connect: authorization code flow with PKCE (RFC 7636) ---

const OIDC_STATE = 'rehabit.oidc';

function base64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function discovery(issuer) {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`The clinic's sign-in service answered ${response.status}.`);
    return response.json();
}

async function beginOidcLogin(oidc) {
    const provider = await discovery(oidc.issuer);
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    const redirectUri = `${location.origin}/`;
    sessionStorage.setItem(OIDC_STATE, JSON.stringify({verifier, state, redirectUri, tokenEndpoint: provider.token_endpoint,
        endSessionEndpoint: provider.end_session_endpoint || null, clientId: oidc.clientId}));
    const url = new URL(provider.authorization_endpoint);
    url.search = new URLSearchParams({response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri,
        scope: oidc.scope, state, code_challenge: challenge, code_challenge_method: 'S256'}).toString();
    location.assign(url.toString());
}

/** On the way back from the provider (?code=…&state=…): trade the code for a token. */
export async function completeOidcLogin() {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error')) return;
    const saved = JSON.parse(sessionStorage.getItem(OIDC_STATE) || 'null');
    sessionStorage.removeItem(OIDC_STATE);
    history.replaceState(null, '', location.pathname + '#/login');
    if (!saved || params.get('state') !== saved.state || params.has('error')) return;
    const response = await fetch(saved.tokenEndpoint, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'), redirect_uri: saved.redirectUri,
            client_id: saved.clientId, code_verifier: saved.verifier})});
    if (!response.ok) return;
    const token = await response.json();
    // the refresh token keeps a long routine signed in; the ID token names the user and, when signing out, the session
    await signedIn(token.access_token, token.expires_in || 300, nameIn(token.id_token), {refreshToken: token.refresh_token || null,
        tokenEndpoint: saved.tokenEndpoint, clientId: saved.clientId, idToken: token.id_token || null,
        endSessionEndpoint: saved.endSessionEndpoint});
}

/** The user's name as the ID token gives it (its signature matters not here: it only labels the page). */
function nameIn(idToken) {
    try {
        const payload = idToken.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
        const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
        return claims.name || claims.preferred_username || null;
    } catch (e) {
        return null;
    }
}
