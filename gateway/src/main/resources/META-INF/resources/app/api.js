// The public API as the app uses it: bearer token from the login, problem+json turned into ApiError,
// and so is any answer that is not JSON (a proxy's HTML error page). Session logs go through outbox.js.

const SESSION_KEY = 'rehabit.session';
// Refresh an OpenID Connect token when a quarter of its lifetime is left, and at least 30 s before it expires (but
// no earlier than half-way: a provider may hand out short-lived tokens).
const REFRESH_WHEN_LEFT = 0.25;
const REFRESH_AT_LEAST_MS = 30000;
let refreshTimer = null;
let refreshing = null;
// what the service worker (/sw.js) keeps of the API: the patient's routine, and the header marking its saved copy
const OFFLINE_CACHE = 'rehabit-api';
const SAVED_AT = 'X-Rehabit-Saved-At';

/**
 * Fires 'answer' with detail {path, savedAt} for every API answer: savedAt is the Date the service worker saved it
 * when the network or Rehabit failed and the patient sees a saved copy of the routine, else null.
 */
export const apiEvents = new EventTarget();

/**
 * The signed-in user: token plus what the login said about it. A token from the clinic's OpenID Connect provider
 * comes with what it takes to keep it fresh (refresh token, token endpoint, client id) and to sign out at the
 * provider (ID token, end-session endpoint); it is refreshed before it expires, so a long routine stays signed in.
 */
export const auth = {
    get() {
        const raw = sessionStorage.getItem(SESSION_KEY);
        if (!raw) return null;
        const session = JSON.parse(raw);
        if (session.expiresAt && session.expiresAt < Date.now()) {
            if (!session.refreshToken) {
                sessionStorage.removeItem(SESSION_KEY);
                return null;
            }
            // (a sleeping tab missed its refresh): renew now; the provider's session decides whether it still holds
            auth.refresh();
            return session;
        }
        if (session.refreshToken && !refreshTimer && !refreshing) schedule(session);
        return session;
    },
    set(session) {
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = null;
        if (session.refreshToken) schedule(session);
    },
    clear() {
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = null;
        sessionStorage.removeItem(SESSION_KEY);
    },
    /**
     * Trades the refresh token for a new access token at the provider (refresh_token grant); resolves to the
     * renewed session, or null when the provider refuses (the session has ended there: signed out here too).
     */
    refresh() {
        if (refreshing) return refreshing;
        const raw = sessionStorage.getItem(SESSION_KEY);
        const session = raw ? JSON.parse(raw) : null;
        if (!session?.refreshToken) return Promise.resolve(null);
        refreshing = (async () => {
            try {
                const response = await fetch(session.tokenEndpoint, {method: 'POST',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                    body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: session.refreshToken,
                        client_id: session.clientId})});
                if (response.status >= 400 && response.status < 500) {
                    auth.clear();
                    return null;
                }
                if (!response.ok) throw new Error(`The sign-in service answered ${response.status}`);
                const token = await response.json();
                if (!sessionStorage.getItem(SESSION_KEY)) return null; // signed out meanwhile
                const renewed = {...session, token: token.access_token,
                    expiresAt: Date.now() + (token.expires_in || 300) * 1000, lifetimeMs: (token.expires_in || 300) * 1000,
                    refreshToken: token.refresh_token || session.refreshToken,
                    idToken: token.id_token || session.idToken};
                auth.set(renewed);
                return renewed;
            } catch (e) {
                // the network or the provider failed for now: try again shortly, while the token lasts
                refreshTimer = setTimeout(() => { refreshTimer = null; auth.refresh(); }, 10000);
                return null;
            } finally {
                refreshing = null;
            }
        })();
        return refreshing;
    },
    /** Resolves once a refresh under way (if any) has ended: a caller about to send a request may wait for it. */
    ready() {
        return refreshing || Promise.resolve(null);
    },
    /**
     * Signs out here and, for a provider's session, at the provider too (its end-session endpoint, RP-initiated
     * logout), which sends the browser back to the sign-in page. The routine saved for offline use goes too.
     */
    async signOut() {
        const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
        auth.clear();
        try {
            await globalThis.caches?.delete(OFFLINE_CACHE); // (no caches outside a secure context: nothing was saved)
        } catch {
            // the browser's storage is unavailable: nothing could be saved there either
        }
        if (session?.endSessionEndpoint) {
            const url = new URL(session.endSessionEndpoint);
            const params = {post_logout_redirect_uri: `${location.origin}/`, client_id: session.clientId};
            if (session.idToken) params.id_token_hint = session.idToken;
            url.search = new URLSearchParams(params).toString();
            location.assign(url.toString());
        }
    },
};

