// Every HTTP endpoint of the hub as the client needs it: method, path and who may call it, with no
// schema (#24). The hub validates each request with endpoints.ts, whose table this one must equal
// name by name (tests/main/contractRoutes.test.ts); a screen builds its requests from this one and
// so loads without zod. A new endpoint goes in both.
import type { EndpointName } from './endpoints.ts';
import type { Role } from './enums.ts';

export type Access = Role | 'public';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: `/api/${string}`;
  readonly access: readonly Access[];
}

const staffRoles = ['admin', 'manager', 'officer'] as const satisfies readonly Role[];
const managers = ['admin', 'manager'] as const satisfies readonly Role[];
const everyone = ['admin', 'manager', 'officer', 'kiosk', 'display', 'rating', 'counter_board'] as const satisfies readonly Role[];

export const routes: { readonly [N in EndpointName]: Route } = {
  'hub:health': { method: 'GET', path: '/api/health', access: ['public'] },
  'auth:login': { method: 'POST', path: '/api/auth/login', access: ['public'] },
  'device:pair': { method: 'POST', path: '/api/devices/pair', access: ['public'] },
  'setup:status': { method: 'GET', path: '/api/setup', access: ['public'] },
  'setup:complete': { method: 'POST', path: '/api/setup', access: ['public'] },
  'auth:change-password': { method: 'POST', path: '/api/auth/password', access: staffRoles },
  'auth:me': { method: 'GET', path: '/api/auth/me', access: everyone },
  'auth:logout': { method: 'POST', path: '/api/auth/logout', access: staffRoles },
  'center:get': { method: 'GET', path: '/api/center', access: everyone },
  'kiosk:voice': { method: 'GET', path: '/api/kiosk/voice', access: ['kiosk', 'admin', 'manager'] },
  'floor:get': { method: 'GET', path: '/api/floor', access: everyone },
  'floor:close-counter': { method: 'POST', path: '/api/floor/counters/:id/close', access: managers },
  'floor:move-waiting': { method: 'POST', path: '/api/floor/move-waiting', access: managers },
  'floor:find-ticket': { method: 'GET', path: '/api/floor/tickets', access: managers },
  'ticket:issue': { method: 'POST', path: '/api/tickets', access: ['kiosk', 'officer', 'manager', 'admin'] },
  'ticket:public': { method: 'GET', path: '/api/public-ticket', access: ['public'] },
  'rating:phone': { method: 'POST', path: '/api/public-rating', access: ['public'] },
  'ticket:get': { method: 'GET', path: '/api/tickets/:id', access: ['kiosk', 'officer', 'manager', 'admin'] },
  'counter:open': { method: 'POST', path: '/api/counter/open', access: ['officer'] },
  'counter:close': { method: 'POST', path: '/api/counter/close', access: ['officer'] },
  'counter:pause': { method: 'POST', path: '/api/counter/pause', access: ['officer'] },
  'counter:resume': { method: 'POST', path: '/api/counter/resume', access: ['officer'] },
  'counter:get': { method: 'GET', path: '/api/counter', access: ['officer'] },
  'counter:call-next': { method: 'POST', path: '/api/counter/call-next', access: ['officer'] },
  'counter:call': { method: 'POST', path: '/api/counter/call', access: ['officer'] },
  'ticket:recall': { method: 'POST', path: '/api/tickets/:id/recall', access: ['officer'] },
  'ticket:sms': { method: 'POST', path: '/api/tickets/:id/sms', access: ['kiosk', 'officer'] },
  'ticket:start': { method: 'POST', path: '/api/tickets/:id/start', access: ['officer'] },
  'ticket:finish': { method: 'POST', path: '/api/tickets/:id/finish', access: ['officer'] },
  'ticket:no-show': { method: 'POST', path: '/api/tickets/:id/no-show', access: ['officer'] },
  'ticket:reactivate': { method: 'POST', path: '/api/tickets/:id/reactivate', access: ['officer', 'manager', 'admin'] },
  'ticket:transfer': { method: 'POST', path: '/api/tickets/:id/transfer', access: ['officer'] },
  'ticket:cancel': { method: 'POST', path: '/api/tickets/:id/cancel', access: ['officer', 'manager', 'admin'] },
  'print:claim': { method: 'POST', path: '/api/print-jobs/claim', access: ['kiosk'] },
  'print:report': { method: 'POST', path: '/api/print-jobs/:id/result', access: ['kiosk'] },
  'print:get': { method: 'GET', path: '/api/print-jobs/:id', access: ['kiosk', 'manager', 'admin'] },
  'print:reprint': { method: 'POST', path: '/api/print-jobs/:id/reprint', access: ['kiosk', 'manager', 'admin'] },
  'print:test': { method: 'POST', path: '/api/print-test', access: managers },
  'print:jobs': { method: 'GET', path: '/api/print-jobs', access: managers },
  'print:preview': { method: 'GET', path: '/api/print-preview', access: managers },
  'printer:report-status': { method: 'POST', path: '/api/devices/printer-status', access: ['kiosk'] },
  'scan:read': { method: 'POST', path: '/api/scan', access: ['kiosk'] },
  'scan:issue': { method: 'POST', path: '/api/scan/issue', access: ['kiosk'] },
  'appointments:create': { method: 'POST', path: '/api/appointments/quick', access: ['officer', 'manager', 'admin'] },
  'appointments:book': { method: 'POST', path: '/api/appointments', access: ['officer', 'manager', 'admin'] },
  'appointments:list': { method: 'GET', path: '/api/appointments', access: ['officer', 'manager', 'admin'] },
  'rating:submit': { method: 'POST', path: '/api/ratings', access: ['rating'] },
  'rating:timeout': { method: 'POST', path: '/api/ratings/timeout', access: ['rating'] },
  'ratings:verify': { method: 'GET', path: '/api/ratings/verify', access: managers },
  'stats:report': { method: 'GET', path: '/api/stats', access: managers },
  'stats:export': { method: 'POST', path: '/api/stats/exports', access: managers },
  'stats:export-status': { method: 'GET', path: '/api/stats/exports/:id', access: managers },
  'stats:export-file': { method: 'GET', path: '/api/stats/exports/:id/file', access: managers },
  'fields:list': { method: 'GET', path: '/api/config/fields', access: managers },
  'fields:create': { method: 'POST', path: '/api/config/fields', access: managers },
  'fields:update': { method: 'PUT', path: '/api/config/fields/:id', access: managers },
  'counters:list': { method: 'GET', path: '/api/config/counters', access: managers },
  'counters:create': { method: 'POST', path: '/api/config/counters', access: managers },
  'counters:update': { method: 'PUT', path: '/api/config/counters/:id', access: managers },
  'staff:list': { method: 'GET', path: '/api/config/staff', access: managers },
  'staff:create': { method: 'POST', path: '/api/config/staff', access: ['admin'] },
  'staff:update': { method: 'PUT', path: '/api/config/staff/:id', access: ['admin'] },
  'devices:list': { method: 'GET', path: '/api/config/devices', access: managers },
  'devices:create': { method: 'POST', path: '/api/config/devices', access: managers },
  'devices:new-code': { method: 'POST', path: '/api/config/devices/:id/pairing-code', access: managers },
  'devices:set-printer': { method: 'PUT', path: '/api/config/devices/:id/printer', access: managers },
  'devices:revoke': { method: 'POST', path: '/api/config/devices/:id/revoke', access: managers },
  'settings:get': { method: 'GET', path: '/api/config/settings', access: managers },
  'settings:update': { method: 'PUT', path: '/api/config/settings', access: managers },
  'settings:phone-addresses': { method: 'GET', path: '/api/config/phone-addresses', access: managers },
  'voice:preview': { method: 'POST', path: '/api/config/voice-preview', access: managers },
  'voice-clips:list': { method: 'GET', path: '/api/config/voice-clips', access: managers },
  'voice-clips:save': { method: 'POST', path: '/api/config/voice-clips', access: managers },
  'voice-clips:delete': { method: 'POST', path: '/api/config/voice-clips/delete', access: managers },
  'voice-clips:call': { method: 'GET', path: '/api/config/voice-clips/call', access: managers },
  'journal:list': { method: 'GET', path: '/api/journal', access: managers },
  'province-link:get': { method: 'GET', path: '/api/province-link', access: managers },
  'province-link:join': { method: 'POST', path: '/api/province-link', access: ['admin'] },
  'province-link:share-names': { method: 'POST', path: '/api/province-link/share-names', access: ['admin'] },
  'province-link:catalogue': { method: 'GET', path: '/api/province-link/catalogue', access: managers },
  'province-link:catalogue-accept': { method: 'POST', path: '/api/province-link/catalogue/accept', access: managers },
  'province-link:remove': { method: 'POST', path: '/api/province-link/remove', access: ['admin'] },
  'audit:list': { method: 'GET', path: '/api/audit', access: managers },
  'backups:list': { method: 'GET', path: '/api/backups', access: managers },
  'backups:create': { method: 'POST', path: '/api/backups', access: managers },
};
