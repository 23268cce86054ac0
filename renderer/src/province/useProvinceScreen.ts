// The console's plumbing on the screens' shared scaffolding: the province's token, the floor as the
// snapshot (read again each half minute: offline sites and their alerts are a matter of time), and
// each site's row replaced as its push lands.
import type { ProvinceFloor, SiteLive } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import type { LiveState } from '../live.ts';
import { useScreen, type Screen } from '../common/useHubScreen.ts';
import { papi, provinceToken } from './provinceApi.ts';
import { useProvinceLive } from './useProvinceLive.ts';

export type ProvinceScreen = Screen<ProvinceFloor> & { live: LiveState };

export function useProvinceScreen(lang: Lang): ProvinceScreen {
  const screen = useScreen<ProvinceFloor>({
    store: provinceToken,
    lang,
    load: (token) => papi('province:floor', {}, token),
    refreshEveryMs: 30_000,
  });
  const live = useProvinceLive({
    token: screen.token,
    onSite: (site: SiteLive) => screen.update((f) => ({ ...f, sites: f.sites.map((s) => (s.id === site.id ? site : s)) })),
    onSubscribed: screen.refresh,
    onRefused: screen.refresh,
  });
  return { ...screen, live };
}
