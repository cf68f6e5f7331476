// The web app's service worker (served as /sw.js by the gateway, which fills in SHELL): the app opens without a
// network, and a patient's routine is there offline.
// - The shell (index.html, every file under /app/, the WebJar scripts the page names) is cached at install under a
//   name carrying SHELL.version, which the gateway computes from those files' contents: a changed file is a changed
//   sw.js, so the browser installs the new worker on its next visit, and the old cache goes once it has taken over.
//   The shell is served from the cache; WebJar URLs carry no version, so they are also refreshed in the background.
// - The patient's routine (ROUTINE_READS) goes to the network first; its last JSON answer is kept per user in
//   API_CACHE and answered, marked with SAVED_AT, when the network fails or Rehabit cannot answer (5xx, or a page
//   that is not JSON). No other API answer is ever cached; signing out deletes API_CACHE (api.js).
// - Everything else, and every request that is not a GET (session logs go through the outbox), is left alone.

// replaced by the gateway (AppShell) with this build's files and version
const SHELL = {version: 'unversioned', files: ['/index.html']};

const SHELL_CACHE = `rehabit-shell-${SHELL.version}`;
const API_CACHE = 'rehabit-api'; // api.js deletes it on sign-out
const SAVED_AT = 'X-Rehabit-Saved-At'; // api.js reads it
/** The reads the patient's today page needs: nothing else of the API is ever cached. */
const ROUTINE_READS = ['/api/v1/me/today'];
/** A saved routine older than this is not shown (and is deleted). */
const KEEP_MS = 7 * 24 * 3600 * 1000;

self.addEventListener('install', (event) => {
    event.waitUntil((async () => {
        const cache = await caches.open(SHELL_CACHE);
        // past the browser's HTTP cache: the files must be this version's
        await cache.addAll(SHELL.files.map((url) => new Request(url, {cache: 'reload'})));
        // every module is loaded when a page starts, so an open page is not disturbed by the new worker
        await self.skipWaiting();
    })());
});

self.addEventListener('activate', (event) => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name.startsWith('rehabit-shell-') && name !== SHELL_CACHE) await caches.delete(name);
        }
        await self.clients.claim();
    })());
});

self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === 'navigate') {
        // the app is one page with hash routes (and the sign-in provider's ?code= on the way back); other pages
        // (/q/..., an API URL opened in a tab) are not the app's
        if (url.pathname === '/' || url.pathname === '/index.html') event.respondWith(fromShell(event, '/index.html'));
        return;
    }
    if (ROUTINE_READS.includes(url.pathname) && !url.search) {
        event.respondWith(routine(request));
        return;
    }
    if (!url.search && SHELL.files.includes(url.pathname)) event.respondWith(fromShell(event, url.pathname));
});

async function fromShell(event, path) {
    const cache = await caches.open(SHELL_CACHE);
    const cached = await cache.match(path);
    if (!path.startsWith('/webjars/')) return cached || fetch(event.request);
    const refresh = fetch(path, {cache: 'no-cache'}).then(async (response) => {
        if (response.ok) await cache.put(path, response.clone());
        return response;
    });
    if (!cached) return refresh;
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
}

/** Network first; the copy saved for this user when the network or Rehabit fails. */
async function routine(request) {
    const user = await userOf(request);
    if (!user) return fetch(request);
    const key = new URL(request.url);
    key.searchParams.set('user', user);
    let response;
    try {
        response = await fetch(request);
    } catch (e) {
        const saved = await savedCopy(key);
        if (saved) return saved;
        throw e;
    }
    const json = /[/+]json\b/i.test(response.headers.get('Content-Type') || '');
    if (response.ok && json) {
        await save(key, response.clone());
        return response;
    }
    if (response.status >= 500 || (response.ok && !json)) return (await savedCopy(key)) || response;
    return response; // 4xx: an answer (signed out, not allowed, no such patient), never hidden behind a copy
}

async function save(key, response) {
    const cache = await caches.open(API_CACHE);
    // one user's routine on a device: another user's goes as soon as someone else's is saved
    for (const old of await cache.keys()) {
        if (new URL(old.url).searchParams.get('user') !== key.searchParams.get('user')) await cache.delete(old);
    }
    const headers = new Headers(response.headers);
    headers.set(SAVED_AT, new Date().toISOString());
    await cache.put(key, new Response(await response.blob(), {status: response.status, headers}));
}

async function savedCopy(key) {
    const cache = await caches.open(API_CACHE);
    const saved = await cache.match(key);
    if (!saved) return null;
    if (!(Date.now() - Date.parse(saved.headers.get(SAVED_AT)) < KEEP_MS)) {
        await cache.delete(key);
        return null;
    }
    return saved;
}

/**
 * Who a bearer token belongs to (issuer and subject, hashed), read without checking its signature: it only
 * separates one user's saved routine from another's on this device; the server checked the token that fetched it.
 */
async function userOf(request) {
    const token = (request.headers.get('Authorization') || '').replace(/^Bearer /, '');
    try {
        const payload = token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
        const padded = payload.padEnd(Math.ceil(payload.length / 4) * 4, '=');
        const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
        const claims = JSON.parse(new TextDecoder().decode(bytes));
        if (!claims.sub) return null;
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${claims.iss}\n${claims.sub}`));
        return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    } catch {
        return null;
    }
}
