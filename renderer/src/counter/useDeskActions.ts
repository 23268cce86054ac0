// What an officer does at the desk, one request at a time: a double click or a held key cannot
// call twice. The action's event makes the desk be read once (not the whole console); without a
// live stream the answer does.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterDesk, PauseReason } from '../../../main/contract/index.ts';
import { api } from '../api.ts';

export type Action = 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'pause' | 'resume';

const shortcuts: Record<string, Action | 'transfer'> = {
  n: 'call-next',
  r: 'recall',
  b: 'start',
  h: 'finish',
  v: 'no-show',
  c: 'transfer',
  p: 'pause',
};

export interface DeskActions {
  busy: boolean;
  /** Runs one request; `then` receives its answer. Failures go to `onError`. */
  run: <T>(fn: () => Promise<T>, then?: (answer: T) => void) => Promise<void>;
  act: (action: Action) => Promise<void> | undefined;
  pause: (reason: PauseReason) => Promise<void> | undefined;
  /** "Hoàn thành" pressed while it cannot be done: say why. */
  explainFinish: () => void;
}

export function useDeskActions(opts: {
  token: string | null;
  desk: CounterDesk | null;
  /** The desk after an action, when the answer is the desk itself. */
  onDesk: (desk: CounterDesk) => void;
  /** After an action whose answer is a ticket: read the desk again (its event does that when the stream is up). */
  refreshDesk: () => void;
  streamOnline: boolean;
  onError: (err: unknown) => void;
  /** A new action begins: the last one's error is no longer current. */
  onStart: () => void;
  /** An action that cannot be done yet, and what to do instead. */
  onHint: (hint: 'startFirst' | 'nothingToFinish') => void;
  /** Pausing: ask the officer why, then call `pause(reason)`. */
  onAskPause: () => void;
}): DeskActions {
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const latest = useRef(opts);
  latest.current = opts;

  const run = useCallback(async <T>(fn: () => Promise<T>, then?: (answer: T) => void) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    latest.current.onStart();
    try {
      const answer = await fn();
      if (then) then(answer);
      else if (!latest.current.streamOnline) latest.current.refreshDesk();
    } catch (err) {
      latest.current.onError(err);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const { token, desk } = opts;
  const act = useCallback(
    (action: Action) => {
      if (!token) return;
      const id = desk?.current?.id;
      const onDesk = (d: CounterDesk) => latest.current.onDesk(d);
      switch (action) {
        case 'call-next':
          return run(() => api('counter:call-next', {}, token));
        case 'pause':
          // Pausing asks why first (see `pause`); the same key resumes.
          if (desk?.counter.state !== 'paused') return void latest.current.onAskPause();
          return run(() => api('counter:resume', {}, token), onDesk);
        case 'resume':
          return run(() => api('counter:resume', {}, token), onDesk);
        case 'recall':
          return id === undefined ? undefined : run(() => api('ticket:recall', { id }, token));
        case 'start':
          return id === undefined ? undefined : run(() => api('ticket:start', { id }, token));
        case 'finish':
          // Finishing what never started would record a service time of nothing: start first.
          if (desk?.current?.status === 'called') return void latest.current.onHint('startFirst');
          return id === undefined ? undefined : run(() => api('ticket:finish', { id }, token));
        case 'no-show':
          return id === undefined ? undefined : run(() => api('ticket:no-show', { id }, token));
      }
    },
    [token, desk, run],
  );

  const pause = useCallback(
    (reason: PauseReason) =>
      token
        ? run(
            () => api('counter:pause', { reason }, token),
            (d) => latest.current.onDesk(d),
          )
        : undefined,
    [token, run],
  );

  const explainFinish = useCallback(() => {
    if (busyRef.current) return;
    latest.current.onHint(latest.current.desk?.current ? 'startFirst' : 'nothingToFinish');
  }, []);

  return { busy, run, act, pause, explainFinish };
}

/**
 * The console's keyboard: one letter per action, none while typing or while a dialog is open.
 * The listener reads the latest state through a ref: a key pressed right after a number appears
 * (before React's effects catch up) acts on that number, not on the screen before it.
 */
export function useDeskShortcuts(enabled: boolean, act: (a: Action) => unknown, onTransfer: () => void): void {
  const latest = useRef({ enabled, act, onTransfer });
  latest.current = { enabled, act, onTransfer };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { enabled: on, act: run, onTransfer: transfer } = latest.current;
      if (!on || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      const action = shortcuts[e.key.toLowerCase()];
      if (!action) return;
      e.preventDefault();
      if (action === 'transfer') transfer();
      else void run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
