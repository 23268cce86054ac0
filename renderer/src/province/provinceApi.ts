// The console's way to the province server: the contract's province client and where its token is kept.
import { createProvinceClient } from '../../../main/contract/index.ts';
import type { TokenStore } from '../common/useHubScreen.ts';

export const papi = createProvinceClient({ baseUrl: '' });

const TOKEN_KEY = 'motcua.token.province';
export const provinceToken: TokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token) => (token ? localStorage.setItem(TOKEN_KEY, token) : localStorage.removeItem(TOKEN_KEY)),
};

export const PROVINCE_TZ = 'Asia/Ho_Chi_Minh';
