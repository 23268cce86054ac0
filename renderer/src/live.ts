// The live event stream with reconnect and resync: the client remembers the last sequence
// number it saw and asks for everything after it when it reconnects, so no call is missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalEvent, ServerMessage, Topic } from '../../main/contract/index.ts';
import { WS_PATH } from '../../main/contract/eventGuards.ts';

export type LiveState = 'connecting' | 'online' | 'offline';

export interface LiveOptions {
  token: string | null;
  topics: Topic[];
  /** Sequence number the screen's snapshot reflects; events after it are delivered. */
  since: number | null;
  onEvents: (events: JournalEvent[]) => void;
  /** The hub says too much was missed: refetch the snapshot. */
  onReset: () => void;
}

export function useLive(opts: LiveOptions): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(opts);
  latest.current = opts;
  const topicsKey = JSON.stringify(opts.topics);
  const ready = opts.token !== null && opts.since !== null;

  useEffect(() => {
    if (!ready) return;
    let socket: WebSocket | null = null;
    let lastSeq = latest.current.since ?? 0;
    let stopped = false;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const connect = () => {
      if (stopped) return;
      setState((s) => (s === 'online' ? 'offline' : s));
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(`${proto}//${location.host}${WS_PATH}`);
      socket.onopen = () => {
        socket?.send(
          // topicsKey is JSON.stringify of the Topic[] this hook was given
          JSON.stringify({ type: 'subscribe', token: latest.current.token, topics: JSON.parse(topicsKey) as Topic[], since: lastSeq }),
        );
      };
      socket.onmessage = (msg) => {
        // the hub sends only ServerMessage: every send in its socket layer (ws.ts) is typed so
        const data = JSON.parse(String(msg.data)) as ServerMessage;
        if (data.type === 'subscribed') {
          retry = 0;
          setState('online');
        } else if (data.type === 'event' || data.type === 'events') {
          const events = (data.type === 'event' ? [data.event] : data.events).filter((e) => e.seq > lastSeq);
          const last = events.at(-1);
          if (!last) return;
          lastSeq = last.seq;
          latest.current.onEvents(events);
        } else if (data.type === 'reset') {
          lastSeq = data.head;
          setState('online');
          latest.current.onReset();
        } else if (data.type === 'error') {
          setState('offline');
        }
      };
      socket.onclose = () => {
        setState('offline');
        if (stopped) return;
        retry = Math.min(retry + 1, 6);
        timer = setTimeout(connect, Math.min(5000, 250 * 2 ** retry));
      };
    };
    connect();
    const ping = setInterval(() => {
      if (socket?.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
    }, 15_000);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ping);
      socket?.close();
    };
  }, [ready, topicsKey]);

  return ready ? state : 'connecting';
}

/** Runs `fn` at most once per `ms`, the last call winning: many events, one refetch. */
export function useCoalesced(fn: () => void, ms = 80): () => void {
  const ref = useRef(fn);
  ref.current = fn;
  const wait = useRef(ms);
  wait.current = ms;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // Stable across renders (it reads refs), so effects may list it as a dependency.
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      ref.current();
    }, wait.current);
  }, []);
}
