// The province's days are Vietnam's service days, whatever the server's own time zone.
import { serviceDayOf, type Clock } from '../main/base/time.ts';

export const PROVINCE_TZ = 'Asia/Ho_Chi_Minh';

export function provinceToday(clock: Clock): string {
  return serviceDayOf(clock(), PROVINCE_TZ);
}
