// A screen's plumbing in one place: its token (kept per screen), pairing from a QR link or the
// kiosk app, the snapshot it loads, the live stream that keeps it current, and signing out when
// the server no longer knows the token. Screens describe what they load and how an event changes it.
// `useScreen` is the part that does not depend on which server answers (the hub or the province):
// the token, the snapshot and its failures; `useHubScreen` adds the hub's pairing and live stream.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalEvent, Topic } from '../../../main/contract/index.ts';
import { errorCodeOf, errorText, pairFromLocation, tokens, type Lang, type TokenScope } from '../api.ts';
import { bridge } from '../bridge.ts';
import { useCoalesced, useLive, type LiveState } from '../live.ts';

/** Where a screen keeps its token between visits (localStorage, one key per screen). */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export interface ScreenOptions<S> {
  store: TokenStore;
  lang: Lang;
  load: (token: string) => Promise<S>;
  /** Take a fresh snapshot this often anyway (what changes with time alone, such as opening hours). */
  refreshEveryMs?: number;
  /**
   * A snapshot already loaded with the stored token before the first render (the kiosk's, #24): the
   * first render shows it, and the screen does not ask for it again on mounting.
   */
  initial?: S | null;
}

export interface Screen<S> {
  token: string | null;
  /** After a sign-in or a pairing form: read the token the form stored. */
  signedIn: () => void;
  signOut: () => void;
  snapshot: S | null;
  /** The snapshot as of now, between renders (for a stream's handler). */
  current: () => S | null;
  /** Replace the snapshot at once (a stream's change, already applied). */
  set: (s: S) => void;
  /** Change the snapshot locally (an answer that already says what changed). */
  update: (fn: (s: S) => S) => void;
  /** The last load's failure, in the screen's language; null when fine. */
  error: string | null;
  reload: () => Promise<void>;
  /** A fresh snapshot soon: many asks within 100 ms, one load. */
  refresh: () => void;
  /** For a failed action: signs out when the token is gone (true), else gives the message to show. */
  failure: (err: unknown) => string | null;
}

export interface HubScreenOptions<S> {
  scope: TokenScope;
  lang: Lang;
  /** Devices pair from `#pair=CODE` or take the kiosk app's identity; staff sign in. */
  identity: 'device' | 'staff';
  load: (token: string) => Promise<S>;
  /** The journal sequence the snapshot reflects: the live stream continues after it. */
  head: (s: S) => number;
  topics: (s: S | null) => Topic[];
  /**
   * How events change the snapshot; `null` asks for a fresh one (coalesced). A configuration change
   * (`config:changed`: a field, a counter, the settings) always takes a fresh one, whatever this says.
   */
  apply: (s: S, events: JournalEvent[]) => S | null;
  /** What else events do (speak a call, ask for a rating), after the snapshot has been updated. */
  onEvents?: (events: JournalEvent[]) => void;
  /** Take a fresh snapshot this often anyway (what changes with time alone, such as opening hours). */
  refreshEveryMs?: number;
  /** A snapshot loaded before the first render with the stored token (see ScreenOptions.initial). */
  initial?: S | null;
}

export interface HubScreen<S> {
  token: string | null;
  /** After a sign-in or a pairing form: read the token the form stored. */
  signedIn: () => void;
  signOut: () => void;
  snapshot: S | null;
  /** Change the snapshot locally (an answer that already says what changed). */
  update: (fn: (s: S) => S) => void;
  live: LiveState;
  /** The last load's failure, in the screen's language; null when fine. */
  error: string | null;
  reload: () => Promise<void>;
  /** For a failed action: signs out when the token is gone (true), else gives the message to show. */
  failure: (err: unknown) => string | null;
}

const signedOutCodes = new Set(['UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED']);