function schedule(session) {
    const left = session.expiresAt - Date.now();
    const lifetime = session.lifetimeMs || left;
    const margin = Math.max(lifetime * REFRESH_WHEN_LEFT, Math.min(REFRESH_AT_LEAST_MS, lifetime / 2));
    const wait = Math.max(1000, left - margin);
    refreshTimer = setTimeout(() => {
        refreshTimer = null;
        auth.refresh();
    }, Math.min(wait, left > 0 ? left : 1000));
}

/**
 * An answer that is not the JSON the app asked for: a 4xx/5xx, with the problem document's title, detail and field
 * errors when the API sent one (isProblem), or any answer whose body is not JSON (a proxy's HTML error page, a
 * captive portal), which never counts as success.
 */
export class ApiError extends Error {
    constructor(status, problem, message) {
        super(problem?.detail || problem?.title || message || plainMessage(status));
        this.status = status;
        this.problem = problem || {};
        this.isProblem = Boolean(problem);
    }

    /** Field errors as "field: message" lines. */
    get fieldErrors() {
        return (this.problem.errors || []).map((e) => `${e.field}: ${e.message}`);
    }
}

export class NotSignedIn extends Error {
}

async function request(method, path, options = {}, renewed = false) {
    const {body, headers = {}, signal} = options;
    await auth.ready(); // a refresh under way brings the token this request should carry
    const session = auth.get();
    const init = {method, headers: {Accept: 'application/json', ...headers}, signal};
    if (session) init.headers.Authorization = `Bearer ${session.token}`;
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const savedAt = response.headers.get(SAVED_AT);
    apiEvents.dispatchEvent(new CustomEvent('answer', {detail: {path, savedAt: savedAt ? new Date(savedAt) : null}}));
    if (response.status === 401 && path.startsWith('/api/')) {
        // a provider's token refused (a sleeping tab missed its refresh): renew it once and ask again
        if (!renewed && session?.refreshToken && await auth.refresh()) return request(method, path, options, true);
        auth.clear();
        throw new NotSignedIn('Your session has ended. Please sign in again.');
    }
    const text = await response.text();
    if (!text) {
        if (!response.ok) throw new ApiError(response.status, null);
        return {data: null, response};
    }
    const data = parseJson(text, response.headers.get('Content-Type'));
    if (data === undefined) {
        throw new ApiError(response.status, null, response.ok
            ? 'The answer did not come from Rehabit (is the network asking you to sign in to it?).'
            : plainMessage(response.status));
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return {data, response};
}

/** The body as JSON, or undefined when it is not JSON (an HTML error page, a truncated answer). */
function parseJson(text, contentType) {
    if (!/[/+]json\b/i.test(contentType || '')) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function plainMessage(status) {
    if (status === 502 || status === 503 || status === 504) return `Rehabit cannot be reached right now (${status}). Please try again in a moment.`;
    if (status >= 500) return `Rehabit had a problem answering (${status}). Please try again in a moment.`;
    return `The server answered ${status}.`;
}

export const api = {
    async get(path, options) {
        return (await request('GET', path, options)).data;
    },
    /** A GET whose 404 means "there is none" rather than an error. */
    async find(path) {
        try {
            return await api.get(path);
        } catch (e) {
            if (e instanceof ApiError && e.status === 404) return null;
            throw e;
        }
    },
    async post(path, body, options = {}) {
        return (await request('POST', path, {...options, body})).data;
    },
    async put(path, body, options = {}) {
        return (await request('PUT', path, {...options, body})).data;
    },
    async patch(path, body, options = {}) {
        return (await request('PATCH', path, {...options, body})).data;
    },
    /**
     * A GET answered as a Blob (a file to save, a page to show), with the signed-in token; a 4xx/5xx throws ApiError
     * with the problem document when there is one.
     */
    async blob(path) {
        await auth.ready();
        const session = auth.get();
        const response = await fetch(path, {headers: session ? {Authorization: `Bearer ${session.token}`} : {}});
        if (response.status === 401) {
            auth.clear();
            throw new NotSignedIn('Your session has ended. Please sign in again.');
        }
        if (!response.ok) {
            const problem = parseJson(await response.text(), response.headers.get('Content-Type'));
            throw new ApiError(response.status, problem ?? null);
        }
        return response.blob();
    },
    /** A GET that also returns the ETag, for a later If-Match. */
    async getWithEtag(path) {
        const {data, response} = await request('GET', path);
        return {data, etag: response.headers.get('ETag')};
    },
};

/** Query string from an object, skipping empty values. */
export function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}

/**
 * Idempotency-Keys for one form: submitting the same body again (a retry after an error or a lost answer) sends the
 * same key, so the server stores it once and answers as the first time; an edited body gets a new key.
 */
export function idempotencyKeys() {
    let last = null;
    return (body) => {
        const text = JSON.stringify(body ?? null);
        if (!last || last.text !== text) last = {text, key: crypto.randomUUID()};
        return {headers: {'Idempotency-Key': last.key}};
    };
}
