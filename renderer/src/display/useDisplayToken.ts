import { useEffect, useState } from 'react';
import { pairFromLocation, tokens } from '../api.ts';

/** A display pairs once (from its QR's #pair=CODE, or the pairing form) and keeps its token. */
export function useDisplayToken(): [string | null, (t: string | null) => void] {
  const [token, setToken] = useState(() => tokens.get('display'));
  useEffect(() => {
    pairFromLocation('display')
      .then((paired) => paired && setToken(tokens.get('display')))
      .catch(() => undefined);
  }, []);
  return [
    token,
    (t) => {
      tokens.set('display', t);
      setToken(t);
    },
  ];
}
