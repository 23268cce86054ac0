// The live table's socket: every site's row as its push lands. It reconnects as the hub's stream
// does (a quarter second, doubling to 5 s), never at a fixed pace that a restarting server meets all at once.
import { useEffect, useRef, useState } from 'react';
import { PROVINCE_WS_PATH, type ProvinceServerMessage, type SiteLive } from '../../../main/contract/index.ts';
import type { LiveState } from '../live.ts';

export interface ProvinceLiveOptions {
  token: string | null;
  onSite: (site: SiteLive) => void;
  /** Subscribed (again): what changed while away is in a fresh snapshot. */
  onSubscribed: () => void;
  /** The server refused the token: a load will say whether it is gone. */
  onRefused: () => void;
}

export function useProvinceLive(opts: ProvinceLiveOptions): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(opts);
  latest.current = opts;
  const { token } = opts;

  useEffect(() => {
    if (!token) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      if (stopped) return;
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(`${proto}//${location.host}${PROVINCE_WS_PATH}`);
      socket.onopen = () => socket?.send(JSON.stringify({ token }));
      socket.onmessage = (m) => {
        // the province sends only ProvinceServerMessage: its socket layer's sends are typed so
        const msg = JSON.parse(String(m.data)) as ProvinceServerMessage;
        if (msg.type === 'subscribed') {
          retry = 0;
          setState('online');
          latest.current.onSubscribed();
        } else if (msg.type === 'site') latest.current.onSite(msg.site);
        else latest.current.onRefused();
      };
      socket.onclose = () => {
        setState('offline');
        if (stopped) return;
        retry = Math.min(retry + 1, 6);
        timer = setTimeout(connect, Math.min(5000, 250 * 2 ** retry));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [token]);

  return token ? state : 'connecting';
}
