// The renderer's way to the hub: the contract's typed client, tokens kept per screen.
import { ApiError, createApiClient } from '../../main/contract/client.ts';
import { errorCatalog } from '../../main/contract/errors.ts';
import { fetchOrEarly } from './early.ts';

export const api = createApiClient({ baseUrl: '', fetch: fetchOrEarly });
export { ApiError };

/** Each screen keeps its own credentials, so a counter tab and a manager tab can coexist. */
export type TokenScope = 'kiosk' | 'counter' | 'manager' | 'display' | 'rating';

export const tokens = {
  get(scope: TokenScope): string | null {
    return localStorage.getItem(`motcua.token.${scope}`);
  },
  set(scope: TokenScope, token: string | null): void {
    if (token) localStorage.setItem(`motcua.token.${scope}`, token);
    else localStorage.removeItem(`motcua.token.${scope}`);
  },
};

export type Lang = 'vi' | 'en';

/** The message to show for a failed call, in the screen's language. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return lang === 'vi' ? 'Mất kết nối tới máy chủ.' : 'Lost connection to the hub.';
    const info = errorCatalog[err.code];
    if (info) return lang === 'vi' ? info.vi : info.en;
  }
  return lang === 'vi' ? 'Đã xảy ra lỗi. Vui lòng thử lại.' : 'Something went wrong. Please try again.';
}

export function errorCodeOf(err: unknown): string | null {
  return err instanceof ApiError ? err.code : null;
}

/** `#pair=CODE` in the address: a device opened from a pairing QR pairs itself. */
export async function pairFromLocation(scope: TokenScope): Promise<boolean> {
  const m = /pair=([A-Za-z0-9]{4,16})/.exec(location.hash);
  if (!m) return false;
  history.replaceState(null, '', location.pathname + location.search);
  // group 1 takes part in every match of the pattern
  const { token } = await api('device:pair', { code: m[1]! });
  tokens.set(scope, token);
  return true;
}