/** The token, the snapshot and what a failure means, whichever server the screen talks to. */
export function useScreen<S>(opts: ScreenOptions<S>): Screen<S> {
  const [token, setToken] = useState(() => opts.store.get());
  const [snapshot, setSnapshot] = useState<S | null>(() => (opts.initial && opts.store.get() ? opts.initial : null));
  const [error, setError] = useState<string | null>(null);
  // Loaded just before mounting: the first load is the one already done, not a second request.
  const loadedBeforeMount = useRef(snapshot !== null);
  const latest = useRef(opts);
  latest.current = opts;
  const snap = useRef<S | null>(null);
  snap.current = snapshot;

  const signOut = useCallback(() => {
    latest.current.store.set(null);
    setToken(null);
    setSnapshot(null);
  }, []);

  const failure = useCallback(
    (err: unknown): string | null => {
      if (signedOutCodes.has(errorCodeOf(err) ?? '')) {
        signOut();
        return null;
      }
      return errorText(err, latest.current.lang);
    },
    [signOut],
  );

  const reload = useCallback(async () => {
    if (!token) return;
    try {
      const s = await latest.current.load(token);
      setSnapshot(s);
      setError(null);
    } catch (err) {
      setError(failure(err));
    }
  }, [token, failure]);

  useEffect(() => {
    if (loadedBeforeMount.current) loadedBeforeMount.current = false;
    else void reload();
    const every = latest.current.refreshEveryMs;
    if (!every) return;
    const t = setInterval(() => void reload(), every);
    return () => clearInterval(t);
  }, [reload]);

  const refresh = useCoalesced(() => void reload(), 100);

  const update = useCallback((fn: (s: S) => S) => {
    setSnapshot((s) => (s === null ? s : fn(s)));
  }, []);
  const set = useCallback((s: S) => {
    snap.current = s;
    setSnapshot(s);
  }, []);
  const current = useCallback(() => snap.current, []);

  return {
    token,
    signedIn: () => setToken(latest.current.store.get()),
    signOut,
    snapshot,
    current,
    set,
    update,
    error,
    reload,
    refresh,
    failure,
  };
}

export function useHubScreen<S>(opts: HubScreenOptions<S>): HubScreen<S> {
  const { scope, identity } = opts;
  const latest = useRef(opts);
  latest.current = opts;
  const screen = useScreen<S>({
    store: { get: () => tokens.get(scope), set: (token) => tokens.set(scope, token) },
    lang: opts.lang,
    load: opts.load,
    refreshEveryMs: opts.refreshEveryMs,
    initial: opts.initial,
  });
  const { signedIn, refresh } = screen;
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;

  useEffect(() => {
    if (identity !== 'device') return;
    const app = bridge();
    if (app) {
      // Inside the kiosk app, the app holds the device identity (its printer agent is the same device).
      void app
        .appConfig()
        .then((c) => {
          if (c.deviceToken) {
            tokens.set(scope, c.deviceToken);
            signedInRef.current();
          }
        })
        .catch(() => undefined);
      return;
    }
    pairFromLocation(scope)
      .then((paired) => paired && signedInRef.current())
      .catch(() => undefined);
  }, [scope, identity]);

  const onEvents = (events: JournalEvent[]) => {
    const s = screen.current();
    // A fresh snapshot may already hold what the stream delivers next.
    const unseen = s === null ? [] : events.filter((e) => e.seq > latest.current.head(s));
    if (s !== null && unseen.length > 0) {
      // Settings reach every screen live: the hub journals each change, and the screen reloads.
      const next = unseen.some((e) => e.type === 'config:changed') ? null : latest.current.apply(s, unseen);
      if (next === null) refresh();
      else if (next !== s) screen.set(next);
    }
    latest.current.onEvents?.(events);
  };
  const live = useLive({
    token: screen.token,
    topics: opts.topics(screen.snapshot),
    since: screen.snapshot === null ? null : opts.head(screen.snapshot),
    onEvents,
    onReset: refresh,
  });
  useBackOnline(live, refresh);

  return {
    token: screen.token,
    signedIn,
    signOut: screen.signOut,
    snapshot: screen.snapshot,
    update: screen.update,
    live,
    error: screen.error,
    reload: screen.reload,
    failure: screen.failure,
  };
}

/**
 * Back online after an outage: the stream replays what was missed, and the figures events do not
 * carry (estimates drift with time) are taken fresh once.
 */
export function useBackOnline(live: LiveState, refresh: () => void): void {
  const lost = useRef(false);
  useEffect(() => {
    if (live === 'offline') lost.current = true;
    else if (live === 'online' && lost.current) {
      lost.current = false;
      refresh();
    }
  }, [live, refresh]);
}
